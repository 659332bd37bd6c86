package org.stationd.eventlog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.stationd.station.StationTap;

/** Turns what stations see and do into event-log records (format version 1, docs/eventlog.md). */
public final class EventLogTap implements StationTap {
    public static final int FORMAT_VERSION = 1;

    private final EventLogWriter writer;
    private final Supplier<Instant> clock;

    public EventLogTap(EventLogWriter writer, Supplier<Instant> clock) {
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void record(String station, String programVersion, String state, String dir, String kind, Map<String, Object> fields) {
        writer.append(record(clock.get().toString(), station, programVersion, state, dir, kind, fields));
    }

    /** One record of format version 1: the common fields in their order, then the kind's own. */
    public static Map<String, Object> record(String t, String station, String programVersion, String state, String dir, String kind,
                                             Map<String, Object> fields) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("v", FORMAT_VERSION);
        r.put("t", t);
        r.put("st", station);
        r.put("dir", dir);
        r.put("k", kind);
        if (programVersion != null) r.put("pv", programVersion);
        if (state != null) r.put("state", state);
        r.putAll(fields);
        return r;
    }
}
