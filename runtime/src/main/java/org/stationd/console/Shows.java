package org.stationd.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stationd.schedule.Timeline;
import org.stationd.storage.Database;
import org.stationd.storage.ScheduleStore;

/**
 * A station's grid as it will air: the shows of a week (the schedule's timeline, the winner of each
 * overlap, as the station's scheduler plans it) and the one on now and next. Gaps are the station's
 * own program.
 */
final class Shows {
    private final ScheduleStore store;

    Shows(Database db) {
        this.store = new ScheduleStore(db);
    }

    /** The week from the start of today in the station's zone: {@code {zone, from, shows:[{entry, program, start, end}]}}. */
    Map<String, Object> week(String station, ZoneId zone, Instant now) {
        Instant from = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
        Instant to = LocalDate.ofInstant(now, zone).plusDays(7).atStartOfDay(zone).toInstant();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("zone", zone.getId());
        out.put("from", from.toString());
        out.put("shows", shows(station, zone, from, to));
        return out;
    }

    /** {@code now} and {@code next}: the show on air and the one after it within a week (null for none). */
    Map<String, Object> nowAndNext(String station, ZoneId zone, Instant now) {
        List<Map<String, Object>> week = shows(station, zone, now, now.plus(java.time.Duration.ofDays(7)));
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> current = week.stream().filter(s -> !Instant.parse((String) s.get("start")).isAfter(now)).findFirst().orElse(null);
        out.put("now", current);
        out.put("next", week.stream().filter(s -> s != current).findFirst().orElse(null));
        return out;
    }

    private List<Map<String, Object>> shows(String station, ZoneId zone, Instant from, Instant to) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Timeline.Segment s : Timeline.build(store.entries(station), zone, from, to)) {
            if (s.occurrence() == null) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entry", s.occurrence().entry().id());
            m.put("program", s.occurrence().entry().program());
            m.put("start", s.start().toString());
            m.put("end", s.end().toString());
            out.add(m);
        }
        return out;
    }
}
