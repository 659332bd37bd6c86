package org.stationd.verb;

import java.util.Map;
import org.stationd.call.CallLeg;

/** {@code call.stopPlayback()}: cuts off what is playing ({@code uuid_break … all}). */
final class StopPlayback extends Verb {
    @Override public String name() { return "stop"; }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        ctx.link().api("uuid_break " + call.getId() + " all").exceptionally(Answer.fail(ctx, "stopPlayback"));
    }
}
