package org.stationd.verb;

import java.util.Map;
import org.stationd.call.CallLeg;

/** The call verbs (found by {@link VerbCatalog}, described by specs.json); checks preconditions and arguments (against specs.json) before running one. */
public final class Verbs {
    private final Map<String, Verb> verbs;
    private final VerbSpecs specs;
    private final VerbContext ctx;

    public Verbs(VerbContext ctx) {
        this.ctx = ctx;
        this.specs = VerbSpecs.load();
        this.verbs = VerbCatalog.verbs();   // every Verb class there is, shared by all stations: nothing lists them
        specs.checkCovers(verbs.keySet());
    }

    /** Runs a verb; a broken precondition or argument throws, which the program sees as an error at its script line. */
    public void run(String name, CallLeg call, Map<String, Object> args) {
        Verb verb = verbs.get(name);
        if (verb == null) {
            throw new IllegalArgumentException("unknown call verb '" + name + "'");
        }
        String why = verb.precondition(call);
        if (why != null) {
            throw new IllegalStateException("cannot " + name + " " + call + ": " + why);
        }
        try {
            verb.exec(call, specs.check(name, args), ctx);
        } catch (org.stationd.limits.LimitException e) {
            ctx.refused(e);
            throw e;
        }
    }
}
