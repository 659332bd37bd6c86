package org.stationd.verb;

import java.util.Map;
import org.stationd.call.CallLeg;

/**
 * One thing a program can do to a call. Each verb is a small class: its name, what must hold
 * before it can run, and what it sends to the switch. Its arguments are checked against its entry
 * in {@code specs.json} (same name) before {@link #exec} sees them.
 *
 * <p>Adding a verb touches three things (docs/adding-a-verb.md): a concrete subclass in this
 * package with a constructor without arguments (found on the class path by {@link VerbCatalog}:
 * nothing lists verbs), its entry in {@code specs.json}, and its action in
 * {@link org.stationd.api.Call}, a default method that calls {@code verb(name, args)}. Groovy
 * programs call it as any API method, JavaScript programs get it from the bridge without an entry
 * there. A verb without a schema entry, or an entry without a verb, stops the host at start-up.
 * Verbs hold no state: one instance serves every station.
 */
public abstract class Verb {
    /** The name used in specs.json and in error messages. */
    public abstract String name();

    /** Why the verb cannot run on this call now, or null if it can. Most verbs need a live call. */
    public String precondition(CallLeg call) {
        return call.isEnded() ? "the call has ended" : null;
    }

    /** Sends the commands. Never blocks: results arrive later as events. */
    public abstract void exec(CallLeg call, Map<String, Object> args, VerbContext ctx);
}
