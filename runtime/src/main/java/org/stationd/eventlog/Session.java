package org.stationd.eventlog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One program's time on air in a station's log: from a program load (the host starting, a swap, a
 * schedule slot) to the next one. A live reload stays in its session: the show went on.
 *
 * @param number  1, 2, … in the log's order
 * @param program the program file that went on air
 * @param cause   how it went on air: {@code start}, {@code swap} or {@code schedule}
 * @param reloads how many times it was reloaded live
 */
public record Session(int number, String station, String program, String cause, Instant start, Instant end, int reloads,
                      List<Map<String, Object>> records) {
    /** One line for the list of a log's sessions. */
    public String describe() {
        return "session " + number + ": " + start + " – " + end + "  " + program + " (" + cause
                + (reloads == 0 ? "" : ", reloaded live " + reloads + "×") + ", " + records.size() + " record(s))";
    }

    /** Whether this session covers the moment (from its first record up to the next session). */
    boolean covers(Instant t) {
        return !t.isBefore(start);
    }
}
