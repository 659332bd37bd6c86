package org.stationd.host;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.cluster.ClusterMember;
import org.stationd.cluster.Fence;
import org.stationd.cluster.LeaseClock;
import org.stationd.config.ConfiguredShow;
import org.stationd.config.HostConfig;
import org.stationd.retention.Retention;
import org.stationd.schedule.AiringLog;
import org.stationd.schedule.Durations;
import org.stationd.schedule.Recurrence;
import org.stationd.schedule.ScheduleEntry;
import org.stationd.schedule.StationScheduler;
import org.stationd.schedule.Timeline;
import org.stationd.storage.Airings;
import org.stationd.storage.Cdrs;
import org.stationd.storage.ProgramVersions;
import org.stationd.storage.ScheduleStore;
import org.stationd.config.StationConfig;
import org.stationd.control.CommandRefused;
import org.stationd.control.ControlCommand;
import org.stationd.control.ControlKeys;
import org.stationd.control.ControlServer;
import org.stationd.control.OperatorGate;
import org.stationd.control.ZmqBus;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.command.EventFormat;
import org.stationd.station.ProgramFactory;
import org.stationd.station.RealScheduler;
import org.stationd.station.Router;
import org.stationd.station.Scheduler;
import org.stationd.station.StationContext;
import org.stationd.station.StationPool;
import org.stationd.station.StationListener;
import org.stationd.station.StationServices;
import org.stationd.station.StationTap;
import org.stationd.eventlog.EventLogTap;
import org.stationd.eventlog.EventLogWriter;
import org.stationd.storage.Database;
import org.stationd.storage.DbKeyValueStore;
import org.stationd.storage.DbLeases;
import org.stationd.storage.DbRecordings;
import org.stationd.storage.DbSms;
import org.stationd.switchlink.EslSwitchLink;
import org.zeromq.ZContext;

/**
 * The host process: connects to the switch, starts one {@link StationContext} per configured
 * station with its program, routes the switch's events to them, reloads programs when their files
 * change, and answers operators on the control socket.
 */
