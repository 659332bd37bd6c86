package org.stationd.host;

/**
 * Whether the console and the PUB socket carry each call's events (answers, key presses, hang-ups:
 * {@code station/<id>/call}) or only what changes a station (program on air, state changes,
 * program lines, errors, what it airs). Off unless asked for ({@code ./stationd run --events}):
 * at thousands of events a second a console line and a message each are most of the host's work.
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
}
