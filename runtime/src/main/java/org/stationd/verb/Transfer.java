package org.stationd.verb;

import java.util.Map;
import org.stationd.call.CallLeg;

/** {@code call.transfer(destination)}: sends the call to an extension of the dialplan. */
final class Transfer extends Verb {
    @Override public String name() { return "transfer"; }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        String dest = (String) args.get("destination");
        if (dest.isBlank() || dest.contains(" ")) {
            throw new IllegalArgumentException("transfer: '" + dest + "' is not an extension");
        }
        ctx.link().api("uuid_transfer " + call.getId() + " " + dest).exceptionally(Answer.fail(ctx, "transfer " + dest));
    }
}
