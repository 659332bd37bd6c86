package org.stationd.host;

/**
 * Whether the console and the PUB socket carry each call's events (answers, key presses, hang-ups:
 * {@code station/<id>/call}) or only what changes a station (program on air, state changes,
 * program lines, errors, what it airs). Off unless asked for ({@code ./stationd run --events}) or a
 * web console page is watching: at thousands of events a second a console line and a message each
 * are most of the host's work.
 */
public final class PerEventOutput {
    static final String PROPERTY = "stationd.events";

    private final boolean requested = requestedNow();
    /** Console pages watching this host's live feed now: while one is open, call events are published for it. */
    private final java.util.concurrent.atomic.AtomicInteger watching = new java.util.concurrent.atomic.AtomicInteger();

    PerEventOutput() {}

    /** Asks for per-event output from the hosts started after this in this JVM ({@code run --events}). */
    public static void request() {
        System.setProperty(PROPERTY, "true");
    }

    /** Whether per-event output is asked for now (a console listener made now prints each call's events). */
    static boolean requestedNow() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** A console page opened (+1) or closed (-1) the live feed. */
    public void watching(int change) {
        watching.addAndGet(change);
    }

    /** Whether a call's events go out now: asked for, or a page is watching them. */
    boolean wanted() {
        return requested || watching.get() > 0;
    }
}
