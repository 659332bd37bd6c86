package org.stationd.eventlog;

import java.time.Instant;
import org.stationd.station.Pacer;

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

    /** The pacing of a replay whose virtual clock starts at {@code virtualStart}. */
    Pacer pacer(Instant virtualStart) {
        return this == REALTIME ? Pacer.realTime(virtualStart) : Pacer.NONE;
    }
}
