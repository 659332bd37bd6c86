package org.stationd.station;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * What {@code status} shows as a station's last error: when it happened (the station's clock and
 * timezone) and which program it came from, since the program on air now may be another. A good
 * load, reload or swap clears it.
 */
final class LastError {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private LastError() {}

    static String of(Instant at, ZoneId zone, String program, String text) {
        return WHEN.format(at.atZone(zone)) + " " + (program == null ? "" : program + ": ") + text;
    }
}
