package org.stationd.verb;

import java.util.Map;
import org.stationd.api.Call;
import org.stationd.call.CallLeg;

/** {@code a.bridge(b)}: connects two calls ({@code uuid_bridge}); {@code bridged} follows. */
final class Bridge extends Verb {
    @Override public String name() { return "bridge"; }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        Call other = (Call) args.get("other");
        if ("ended".equals(other.getState())) {
            throw new IllegalStateException("cannot bridge " + call + " to " + other + ": the other call has ended");
        }
        ctx.link().api("uuid_bridge " + call.getId() + " " + other.getId()).thenAccept(r -> {
            if (r.isError()) {
                ctx.failures("bridge").accept(new IllegalStateException("bridge refused: " + r.text()));
            }
        }).exceptionally(Answer.fail(ctx, "bridge"));
    }
}
