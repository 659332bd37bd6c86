package org.stationd.eventlog;

import java.util.List;

/**
 * What a replay found: whether the program did what the recording says (strict), the first
 * place it did not, and a readable timeline; for a stimulus replay that did not do what the
 * recorded show did, {@code failure} says why in one line.
 */
public record ReplayResult(boolean ok, Divergence divergence, int inputs, int commands, List<String> timeline, List<String> errors, String failure) {
    public ReplayResult(boolean ok, Divergence divergence, int inputs, int commands, List<String> timeline, List<String> errors) {
        this(ok, divergence, inputs, commands, timeline, errors, null);
    }

    /**
     * The first command that differs: when the program sent it (or, for one it did not send, when
     * the recording has it), in which state, what the recording has and what the program sent, in
     * full; {@code field} names what differs and {@code shownExpected} / {@code shownActual} are the
     * two as a volunteer reads them (uuids as #1, #2, …, the difference marked »…«, the rest elided).
     */
    public record Divergence(String time, String state, String expected, String actual, String field, String shownExpected, String shownActual) {
        public Divergence(String time, String state, String expected, String actual) {
            this(time, state, expected, actual, null, expected, actual);
        }

        @Override
        public String toString() {
            return "at " + time + " in state " + state + (field == null ? "" : ", " + field + " differs") + ":\n  expected: " + shownExpected + "\n  actual:   " + shownActual;
        }
    }

    /** Fails (an {@link AssertionError}) unless the program did what the recording says: the message has the divergence, the program's errors and the timeline. */
    public ReplayResult assertMatches() {
        if (!ok) throw new AssertionError(report());
        return this;
    }

    /** Fails unless the program did something else than the recording; returns the first place it did. */
    public Divergence assertDiverges() {
        if (divergence == null) throw new AssertionError("expected the replay to diverge, but " + report());
        return divergence;
    }

    /** The summary, the program's errors and the timeline, as a volunteer reads them. */
    public String report() {
        StringBuilder b = new StringBuilder(summary());
        if (!errors.isEmpty()) {
            b.append("\nprogram errors:");
            errors.forEach(e -> b.append("\n  ").append(e));
        }
        if (!timeline.isEmpty()) {
            b.append("\ntimeline:");
            timeline.forEach(t -> b.append("\n  ").append(t));
        }
        return b.toString();
    }

    public String summary() {
        if (divergence != null) {
            return "DIVERGED after " + inputs + " input(s) and " + commands + " matching command(s) " + divergence;
        }
        if (failure != null) {
            return "FAILED: " + failure + " (" + inputs + " input(s), " + commands + " command(s)" + (errors.isEmpty() ? "" : ", " + errors.size() + " program error(s)") + ")";
        }
        return (ok ? "OK" : "FAILED") + ": " + inputs + " input(s), " + commands + " command(s)" + (errors.isEmpty() ? "" : ", " + errors.size() + " program error(s)");
    }
}
