package org.stationd.verb;

import java.util.Map;
import org.stationd.call.CallLeg;
import org.stationd.limits.SwitchValues;

/** {@code call.setVariable(name, value)}: sets a channel variable ({@code uuid_setvar}). */
final class SetVariable extends Verb {
    @Override public String name() { return "set"; }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        String name = SwitchValues.variableName("setVariable: name", args.get("name"));
        ctx.link().api("uuid_setvar " + call.getId() + " " + name + " " + args.get("value"))
                .exceptionally(Answer.fail(ctx, "setVariable"));
    }
}
