package org.stationd.schedule;

import org.stationd.station.ProgramFactory;

/** Finds the compiled program a schedule entry names; throws with a clear message if it cannot. */
@FunctionalInterface
public interface ProgramResolver {
    ProgramFactory resolve(String program) throws Exception;
}
