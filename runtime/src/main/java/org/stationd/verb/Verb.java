package org.stationd.verb;

import java.util.Map;
import org.stationd.call.CallLeg;

/**
 * One thing a program can do to a call. Each verb is a small class: its name, what must hold
 * before it can run, and what it sends to the switch. Its arguments are checked against
 * {@code specs.json} before {@link #exec} sees them, so adding a verb touches one class and one
 * schema entry.
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
