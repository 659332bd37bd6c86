package org.stationd.esl.sim.clock;

/** A task scheduled on a {@link SimClock}; cancelling one that already ran does nothing. */
public interface SimTimer {
    void cancel();

    SimTimer NONE = () -> {};
}
