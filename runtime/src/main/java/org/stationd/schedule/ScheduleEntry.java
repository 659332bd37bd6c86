package org.stationd.schedule;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A show on a station's grid: program, settings, first start (local time in the station's
 * timezone), how long it runs, how it recurs, dates it skips, and its priority over overlaps.
 */
public record ScheduleEntry(long id, String station, String program, Map<String, Object> settings,
                            LocalDateTime start, Duration duration, Recurrence recurrence,
                            Set<LocalDateTime> exceptions, int priority) {
    public ScheduleEntry {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a show must last longer than zero");
        }
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        exceptions = exceptions == null ? Set.of() : Set.copyOf(exceptions);
    }

    public ScheduleEntry withId(long newId) {
        return new ScheduleEntry(newId, station, program, settings, start, duration, recurrence, exceptions, priority);
    }

    static List<Integer> or(List<Integer> values, int fallback) {
        return values.isEmpty() ? List.of(fallback) : values;
    }
}
