package org.stationd.host;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.stationd.config.ConfiguredShow;
import org.stationd.config.HostConfig;
import org.stationd.control.CommandRefused;
import org.stationd.control.ControlCommand;
import org.stationd.schedule.AiringLog;
import org.stationd.schedule.Durations;
import org.stationd.schedule.Recurrence;
import org.stationd.schedule.ScheduleEntry;
import org.stationd.schedule.StationScheduler;
import org.stationd.schedule.Timeline;
import org.stationd.station.ProgramFactory;
import org.stationd.station.Scheduler;
import org.stationd.station.StationContext;
import org.stationd.storage.Airings;
import org.stationd.storage.Database;
import org.stationd.storage.ScheduleStore;

/**
 * The stations' schedules: each station's grid from stations.yaml (kept in step in the database)
 * plus the shows operators add and remove live, its scheduler, and the airings it logs.
 */
final class HostSchedules {
    private final Supplier<HostConfig> config;
    private final HostPrograms programs;
    private final Scheduler scheduler;
    private final ScheduleStore schedules;
    private final Airings airings;
    private final Map<String, StationScheduler> schedulers = new ConcurrentHashMap<>();
    private final LoadingCache<String, List<ScheduleEntry>> grid;

    /** Per station, whether its airings may be written (in a cluster: while this host holds its lease; see Fence). */
    private final java.util.function.Function<String, java.util.function.BooleanSupplier> mayWrite;

    HostSchedules(Supplier<HostConfig> config, HostPrograms programs, Scheduler scheduler, Database db,
                  java.util.function.Function<String, java.util.function.BooleanSupplier> mayWrite) {
        this.config = config;
        this.mayWrite = mayWrite;
        this.programs = programs;
        this.scheduler = scheduler;
        this.schedules = new ScheduleStore(db);
        this.airings = new Airings(db);
        this.grid = Caffeine.newBuilder().build(id -> schedules.entries(id));
    }

    /** Starts every station's schedule, with what the database holds for them read in two queries, not several per station. */
    void startAll(java.util.Collection<StationContext> stations) {
        Map<String, List<ScheduleStore.Stored>> stored = schedules.listAll();
        Map<String, List<Airings.Airing>> open = airings.openAll();
        for (StationContext station : stations) {
            start(station, stored.getOrDefault(station.id(), List.of()), open.getOrDefault(station.id(), List.of()));
        }
    }

    /** The station's grid from stations.yaml (kept in step in the database) plus live edits; its program fills the gaps. */
    void start(StationContext station) {
        start(station, schedules.list(station.id()), airings.open(station.id()));
    }

    /** The same, given what the database holds for the station now. */
    private void start(StationContext station, List<ScheduleStore.Stored> stored, List<Airings.Airing> openAirings) {
        String id = station.id();
        List<ScheduleEntry> fromFile = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        for (ConfiguredShow show : station.config().schedule()) {
            fromFile.add(new ScheduleEntry(0, id, show.program(), show.settings(), show.start(), show.duration(),
                    show.rrule() == null ? null : Recurrence.parse(show.rrule()), show.except(), show.priority()));
            rules.add(show.rrule());
        }
        int[] changed = schedules.syncFromConfig(id, fromFile, rules, stored);
        if (changed[0] + changed[1] == 0) {
            grid.put(id, stored.stream().map(ScheduleStore.Stored::entry).toList());   // as read: no query for the first plan
        } else {
            grid.invalidate(id);
        }
        java.util.function.BooleanSupplier owned = mayWrite.apply(id);
        for (Airings.Airing open : openAirings) {
            if (owned.getAsBoolean()) airings.end(open.id(), scheduler.now(), "cut", "the host stopped during the show");
        }
        StationScheduler sched = new StationScheduler(station, () -> grid.get(id),
                name -> {
                    Path file = ProgramsFolder.resolve(config.get().programsDir(), name);
                    ProgramFactory f = programs.program(file);
                    if (f == null) throw new IllegalStateException(programs.compileError(file));
                    return f;
                },
                new AiringLog() {   // a host that lost the station writes none of its airings: the new owner's record stands
                    @Override public long begin(String st, Long e, String p, String v, Instant ps, Instant pe, Instant as, String status, String reason) {
                        return owned.getAsBoolean() ? airings.begin(st, e, p, v, ps, pe, as, status, reason) : 0;
                    }
                    @Override public void end(long aid, Instant ae, String status, String reason) {
                        if (aid > 0 && owned.getAsBoolean()) airings.end(aid, ae, status, reason);
                    }
                    @Override public boolean exists(String st, Long e, Instant ps) { return airings.exists(st, e, ps); }
                },
                scheduler, StationScheduler.DEFAULT_WARNING, StationScheduler.DEFAULT_GRACE, station.config().program());
        schedulers.put(id, sched);
        station.submit(sched::replan);
    }

