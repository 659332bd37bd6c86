package org.stationd.station;

import java.time.Duration;
import java.time.Instant;

/**
 * Time for stations: timers and "now". Real by default; replays and tests plug in a virtual one
 * so an hour-long show runs in milliseconds with the same order of events.
 */
public interface Scheduler {
    Instant now();

    /** Runs {@code task} after {@code delay}; the returned handle cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    interface Cancellable {
        void cancel();
    }
}
