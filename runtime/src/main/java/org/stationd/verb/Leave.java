package org.stationd.verb;

import java.util.Map;
import org.stationd.call.CallLeg;

/** {@code call.leave()}: takes the call out of its conference or bridge and parks it. */
final class Leave extends Verb {
    @Override public String name() { return "leave"; }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        ctx.link().api("uuid_transfer " + call.getId() + " park inline").exceptionally(Answer.fail(ctx, "leave"));
    }
}
