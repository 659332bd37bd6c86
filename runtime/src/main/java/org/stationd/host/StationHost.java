package org.stationd.host;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.cluster.ClusterMember;
import org.stationd.cluster.Fence;
import org.stationd.cluster.LeaseClock;
import org.stationd.config.HostConfig;
import org.stationd.config.StationConfig;
import org.stationd.retention.Retention;
import org.stationd.storage.Cdrs;
import org.stationd.control.ControlCommand;
import org.stationd.control.ControlKeys;
import org.stationd.control.ControlServer;
import org.stationd.control.OperatorGate;
import org.stationd.control.ZmqBus;
import org.stationd.esl.client.EslClient;
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
import org.stationd.switchlink.EslSwitchLink;
import org.zeromq.ZContext;

/**
 * The host process: connects to the switch, starts one {@link StationContext} per configured
 * station with its program, routes the switch's events to them, reloads programs when their files
 * change, and answers operators on the control socket. Its parts: the {@link StationSet}, the
 * {@link HostPrograms} in use, the {@link HostSchedules} and the {@link HostControl} commands.
 */
public final class StationHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StationHost.class);

    private volatile HostConfig config;
    /** One per switch the stations run on: its connection, router, resync, originate pace. */
    private final SwitchSides switches;
    private final StationSet stations;
    private final HostPrograms programs;
    private final HostSchedules schedules;
    private final HostControl commands;
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
    private final StationTap tap;
    private final CdrRecorder cdrRecorder;
    private final java.util.concurrent.ExecutorService housekeeping =
            java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofPlatform().name("retention").daemon(true).factory());
    private final Retention retention;
    private final TestPhone phone;
    /** Whether call events go out on the bus now (asked for, or a console page watching). */
    private final PerEventOutput perEvent = new PerEventOutput();
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
        this(config, loader, Map.of(org.stationd.config.Switches.DEFAULT, client), true, console, extra, observer, clock);
    }

    /** On several switches: a connection per switch the stations name (see {@link HostConfig#switchesInUse}), by name. */
    public StationHost(HostConfig config, ProgramLoader loader, Map<String, EslClient> clients, PrintStream console, List<StationListener> extra,
                       StationTap observer, Scheduler clock) throws Exception {
        this(config, loader, clients, false, console, extra, observer, clock);
    }

    /** {@code anyStation}: one connection that every station uses, whatever switch it names. */
    private StationHost(HostConfig config, ProgramLoader loader, Map<String, EslClient> clients, boolean anyStation, PrintStream console,
                        List<StationListener> extra, StationTap observer, Scheduler clock) throws Exception {
        this.config = config;
        this.pool = StationPool.forThisMachine();   // lends threads while a handler is blocked or stuck
        this.scheduler = clock;
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
        PublishingListener publishing = new PublishingListener(bus, perEvent);
        this.tap = (st, v, state, dir, kind, fields) -> {
            log.record(st, v, state, dir, kind, fields);
            cdrRecorder.record(st, v, state, dir, kind, fields);
            publishing.record(st, v, state, dir, kind, fields);
            org.stationd.metrics.HostMetrics.TAP.record(st, v, state, dir, kind, fields);
            observer.record(st, v, state, dir, kind, fields);
        };
        List<StationListener> all = new ArrayList<>();
        if (console != null) {
            all.add(new ConsoleListener(console));
        }
        all.add(publishing);
        all.addAll(extra);
        this.listener = new Listeners(all);
        this.switches = sides(clients, anyStation);
        this.stations = new StationSet(() -> this.config, switches, db, scheduler);
        this.programs = new HostPrograms(loader, db, bus, listener, stations::live);
        this.schedules = new HostSchedules(() -> this.config, programs, scheduler, db,
                id -> cluster == null ? () -> true : cluster.fence(id)::open);
        stations.wire(this::services, schedules);
        if (cluster != null) stations.ownedBy(cluster::holds);
        for (SwitchSide side : switches.all()) side.listen();
        this.phone = new TestPhone(sc -> switches.of(sc).client, bus);
        config.switches().groupsSpanningSwitches(config.stations()).forEach(w -> StationHost.log.warn("{}", w));
        stations.open(config.stations());
        stations.startSchedules();
        this.commands = new HostControl(() -> this.config, stations, programs, schedules, phone, bus::publishEndpoint, switches,
                this::controlCounters);
        this.control = new ControlServer(zmq, config.control().control(), gate, commands::handle);
        org.stationd.metrics.HostMetrics.watch(switches.all().stream().map(s -> s.client).toList(), this::stations, this::eventLogDropped);
        org.stationd.metrics.HostMetrics.switches(switches::upByName);
        this.watcher = new ProgramWatcher(config.programsDir(), programs::changed);
        this.configWatcher = new ConfigWatcher(config.file(), this::configChanged);
        if (cluster != null) {
            commands.cluster(cluster::status);
            cluster.messages(ClusterBus.advertised(bus.publishEndpoint(), bus.publicKey()), bus::peers);   // station messages reach the other hosts' programs
            bus.trustHosts(cluster::isLiveHostKey);   // with keys: a host that just joined may subscribe here at once
            cluster.start(new ClusterMember.Stations() {
                @Override public void start(String id) { stations.startOwned(id); }
                @Override public void stop(String id, boolean lost) { stations.stopOwned(id); }
            });
        }
    }

    /**
     * A side per connection: its stations are those on that switch (all of them with one client
     * given); in a cluster they act only while their lease holds, and a number of a station of the
     * file on that switch is left to the host that runs it.
     */
    private SwitchSides sides(Map<String, EslClient> clients, boolean anyStation) {
        java.util.function.BiPredicate<String, StationConfig> runsOn = (name, sc) -> anyStation || name.equals(config.switches().of(sc));
        java.util.function.Predicate<String> mayAct = cluster == null ? null : id -> cluster.fence(id).open();
        Map<String, SwitchSide> sides = new java.util.LinkedHashMap<>();
        clients.forEach((name, client) -> {
            org.stationd.config.SwitchConfig sw = anyStation ? config.switchConfig() : config.switches().named().get(name);
            if (sw == null) throw new IllegalArgumentException("no switch named '" + name + "' in " + config.file());
            java.util.function.Predicate<String> elsewhere = cluster == null ? null : number -> config.stations().stream()
                    .filter(s -> runsOn.test(name, s)).anyMatch(s -> s.lines().values().stream().anyMatch(n -> n.contains(number)));
            sides.put(name, new SwitchSide(name, sw, client, scheduler,
                    () -> stations.live().stream().filter(s -> runsOn.test(name, s.config())).toList(), mayAct, elsewhere));
        });
        return new SwitchSides(sides, sc -> config.switches().of(sc), anyStation);
    }

    private Map<String, Object> controlCounters() {
        return control.counters();
    }

    private StationServices services(String stationId) {
        Fence fence = cluster == null ? null : cluster.fence(stationId);   // in a cluster: nothing gets out once the lease is lost
        // the fence is checked as a command goes out: an originate the pacer held back is checked when it is sent
        SwitchSide side = switches.of(config.station(stationId));   // the station's own switch: its connection, its pace, its router
        org.stationd.switchlink.SwitchLink esl = new EslSwitchLink(side.client);
        org.stationd.switchlink.SwitchLink link = side.originates.pace(fence == null ? esl : fence.link(esl));
        org.stationd.station.LeaseService leases = new DbLeases(db, scheduler::now);
        return StationServices.builder(link, scheduler, pool)
                .bus(fence == null ? bus : fence.bus(bus)).listener(listener).files(config.mediaDir(), config.dataDir().resolve("recordings"))
                .stores(id -> fence == null ? new DbKeyValueStore(db, id) : fence.store(new DbKeyValueStore(db, id)))
                .sms(id -> fence == null ? stations.sms(id) : fence.sms(stations.sms(id)))
                .recordings(id -> fence == null ? new DbRecordings(db, id, scheduler::now) : fence.recordings(new DbRecordings(db, id, scheduler::now)))
                .leases(fence == null ? leases : fence.leases(leases)).owners(side.router).tap(tap).held(fence == null ? () -> true : fence::open).build();
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
            commands.configError(org.stationd.station.StationChanges.stamp(scheduler.now(), file + " not applied: " + e.getMessage()));
            return;
        }
        commands.configError(null);
        HostConfig before = config;
        config = next;
        stations.apply(next);
        log.info("applied {}: {} station(s) now (were {})", file, next.stations().size(), before.stations().size());
    }

    // ---- what operators (and tests) ask ------------------------------------------------------

    public Map<String, Object> status() throws InterruptedException { return commands.status(); }
    public Map<String, Object> swap(String stationId, String programFile) { return commands.swap(stationId, programFile); }
    public Map<String, Object> reload(String programFile) { return commands.reload(programFile); }
    public Map<String, Object> scheduleList(String stationId) { return commands.scheduleList(stationId); }
    /** Adds a show while running; takes effect at once and tells the operator what it overlaps. */
    public Map<String, Object> scheduleAdd(ControlCommand c) { return commands.scheduleAdd(c); }
    public Map<String, Object> scheduleRemove(String stationId, long id) { return commands.scheduleRemove(stationId, id); }

    /** An operator's command as the control socket takes it (the web console's one path to the same operations). */
    public Map<String, Object> command(ControlCommand c) throws Exception {
        return commands.handle(c);
    }

    /** Whether each call's events go out on the bus: a console page watching the live feed turns them on. */
    public PerEventOutput perEventOutput() {
        return perEvent;
    }

    /** The host's message bus: station events as the publish socket carries them. */
    public org.stationd.station.MessageBus bus() {
        return bus;
    }

    public HostConfig config() {
        return config;
    }

    public StationContext station(String id) {
        return stations.get(id);
    }

    /** The stations running now (config reloads add and remove them). */
    public java.util.Collection<StationContext> stations() {
        return List.copyOf(stations.live());
    }

    /** Records the event log dropped because its writer fell behind (a benchmark's figure). */
    public long eventLogDropped() {
        return eventLog.dropped();
    }

    /** Records the event log has queued and not yet written (a benchmark waits for it before weighing the heap). */
    public int eventLogBacklog() {
        return eventLog.backlog();
    }

    /** The router of the host's (first) switch. */
    public Router router() {
        return switches.first().router;
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
        stations.settle();
    }

    /** Stops every station (teardown runs, calls are hung up) and then the connections. */
    @Override
    public void close() throws Exception {
        if (cluster != null) cluster.pause();   // no station starts or stops behind this
        switches.all().forEach(s -> s.resync.close());
        phone.close();
        stations.stopAll(sc -> switches.of(sc).up());
        if (cluster != null) cluster.close();   // the stations are off air: the others may take them now
        switches.all().forEach(s -> s.router.close());   // what still comes now is about stations that are gone
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

    /** What stopping found of the hang-ups it sent (null until stopped). */
    public String stopReport() {
        return stations.stopReport();
    }

    /** This host's part in a cluster, or null (it runs every station). */
    public ClusterMember cluster() {
        return cluster;
    }

    public Database database() {
        return db;
    }
}
