package org.stationd.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns entries into the slots they occupy, on the station's wall clock.
 *
 * <p>Daylight saving, the documented rule: a show is planned in local time, so 08:00 stays 08:00
 * all year. On the day the clocks go forward, a start time that does not exist (02:30 when 02:00
 * jumps to 03:00) moves forward by the length of the gap (03:30). On the day the clocks go back, a
 * start time that happens twice (01:30) airs once, at its first occurrence (the earlier offset).
 * A show then runs for its duration in real time.
 */
public final class Expander {
    private static final int MAX_PERIODS = 100_000;

    private Expander() {}

    /** Slots of {@code entry} that overlap [from, to), in start order. */
    public static List<Occurrence> occurrences(ScheduleEntry entry, ZoneId zone, Instant from, Instant to) {
        List<Occurrence> out = new ArrayList<>();
        Recurrence r = entry.recurrence();
        if (r == null) {
            add(out, entry, entry.start(), zone, from, to);
            return out;
        }
        int produced = 0;
        LocalDate periodStart = entry.start().toLocalDate();
        if (r.freq() == Recurrence.Freq.WEEKLY) periodStart = periodStart.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        if (r.freq() == Recurrence.Freq.MONTHLY) periodStart = periodStart.withDayOfMonth(1);
        for (int p = 0; p < MAX_PERIODS; p++) {
            LocalDate period = switch (r.freq()) {
                case DAILY -> periodStart.plusDays((long) p * r.interval());
                case WEEKLY -> periodStart.plusWeeks((long) p * r.interval());
                case MONTHLY -> periodStart.plusMonths((long) p * r.interval());
            };
            for (LocalDateTime candidate : candidates(entry, r, period)) {
                if (candidate.isBefore(entry.start())) continue;
                if (r.count() != null && produced >= r.count()) return out;
                if (r.untilLocal() != null && candidate.isAfter(r.untilLocal())) return out;
                Instant at = ZonedDateTime.ofLocal(candidate, zone, null).toInstant();
                if (r.untilUtc() != null && at.isAfter(r.untilUtc())) return out;
                produced++;
                if (entry.exceptions().contains(candidate)) continue;
                if (!at.isBefore(to)) return out;
                add(out, entry, candidate, zone, from, to);
            }
        }
        return out;
    }

    private static void add(List<Occurrence> out, ScheduleEntry e, LocalDateTime local, ZoneId zone, Instant from, Instant to) {
        Instant start = ZonedDateTime.ofLocal(local, zone, null).toInstant();
        Instant end = start.plus(e.duration());
        if (end.isAfter(from) && start.isBefore(to)) {
            out.add(new Occurrence(e, local, start, end));
        }
    }

    /** The local start times one period (day, week or month) yields, in order. */
    private static Set<LocalDateTime> candidates(ScheduleEntry e, Recurrence r, LocalDate period) {
        List<LocalDate> days = new ArrayList<>();
        switch (r.freq()) {
            case DAILY -> {
                if (r.byDay().isEmpty() || r.byDay().contains(period.getDayOfWeek())) days.add(period);
            }
            case WEEKLY -> {
                Set<DayOfWeek> wanted = r.byDay().isEmpty() ? Set.of(e.start().getDayOfWeek()) : r.byDay();
                for (int i = 0; i < 7; i++) {
                    LocalDate d = period.plusDays(i);
                    if (wanted.contains(d.getDayOfWeek())) days.add(d);
                }
            }
            case MONTHLY -> {
                int len = period.lengthOfMonth();
                if (!r.byMonthDay().isEmpty()) {
                    for (int md : r.byMonthDay()) {
                        int dom = md > 0 ? md : len + md + 1;
                        if (dom >= 1 && dom <= len) {
                            LocalDate d = period.withDayOfMonth(dom);
                            if (r.byDay().isEmpty() || r.byDay().contains(d.getDayOfWeek())) days.add(d);
                        }
                    }
                } else if (!r.byDay().isEmpty()) {
                    for (int i = 1; i <= len; i++) {
                        LocalDate d = period.withDayOfMonth(i);
                        if (r.byDay().contains(d.getDayOfWeek())) days.add(d);
                    }
                } else if (e.start().getDayOfMonth() <= len) {
                    days.add(period.withDayOfMonth(e.start().getDayOfMonth()));   // the 31st skips short months
                }
            }
        }
        Set<LocalDateTime> out = new TreeSet<>();
        for (LocalDate d : days) {
            for (int h : ScheduleEntry.or(r.byHour(), e.start().getHour())) {
                for (int m : ScheduleEntry.or(r.byMinute(), e.start().getMinute())) {
                    out.add(d.atTime(LocalTime.of(h, m, r.byMinute().isEmpty() ? e.start().getSecond() : 0)).truncatedTo(ChronoUnit.SECONDS));
                }
            }
        }
        return out;
    }
}
