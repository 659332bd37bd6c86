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

    private PerEventOutput() {}

    /** Asks for per-event output from the hosts started after this in this JVM. */
    public static void request() {
        System.setProperty(PROPERTY, "true");
    }

    static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Console pages watching the live feed now: while one is open, call events are published for it. */
    private static final java.util.concurrent.atomic.AtomicInteger WATCHING = new java.util.concurrent.atomic.AtomicInteger();

    /** A console page opened (+1) or closed (-1) the live feed. */
    public static void watching(int change) {
        WATCHING.addAndGet(change);
    }

    /** Whether a call's events go out now: asked for, or a page is watching them. */
    static boolean wanted(boolean requested) {
        return requested || WATCHING.get() > 0;
    }
}
