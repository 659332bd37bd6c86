package org.stationd.verb;

import java.util.Map;
import org.stationd.call.CallLeg;
import org.stationd.esl.command.SendMsg;

/** {@code call.hangup(cause)}: ends the call; {@code hangup} follows. */
final class Hangup extends Verb {
    @Override public String name() { return "hangup"; }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        call.markHangupRequested();
        ctx.link().sendmsg(call.getId(), SendMsg.hangup((String) args.get("cause"))).exceptionally(Answer.fail(ctx, "hangup"));
    }
}
