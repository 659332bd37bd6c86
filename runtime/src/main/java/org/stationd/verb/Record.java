package org.stationd.verb;

import java.util.Map;
import org.stationd.call.CallLeg;
import org.stationd.esl.command.SendMsg;

/**
 * {@code call.record(file, maxSeconds)}: records until # or the limit; {@code recordingDone} follows.
 * The station's recordings folder is made first: FreeSWITCH's record does not create folders, and
 * hangs the caller up (DESTINATION_OUT_OF_ORDER) when it cannot open the file.
 */
final class Record extends Verb {
    @Override public String name() { return "record"; }

    @Override
    public String precondition(CallLeg call) {
        if (call.isEnded()) return "the call has ended";
        return call.isAnswered() ? null : "it is not answered yet";
    }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        String file = (String) args.get("file");
        String path = ctx.recording(file);
        String app = ctx.newUuid();
        call.expect(app, new CallLeg.PendingOp("record", path, null));
        ctx.link().sendmsg(call.getId(), SendMsg.execute("set", "playback_terminators=#").eventLock(true));
        ctx.link().sendmsg(call.getId(), SendMsg.execute("record", path + " " + args.get("maxSeconds")).eventUuid(app).eventLock(true))
                .exceptionally(Answer.fail(ctx, "record " + file));
    }
}
