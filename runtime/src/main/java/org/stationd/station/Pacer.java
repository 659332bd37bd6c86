package org.stationd.station;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Holds a virtual clock back to the wall clock: one virtual second per real second, to listen along to a replay. */
public final class Pacer {
    /** No pacing: as fast as the machine goes. */
    public static final Pacer NONE = new Pacer(null);

    private final Instant virtualStart;
    private final long wallStart = System.nanoTime();

    private Pacer(Instant virtualStart) {
        this.virtualStart = virtualStart;
    }

    /** Real time from now, with virtual time {@code virtualStart} standing for this moment. */
    public static Pacer realTime(Instant virtualStart) {
        return new Pacer(virtualStart);
    }

    /** Waits until the wall clock has caught up with virtual time {@code t}. */
    public void waitFor(Instant t) throws InterruptedException {
        if (virtualStart == null) return;
        long wait = wallStart + Duration.between(virtualStart, t).toNanos() - System.nanoTime();
        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
    }
}
