package org.stationd.esl.embedded;

import java.time.Instant;

/**
 * An embedded switch's clock moved from outside, timer by timer (replays and program tests run an
 * hour of show in a moment, the same way on every run).
 */
public interface SteppedClock {
    /** When the next timer is due; null if none is set. */
    Instant nextDue();

    /** Moves to the next timer and runs it (and what it sets off); false if none is set. */
    boolean fireNext();

    /** Waits until the switch has done everything it was asked to do so far. */
    void drain();

    /** Moves to {@code t}, running every timer due on the way. */
    void advanceTo(Instant t);
}
