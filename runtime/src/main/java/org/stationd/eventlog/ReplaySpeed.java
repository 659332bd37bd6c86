package org.stationd.eventlog;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** How fast a replay runs: {@code MAX} as fast as the machine goes, {@code REALTIME} one virtual second per wall second (to listen along). */
public enum ReplaySpeed {
    MAX, REALTIME;

    /** From the command line's {@code --speed}: {@code max} or {@code 1x}. */
    public static ReplaySpeed parse(String s) {
        return switch (s) {
            case "max" -> MAX;
            case "1x" -> REALTIME;
            default -> throw new IllegalArgumentException("--speed is max or 1x, not '" + s + "'");
        };
    }

    /** A replay's pacing: at real time, waits until the wall clock has caught up with {@code t}. */
    final class Pacer {
        private final Instant virtualStart;
        private final long wallStart = System.nanoTime();

        Pacer(Instant virtualStart) {
            this.virtualStart = virtualStart;
        }

        void waitFor(Instant t) throws InterruptedException {
            if (ReplaySpeed.this != REALTIME) return;
            long wait = wallStart + Duration.between(virtualStart, t).toNanos() - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    Pacer pacer(Instant virtualStart) {
        return new Pacer(virtualStart);
    }
}
