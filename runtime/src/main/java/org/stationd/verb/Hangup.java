package org.stationd.verb;

import java.util.Map;
import org.stationd.call.CallLeg;
import org.stationd.esl.command.SendMsg;

/**
 * {@code call.hangup(cause)}: ends the call; {@code hangup} follows. Read top to bottom, a script's
 * {@code play('bye.wav'); hangup()} means "after the goodbye": when something the program asked
 * for is still playing on the call, the hangup queues behind it (FreeSWITCH's {@code hangup}
 * application); otherwise it is immediate. {@code stopPlayback()} first cuts it short.
 */
final class Hangup extends Verb {
    @Override public String name() { return "hangup"; }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        call.markHangupRequested();
        String cause = (String) args.get("cause");
        // in a conference nothing of ours is queued on the call: the conference holds it, so cut at once
        boolean queued = !call.pendingOps().isEmpty() && call.conferenceName() == null;
        SendMsg msg = queued ? SendMsg.execute("hangup", cause).eventLock(true) : SendMsg.hangup(cause);
        ctx.link().sendmsg(call.getId(), msg).exceptionally(Answer.fail(ctx, "hangup"));
    }
}
