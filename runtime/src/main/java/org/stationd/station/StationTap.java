package org.stationd.station;

import java.util.Map;

/**
 * Sees every input a station receives and every command it issues, with the program version and
 * state that handled it: the event log records through this. Must not block.
 */
public interface StationTap {
    /** {@code dir} is {@code in} (an input) or {@code out} (a command); {@code kind} e.g. {@code esl}, {@code zmq}, {@code api}. */
    void record(String station, String programVersion, String state, String dir, String kind, Map<String, Object> fields);

    StationTap NONE = (s, v, st, d, k, f) -> {};
}
