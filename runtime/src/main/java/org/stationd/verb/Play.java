package org.stationd.verb;

import java.util.Map;
import org.stationd.call.CallLeg;
import org.stationd.esl.command.SendMsg;

/** {@code call.play(file)}: plays a file or tone; {@code playbackDone} follows when it ends. */
final class Play extends Verb {
    @Override public String name() { return "play"; }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        String file = (String) args.get("file");
        String app = ctx.newUuid();
        call.expect(app, new CallLeg.PendingOp("play", file, null));
        // event-lock queues it behind what is already playing, as "play this, then that" reads
        ctx.link().sendmsg(call.getId(), SendMsg.execute("playback", ctx.media(file)).eventUuid(app).eventLock(true))
                .exceptionally(Answer.fail(ctx, "play " + file));
    }
}
