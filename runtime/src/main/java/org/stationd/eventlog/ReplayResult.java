package org.stationd.eventlog;

import java.util.List;

/**
 * What a replay found: whether the program did what the recording says (strict), the first
 * place it did not, and a readable timeline.
 */
public record ReplayResult(boolean ok, Divergence divergence, int inputs, int commands, List<String> timeline, List<String> errors) {
    /** The first command that differs: when, in which state, what the recording has and what the program sent. */
    public record Divergence(String time, String state, String expected, String actual) {
        @Override
        public String toString() {
            return "at " + time + " in state " + state + ":\n  expected: " + expected + "\n  actual:   " + actual;
        }
    }

    public String summary() {
        if (divergence != null) {
            return "DIVERGED after " + inputs + " input(s) and " + commands + " matching command(s) " + divergence;
        }
        return (ok ? "OK" : "FAILED") + ": " + inputs + " input(s), " + commands + " command(s)" + (errors.isEmpty() ? "" : ", " + errors.size() + " program error(s)");
    }
}
