package org.stationd.limits;

import java.time.Duration;
import java.time.Instant;

/**
 * A station program's log lines per minute ({@link Limits#LOG_LINES_PER_MINUTE}): the lines past it
 * in a minute are dropped and counted, and one notice says how many when that minute ends. Minutes
 * start with the first line after a quiet spell, on the station's clock (virtual in replays and tests).
 * Station thread only.
 */
public final class LogBudget {
    public static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perWindow;
    private Instant windowStart;
    private int lines;
    private long dropped;

    public LogBudget(int perWindow) {
        this.perWindow = perWindow;
    }

    /**
     * Whether a line logged now may go out. The first line dropped in a window answers
     * {@link Verdict#FIRST_DROP}: the caller then arranges for {@link #closeWindow} at {@link #windowEnd}.
     */
    public Verdict admit(Instant now) {
        if (windowStart == null || !now.isBefore(windowStart.plus(WINDOW))) {
            if (dropped > 0) {
                dropped++;
                return Verdict.DROP;   // the window's notice is still due: nothing goes out before it
            }
            windowStart = now;
            lines = 0;
        }
        if (++lines <= perWindow) {
            return Verdict.LOG;
        }
        return ++dropped == 1 ? Verdict.FIRST_DROP : Verdict.DROP;
    }

    public Instant windowEnd() {
        return windowStart.plus(WINDOW);
    }

    /** Ends the window: how many lines it dropped (for the notice), and the next line starts a new one. */
    public long closeWindow() {
        long n = dropped;
        dropped = 0;
        windowStart = null;
        return n;
    }

    public enum Verdict { LOG, FIRST_DROP, DROP }
}