    /** The station's scheduler, or null. */
    StationScheduler get(String stationId) {
        return schedulers.get(stationId);
    }

    /** Forgets the station's scheduler (it goes off air); the caller stops it on the station's thread. */
    StationScheduler remove(String stationId) {
        return schedulers.remove(stationId);
    }

    Map<String, Object> list(String stationId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ScheduleStore.Stored st : schedules.list(stationId)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", st.entry().id());
            m.put("program", st.entry().program());
            m.put("start", st.entry().start().toString());
            m.put("duration", Durations.format(st.entry().duration()));
            m.put("repeat", st.rrule());
            m.put("priority", st.entry().priority());
            m.put("settings", st.entry().settings());
            m.put("source", st.source());
            rows.add(m);
        }
        return Map.of("station", stationId, "entries", rows);
    }

    /** Adds a show while running; takes effect at once and tells the operator what it overlaps. */
    Map<String, Object> add(StationContext station, ControlCommand c) {
        String stationId = station.id();
        String program = c.requiredText("program");
        Path file = ProgramsFolder.resolve(config.get().programsDir(), program);
        ProgramFactory compiled = programs.program(file);
        if (compiled == null) {
            throw new CommandRefused(program + " does not compile: " + programs.compileError(file));
        }
        Map<String, Object> settings = c.settings("settings");
        List<String> notes = EntrySettings.check(compiled, station.config(), settings);
        String rrule = c.text("repeat");
        Recurrence repeat = rrule == null ? null : c.parsed("repeat", Recurrence::parse, "a repeat rule, e.g. FREQ=WEEKLY;BYDAY=MO");
        Long priority = c.wholeNumber("priority", -1000, 1000);
        ScheduleEntry e = new ScheduleEntry(0, stationId, program, settings,
                c.parsed("start", LocalDateTime::parse, "a local date and time, e.g. 2026-12-24T18:00"),
                c.parsed("duration", Durations::parse, "a duration, e.g. 90m, 1h30m or 45s"), repeat, Set.of(),
                priority == null ? 0 : priority.intValue());
        Instant now = scheduler.now();
        List<String> conflicts = Timeline.conflicts(e, grid.get(stationId), station.config().timezone(), now, now.plus(Duration.ofDays(14)));
        ScheduleEntry saved = schedules.add(e, rrule, "live");
        grid.invalidate(stationId);
        StationScheduler sched = schedulers.get(stationId);
        station.submit(sched::replan);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", saved.id());
        out.put("overlaps", conflicts);
        out.put("notes", notes);
        return out;
    }

    Map<String, Object> remove(StationContext station, long id) {
        String stationId = station.id();
        if (!schedules.remove(stationId, id)) {
            throw new CommandRefused("station " + stationId + " has no schedule entry " + id);
        }
        grid.invalidate(stationId);
        station.submit(schedulers.get(stationId)::replan);
        return Map.of("removed", id);
    }
}
