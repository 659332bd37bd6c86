package org.stationd.schedule;

import java.time.Instant;
import java.time.LocalDateTime;

/** One airing slot of a schedule entry: its local start as planned, and the instants it really covers. */
public record Occurrence(ScheduleEntry entry, LocalDateTime localStart, Instant start, Instant end) {
    public boolean covers(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
