package org.stationd.verb;

import java.util.Map;
import org.stationd.call.CallLeg;
import org.stationd.esl.command.SendMsg;

/** {@code call.say(text)}: text-to-speech through the switch's {@code speak}; {@code playbackDone} follows. */
final class Say extends Verb {
    @Override public String name() { return "say"; }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        String text = ((String) args.get("text")).replace('\n', ' ');
        String app = ctx.newUuid();
        call.expect(app, new CallLeg.PendingOp("say", text, null));
        ctx.link().sendmsg(call.getId(), SendMsg.execute("speak", ctx.ttsVoice() + "|" + text).eventUuid(app).eventLock(true))
                .exceptionally(Answer.fail(ctx, "say"));
    }
}