public final class StationHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StationHost.class);

    private volatile HostConfig config;
    private final ProgramLoader loader;
    private final EslClient client;
    private final Router router = new Router();
    private final Map<String, StationContext> stations = new java.util.concurrent.ConcurrentSkipListMap<>();   // changed by config reloads while operators read it
    private final Map<Path, ProgramFactory> programs = new ConcurrentHashMap<>();
    private final Map<Path, String> compileErrors = new ConcurrentHashMap<>();
    private final StationPool pool;
    private final Scheduler scheduler;
    private final ZContext zmq = new ZContext();
    private final OperatorGate gate;   // null without control keys
    private final ZmqBus bus;
    private final ControlServer control;
    private final ProgramWatcher watcher;
    private final ConfigWatcher configWatcher;
    private final StationListener listener;
    private final Database db;
    private final EventLogWriter eventLog;
    private ScheduleStore schedules;
    private Airings airings;
    private final Map<String, StationScheduler> schedulers = new ConcurrentHashMap<>();
    private final com.github.benmanes.caffeine.cache.LoadingCache<String, List<ScheduleEntry>> grid =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().build(id -> schedules.entries(id));
    private final StationTap tap;
    private final CdrRecorder cdrRecorder;
    /** Every station's originates share one pace: the switch limits sessions per second for all of them. */
    private final org.stationd.station.OriginatePacer originates;
    private final SwitchResync resync;
    private final java.util.concurrent.ExecutorService housekeeping =
            java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofPlatform().name("retention").daemon(true).factory());
    private final Retention retention;
    private final TestPhone phone;
    /** Null unless stations.yaml has cluster:, then this host runs only the stations it holds the lease of. */
    private final ClusterMember cluster;

    public StationHost(HostConfig config, ProgramLoader loader, EslClient client, PrintStream console, List<StationListener> extra) throws Exception {
        this(config, loader, client, console, extra, StationTap.NONE);
    }

    /** With an observer that sees every station input and command too (program tests). */
    public StationHost(HostConfig config, ProgramLoader loader, EslClient client, PrintStream console, List<StationListener> extra,
                       StationTap observer) throws Exception {
        this(config, loader, client, console, extra, observer, new RealScheduler());
    }

    /** On a given clock: a {@link org.stationd.station.VirtualScheduler} runs a day of schedule in a test's moment. */
    public StationHost(HostConfig config, ProgramLoader loader, EslClient client, PrintStream console, List<StationListener> extra,
                       StationTap observer, Scheduler clock) throws Exception {
        this.config = config;
        this.loader = loader;
        this.client = client;
        this.pool = StationPool.forThisMachine();   // lends threads while a handler is blocked or stuck
        this.scheduler = clock;
        this.originates = new org.stationd.station.OriginatePacer(config.switchConfig().originatesPerSecond(), clock);
        this.db = config.database() == null ? Database.openH2(config.dataDir())
                : Database.open(config.database().url(), config.database().user(), config.database().password());
        this.eventLog = new EventLogWriter(config.dataDir().resolve("eventlog"), EventLogWriter.DEFAULT_QUEUE, EventLogWriter.DEFAULT_MAX_BYTES);
        StationTap log = new EventLogTap(eventLog, scheduler::now);
        this.cluster = config.cluster() == null ? null
                : new ClusterMember(db, config.cluster(), () -> this.config.stations().stream().map(StationConfig::id).toList(), LeaseClock.DATABASE);
        this.cdrRecorder = new CdrRecorder(new Cdrs(db));
        this.retention = new Retention(config.retention(), db, config.dataDir().resolve("eventlog"), config.dataDir().resolve("recordings"),
                scheduler, housekeeping).start();
        // one gate for the context's CURVE sockets, open before either binds
        this.gate = config.control().keys() == null ? null : new OperatorGate(zmq, ControlKeys.forHost(config.control().keys()));
        this.bus = new ZmqBus(zmq, config.control().publish(), config.control().subscribe(), gate);
        PublishingListener publishing = new PublishingListener(bus);
        this.tap = (st, v, state, dir, kind, fields) -> {
            log.record(st, v, state, dir, kind, fields);
            cdrRecorder.record(st, v, state, dir, kind, fields);
            publishing.record(st, v, state, dir, kind, fields);
            observer.record(st, v, state, dir, kind, fields);
        };
        List<StationListener> all = new ArrayList<>();
        if (console != null) {
            all.add(new ConsoleListener(console));
        }
        all.add(publishing);
        all.addAll(extra);
        this.listener = new Listeners(all);
        client.addListener(router);
        this.resync = new SwitchResync(client, this::stations);
        client.addListener(resync);
        client.addConnectionListener(resync);
        client.events(EventFormat.PLAIN, "ALL").get(10, TimeUnit.SECONDS);
        this.phone = new TestPhone(client, bus);
        for (StationConfig sc : config.stations()) {
            if (cluster != null && !cluster.holds(sc.id())) continue;
            StationContext station = new StationContext(sc, services(sc.id()));
            String noFolder = station.makeRecordingsFolder();   // FreeSWITCH's record does not make it
            if (noFolder != null) StationHost.log.warn("station {} cannot make its recordings folder: {}", sc.id(), noFolder);
            stations.put(sc.id(), station);
            router.add(station);
        }
        this.schedules = new ScheduleStore(db);
        this.airings = new Airings(db);
        for (StationContext station : stations.values()) {
            startSchedule(station);
        }
        this.control = new ControlServer(zmq, config.control().control(), gate, this::control);
        this.watcher = new ProgramWatcher(config.programsDir(), this::programChanged);
        this.configWatcher = new ConfigWatcher(config.file(), this::configChanged);
        if (cluster != null) cluster.start(new ClusterMember.Stations() {
            @Override public void start(String id) { startOwned(id); }
            @Override public void stop(String id, boolean lost) { stopOwned(id); }
        });
    }

    /** The cluster gave this host a station. */
    private synchronized void startOwned(String id) {
        StationConfig sc = config.station(id);
        if (sc != null && !stations.containsKey(id)) startStation(sc);
    }

    /** The cluster took a station away (lost: its fence is closed already, so its hang-ups and writes do not get out). */
    private synchronized void stopOwned(String id) {
        StationContext s = stations.get(id);
        if (s != null) stopStation(s);
    }

    private void startStation(StationConfig sc) {
        StationContext station = new StationContext(sc, services(sc.id()));
        stations.put(sc.id(), station);
        router.add(station);
        startSchedule(station);
    }

    /** The station's grid from stations.yaml (kept in step in the database) plus live edits; its program fills the gaps. */
    private void startSchedule(StationContext station) {
        String id = station.getId();
        List<ScheduleEntry> fromFile = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        for (ConfiguredShow show : station.config().schedule()) {
            fromFile.add(new ScheduleEntry(0, id, show.program(), show.settings(), show.start(), show.duration(),
                    show.rrule() == null ? null : Recurrence.parse(show.rrule()), show.except(), show.priority()));
            rules.add(show.rrule());
        }
        schedules.syncFromConfig(id, fromFile, rules);
        grid.invalidate(id);
        for (Airings.Airing open : airings.open(id)) {
            airings.end(open.id(), scheduler.now(), "cut", "the host stopped during the show");
        }
        StationScheduler sched = new StationScheduler(station, () -> grid.get(id),
                name -> {
                    Path file = ProgramsFolder.resolve(config.programsDir(), name);
                    ProgramFactory f = program(file);
                    if (f == null) throw new IllegalStateException(compileErrors.get(file));
                    return f;
                },
                new AiringLog() {
                    @Override public long begin(String st, Long e, String p, String v, java.time.Instant ps, java.time.Instant pe, java.time.Instant as, String status, String reason) {
                        return airings.begin(st, e, p, v, ps, pe, as, status, reason);
                    }
                    @Override public void end(long aid, java.time.Instant ae, String status, String reason) { airings.end(aid, ae, status, reason); }
                    @Override public boolean exists(String st, Long e, java.time.Instant ps) { return airings.exists(st, e, ps); }
                },
                scheduler, StationScheduler.DEFAULT_WARNING, StationScheduler.DEFAULT_GRACE, station.config().program());
        schedulers.put(id, sched);
        station.submit(sched::replan);
    }

    private StationServices services(String stationId) {
        Fence fence = cluster == null ? null : cluster.fence(stationId);   // in a cluster: nothing gets out once the lease is lost
        org.stationd.switchlink.SwitchLink link = originates.pace(new EslSwitchLink(client));
        org.stationd.station.LeaseService leases = new DbLeases(db, scheduler::now);
        return new StationServices(fence == null ? link : fence.link(link), scheduler, pool, bus, listener,
                config.mediaDir(), config.dataDir().resolve("recordings"), "flite|kal",
                StationServices.DEFAULT_HANDLER_LIMIT, id -> fence == null ? new DbKeyValueStore(db, id) : fence.store(new DbKeyValueStore(db, id)), this::sms,
                id -> new DbRecordings(db, id, scheduler::now), fence == null ? leases : fence.leases(leases), router, tap, StationServices.randomIds());
    }

    /**
     * The version of a program file in use here: compiled when first asked for and again when the
     * watcher (or an operator's swap or reload) says the file changed, so a show that starts while
     * an editor is half-way through a save still gets the last good version. The loader keeps
     * checked versions by content hash, so asking again for unchanged text compiles nothing.
     * Null and a reported error if it does not compile.
     */
    private ProgramFactory program(Path file) {
        Path key = file.toAbsolutePath().normalize();
        ProgramFactory cached = programs.get(key);
        if (cached != null) {
            return cached;
        }
        try {
            ProgramFactory f = loader.load(key);
            programs.put(key, f);
            compileErrors.remove(key);
            try {
                // the text the version was built from: the file may have changed again since it was read
                new ProgramVersions(db).deployed(f.name(), f.version(), f.text() != null ? f.text() : java.nio.file.Files.readString(key));
            } catch (java.io.IOException | RuntimeException e) {
                log.warn("could not record version {} of {}: {}", f.version(), f.name(), e.getMessage());
            }
            return f;
        } catch (Exception e) {
            compileErrors.put(key, e.getMessage());
            log.error("{}", e.getMessage());
            bus.publish("host/compile-error", Map.of("file", key.toString(), "error", String.valueOf(e.getMessage())));
            return null;
        }
    }

    /**
     * A saved (or deleted) program: compile it off the station threads; swap it in where it runs,
     * or keep the old one on a compile error. The loader forgets the file's older versions once the
     * new one compiles, all of them when the file is gone, and none on a compile error (the running
     * version stays on air, so undoing the edit needs no new check).
     */
    private void programChanged(Path file) {
        Path key = file.toAbsolutePath().normalize();
        String fileName = key.getFileName().toString();
        programs.remove(key);
        ProgramFactory f = program(key);
        if (f != null) {
            loader.invalidate(fileName, f);
        } else if (!java.nio.file.Files.exists(key)) {
            loader.invalidate(fileName, null);
        }
        for (StationContext s : stations.values()) {
            if (!fileName.equals(s.programName())) {
                continue;   // program factories are named by file: only stations running this file reload
            }
            if (f == null) {
                listener.programError(s.getId(), s.programName(), new org.stationd.api.ProgramError(s.state(), "reload",
                        "kept the running version: " + compileErrors.get(key), null));
                continue;
            }
            // a handler still running after a second is what the fix is for (it keeps its data, so a quick one finishes)
            s.stopRunningHandler("a new version of " + fileName + " was saved", RUNAWAY_BEFORE_RELOAD);
            s.submit(() -> s.reload(f));
        }
    }

    /**
     * stations.yaml was saved: a file with errors changes nothing (the errors are reported);
     * otherwise stations that were removed go off air, new ones come on, and changed ones restart
     * with their new settings, all without stopping the others.
     */
    private synchronized void configChanged(Path file) {
        HostConfig next;
        try {
            next = org.stationd.config.ConfigLoader.load(file);
        } catch (org.stationd.config.ConfigException e) {
            log.error("{} not applied: {}", file, e.getMessage());
            bus.publish("host/config-error", Map.of("file", file.toString(), "error", e.getMessage()));
            return;
        }
        HostConfig before = config;
        config = next;
        for (StationContext s : List.copyOf(stations.values())) {
            StationConfig now = next.station(s.getId());
            if (now == null || !now.equals(s.config())) {
                stopStation(s);
            }
        }
        for (StationConfig sc : next.stations()) {
            if (!stations.containsKey(sc.id()) && (cluster == null || cluster.holds(sc.id()))) {
                startStation(sc);
            }
        }
        log.info("applied {}: {} station(s) now (were {})", file, next.stations().size(), before.stations().size());
    }

    private void stopStation(StationContext s) {
        CountDownLatch stopped = new CountDownLatch(1);
        s.submit(() -> {
            try {
                StationScheduler sched = schedulers.remove(s.getId());
                if (sched != null) sched.stop();
                s.unload();
            } finally {
                stopped.countDown();
            }
        });
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stations.remove(s.getId());
        router.remove(s);
        smsStores.remove(s.getId());
    }

    private final Map<String, DbSms> smsStores = new ConcurrentHashMap<>();

    private DbSms sms(String stationId) {
        StationConfig sc = config.station(stationId);
        if (sc == null || sc.sms() == null) {
            return null;
        }
        return smsStores.computeIfAbsent(stationId, id -> new DbSms(db, id, sc.sms(), scheduler::now, cmd -> stations.get(id).switchApi(cmd)));
    }

    /**
     * An operator's command, on its own thread (the control socket's thread never waits for one).
     * Commands that change something run one at a time, in the order they came; looking runs beside them.
     */
    private Map<String, Object> control(ControlCommand c) throws Exception {
        return switch (c.cmd()) {
            case "status" -> status();
            case "schedule-list" -> scheduleList(c.requiredText("station"));
            case "call-feed" -> phone.feed(stationOrFail(c.requiredText("station")).config(), c, bus.publishEndpoint());
            case "call-start" -> c.flag("asHost") ? phone.host(stationOrFail(c.requiredText("station")), c)
                    : phone.start(stationOrFail(c.requiredText("station")).config(), c);
            case "call-keys" -> phone.keys(c);
            case "call-text" -> phone.text(c);
            case "call-voice" -> phone.voice(c);
            case "call-hangup" -> phone.hangup(c);
            case "swap", "reload", "schedule-add", "schedule-rm" -> {
                synchronized (changes) {
                    yield change(c);
                }
            }
            default -> throw new CommandRefused("unknown command '" + c.cmd() + "'; try status, swap, reload, schedule-list, schedule-add, schedule-rm"
                    + ", call-feed, call-start, call-keys, call-text, call-voice, call-hangup");
        };
    }

    private final Object changes = new Object();
    private final StationSnapshots snapshots = new StationSnapshots();
    /** How long status waits for a busy station (on the command's thread, never the control socket's). */
    private static final Duration STATUS_WAIT = Duration.ofSeconds(5);
    /** A handler running this long when a new version is saved is stopped at once, not at its own limit. */
    private static final Duration RUNAWAY_BEFORE_RELOAD = Duration.ofSeconds(1);

    private Map<String, Object> change(ControlCommand c) {
        return switch (c.cmd()) {
            case "swap" -> swap(c.requiredText("station"), c.requiredText("program"));
            case "reload" -> reload(c.text("program"));
            case "schedule-add" -> scheduleAdd(c);
            default -> scheduleRemove(c.requiredText("station"), c.requiredWholeNumber("id", 1, Long.MAX_VALUE));
        };
    }

    public Map<String, Object> status() throws InterruptedException {
        List<Map<String, Object>> list = snapshots.read(stations.values(), STATUS_WAIT);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("switch", config.switchConfig().describe());
        out.put("switchState", resync.describe());
        out.put("stations", list);
        out.put("compileErrors", Map.copyOf(compileErrors.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey().getFileName().toString(), Map.Entry::getValue))));
        out.put("routed", router.routed());
        out.put("unowned", router.unowned());
        out.put("control", control.counters());
        if (cluster != null) out.put("cluster", cluster.status());
        return out;
    }

    public Map<String, Object> swap(String stationId, String programFile) {
        StationContext s = stationOrFail(stationId);
        Path file = ProgramsFolder.resolve(config.programsDir(), programFile);
        programs.remove(file.toAbsolutePath().normalize());
        ProgramFactory f = program(file);
        if (f == null) {
            throw new CommandRefused(programFile + " does not compile: " + compileErrors.get(file.toAbsolutePath().normalize()));
        }
        // the program goes, its data with it: whatever it is doing now can stop
        s.stopRunningHandler("its station's program is being swapped for " + f.name(), Duration.ZERO);
        s.submit(() -> {
            s.tap("in", "op", Map.of("cmd", "swap", "program", f.name(), "version", f.version()));
            s.load(f);
        });
        return Map.of("station", stationId, "program", f.name(), "version", f.version());
    }

    public Map<String, Object> reload(String programFile) {
        List<String> files = new ArrayList<>();
        for (StationContext s : stations.values()) {
            String p = s.config().program();
            if (programFile == null || programFile.equals(p)) {
                files.add(p);
            }
        }
        files.stream().distinct().forEach(p -> programChanged(config.programsDir().resolve(p)));
        return Map.of("reloaded", files.stream().distinct().toList());
    }

    private StationContext stationOrFail(String id) {
        StationContext s = stations.get(id);
        if (s == null) {
            throw new CommandRefused("no station '" + id + "'; stations are " + stations.keySet());
        }
        return s;
    }

    public Map<String, Object> scheduleList(String stationId) {
        stationOrFail(stationId);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ScheduleStore.Stored st : schedules.list(stationId)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", st.entry().id());
            m.put("program", st.entry().program());
            m.put("start", st.entry().start().toString());
            m.put("duration", Durations.format(st.entry().duration()));
            m.put("repeat", st.rrule());
            m.put("priority", st.entry().priority());
            m.put("source", st.source());
            rows.add(m);
        }
        return Map.of("station", stationId, "entries", rows);
    }

    /** Adds a show while running; takes effect at once and tells the operator what it overlaps. */
    public Map<String, Object> scheduleAdd(ControlCommand c) {
        String stationId = c.requiredText("station");
        StationContext station = stationOrFail(stationId);
        String program = c.requiredText("program");
        Path file = ProgramsFolder.resolve(config.programsDir(), program);
        if (program(file) == null) {
            throw new CommandRefused(program + " does not compile: " + compileErrors.get(file));
        }
        String rrule = c.text("repeat");
        Recurrence repeat = rrule == null ? null : c.parsed("repeat", Recurrence::parse, "a repeat rule, e.g. FREQ=WEEKLY;BYDAY=MO");
        Long priority = c.wholeNumber("priority", -1000, 1000);
        ScheduleEntry e = new ScheduleEntry(0, stationId, program, Map.of(),
                c.parsed("start", java.time.LocalDateTime::parse, "a local date and time, e.g. 2026-12-24T18:00"),
                c.parsed("duration", Durations::parse, "a duration, e.g. 90m, 1h30m or 45s"), repeat, java.util.Set.of(),
                priority == null ? 0 : priority.intValue());
        java.time.Instant now = scheduler.now();
        List<String> conflicts = Timeline.conflicts(e, grid.get(stationId), station.config().timezone(), now, now.plus(java.time.Duration.ofDays(14)));
        ScheduleEntry saved = schedules.add(e, rrule, "live");
        grid.invalidate(stationId);
        StationScheduler sched = schedulers.get(stationId);
        station.submit(sched::replan);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", saved.id());
        out.put("overlaps", conflicts);
        return out;
    }

    public Map<String, Object> scheduleRemove(String stationId, long id) {
        StationContext station = stationOrFail(stationId);
        if (!schedules.remove(stationId, id)) {
            throw new CommandRefused("station " + stationId + " has no schedule entry " + id);
        }
        grid.invalidate(stationId);
        station.submit(schedulers.get(stationId)::replan);
        return Map.of("removed", id);
    }

    public StationContext station(String id) {
        return stations.get(id);
    }

    /** The stations running now (config reloads add and remove them). */
    public java.util.Collection<StationContext> stations() {
        return List.copyOf(stations.values());
    }

    /** Records the event log dropped because its writer fell behind (a benchmark's figure). */
    public long eventLogDropped() {
        return eventLog.dropped();
    }

    public Router router() {
        return router;
    }

    /** Where operators reach this host (the bound port when the config asked for any free one). */
    public String controlEndpoint() {
        return control.endpoint();
    }

    /** ZeroMQ messages from other hosts that were dropped because they were garbled. */
    public long malformedMessages() {
        return bus.malformed();
    }

    /** Waits until every station has handled what it was given so far (tests, orderly shutdown). */
    public void settle() throws InterruptedException {
        for (StationContext s : stations.values()) {
            CountDownLatch done = new CountDownLatch(1);
            s.submit(done::countDown);
            done.await(10, TimeUnit.SECONDS);
        }
    }

    /** Stops every station (teardown runs, calls are hung up) and then the connections. */
    @Override
    public void close() throws Exception {
        if (cluster != null) cluster.pause();   // no station starts or stops behind this
        resync.close();
        phone.close();
        CountDownLatch stopped = new CountDownLatch(stations.size());
        Map<StationContext, java.util.Set<String>> hungUp = new ConcurrentHashMap<>();
        for (StationContext s : stations.values()) {
            s.submit(() -> {
                try {
                    StationScheduler sched = schedulers.get(s.getId());
                    if (sched != null) sched.stop();
                    hungUp.put(s, s.liveCallIds());   // unload hangs these up
                    s.unload();
                } finally {
                    stopped.countDown();
                }
            });
        }
        stopped.await(10, TimeUnit.SECONDS);
        awaitHangups(hungUp);
        if (cluster != null) cluster.close();   // the stations are off air: the others may take them now
        router.close();   // what still comes now is about stations that are gone
        watcher.close();
        configWatcher.close();
        control.close();
        bus.close();
        if (gate != null) gate.close();
        zmq.close();
        pool.close();
        if (scheduler instanceof RealScheduler real) real.close();
        retention.close();
        housekeeping.shutdown();
        housekeeping.awaitTermination(10, TimeUnit.SECONDS);   // a sweep under way finishes before the database closes
        eventLog.close();
        cdrRecorder.close();
        db.close();
    }

    /** How long stopping waits for the switch to confirm the hang-ups it was sent. */
    static final Duration HANGUP_WAIT = Duration.ofSeconds(10);

    /**
     * Waits (at most {@link #HANGUP_WAIT}) until the switch has ended the calls the stations hung up
     * on stopping (each station forgets a call at its CHANNEL_DESTROY), and says how many came back.
     */
    private void awaitHangups(Map<StationContext, java.util.Set<String>> hungUp) throws InterruptedException {
        int sent = hungUp.values().stream().mapToInt(java.util.Set::size).sum();
        if (sent == 0) {
            stopReport = "no calls to hang up";
            return;
        }
        if (resync.state() != SwitchResync.State.UP) {   // nothing would come back: the switch ends its calls itself
            stopReport = "the switch is away: " + sent + " hang-up(s) not confirmed";
            log.warn("stopping: {}", stopReport);
            return;
        }
        long end = System.nanoTime() + HANGUP_WAIT.toNanos();
        int open;
        while ((open = stillOpen(hungUp)) > 0 && System.nanoTime() < end) {
            Thread.sleep(20);   // the stations' own threads take the hang-ups in
        }
        if (open == 0) {
            stopReport = "all " + sent + " hang-up(s) came back from the switch";
            log.info("stopping: {}", stopReport);
        } else {
            stopReport = (sent - open) + " of " + sent + " hang-up(s) came back from the switch within " + HANGUP_WAIT.toSeconds()
                    + " s; " + open + " call(s) not confirmed ended";
            log.warn("stopping: {}", stopReport);
        }
    }

    private volatile String stopReport;

    /** What stopping found of the hang-ups it sent (null until stopped). */
    public String stopReport() {
        return stopReport;
    }

    private static int stillOpen(Map<StationContext, java.util.Set<String>> hungUp) {
        int open = 0;
        for (Map.Entry<StationContext, java.util.Set<String>> e : hungUp.entrySet()) {
            for (String id : e.getValue()) {
                if (e.getKey().owns(id)) open++;
            }
        }
        return open;
    }

    /** This host's part in a cluster, or null (it runs every station). */
    public ClusterMember cluster() {
        return cluster;
    }

    public Database database() {
        return db;
    }
}
