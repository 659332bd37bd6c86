package org.stationd.esl.sim.event;

/** Receives every event the switch fires, on the switch thread: connections and in-process listeners. */
@FunctionalInterface
public interface EventSink {
    void accept(SimEvent event);
}
