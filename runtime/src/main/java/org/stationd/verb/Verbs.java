package org.stationd.verb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stationd.call.CallLeg;

/** The registry of call verbs; checks preconditions and arguments (against specs.json) before running one. */
public final class Verbs {
    private final Map<String, Verb> verbs = new LinkedHashMap<>();
    private final VerbSpecs specs;
    private final VerbContext ctx;

    public Verbs(VerbContext ctx) {
        this.ctx = ctx;
        this.specs = VerbSpecs.load();
        for (Verb v : List.of(new Answer(), new Hangup(), new Play(), new Say(), new StopPlayback(), new Record(),
                new Collect(), new Bridge(), new Join(), new Leave(), new Transfer(), new SetVariable())) {
            verbs.put(v.name(), v);
        }
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
