package org.stationd.station;

import org.stationd.api.ProgramError;

/** What a station tells the host: the lines `./stationd run` prints and the PUB socket publishes. */
public interface StationListener {
    default void programLoaded(String station, String program, String version) {}

    default void stateChanged(String station, String program, String from, String to) {}

    default void callEvent(String station, String callId, String what) {}

    default void programError(String station, String program, ProgramError error) {}

    default void log(String station, String program, String state, String level, String message) {}

    StationListener NONE = new StationListener() {};
}
