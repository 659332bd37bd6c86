package org.stationd.verb;

import java.util.Map;
import org.stationd.api.Conference;
import org.stationd.call.CallLeg;
import org.stationd.esl.command.SendMsg;

/** {@code call.join(conference)}: puts the call in the conference; {@code conferenceJoined} follows. */
final class Join extends Verb {
    @Override public String name() { return "join"; }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        String name = ctx.conferenceName(((Conference) args.get("conference")).getName());
        ctx.link().sendmsg(call.getId(), SendMsg.execute("conference", name + "@default"))
                .exceptionally(Answer.fail(ctx, "join " + name));
    }
}
