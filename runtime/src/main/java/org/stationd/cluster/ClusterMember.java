package org.stationd.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.config.ClusterConfig;
import org.stationd.storage.Database;

/**
 * This host's part in a cluster: every round (three per lease) it renews its heartbeat and its
 * stations' leases, notices the stations it lost, claims free ones up to its share and gives back
 * what is over it. The host runs exactly the stations held here, and a station may act (send a
 * command, write its store) only while {@link #mayAct} says its lease, at the epoch it was started
 * with, has not run out by this host's own clock: that clock starts before the database extends
 * the lease and stops {@link #safetyMargin} early, so the host stops acting before any other host
 * can claim the station.
 */
public final class ClusterMember implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterMember.class);

    /** What the member asks of its host; called on the member's thread, one at a time. */
    public interface Stations {
        /** This host now owns the station: put it on air. */
        void start(String station);

        /**
         * Take the station off air. {@code lost}: another host may own it already, and the fence
         * is closed (nothing it sends or stores gets through); otherwise it is still owned here
         * while it stops and is released after.
         */
        void stop(String station, boolean lost);
    }

    record Held(long epoch, long deadlineNanos) {}

    private final Database db;
    private final String host;
    private final String instance = UUID.randomUUID().toString();
    private final Duration lease;
    /** How long each renewal holds in the database: {@link ClusterConfig#held()}. */
    private final Duration hold;
    private final Supplier<List<String>> configured;
    private final LeaseClock clock;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private volatile Stations stations;
    /** Where the host starts and stops stations: never the rounds' thread, so a slow stop never delays a renewal. */
    private volatile java.util.concurrent.Executor actions = Runnable::run;
    /** Held stations being stopped to be given back: still owned (their hang-ups get out) until released. */
    private final Set<String> leaving = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService rounds;
    private volatile boolean halted;
    private volatile boolean killed;
    private volatile String lastProblem;
    /** Where this host publishes station messages (null: it does not take part), and who hears of the others'. */
    private volatile String publishEndpoint;
    private volatile boolean advertised;
    private volatile java.util.function.Consumer<Set<String>> peers = p -> { };

    /** Joins: the first round claims this host's share before any station starts ({@link #holds}). */
    public ClusterMember(Database db, ClusterConfig config, Supplier<List<String>> configured, LeaseClock clock) {
        this.db = db;
        this.host = config.hostId();
        this.lease = config.lease();
        this.hold = config.held();
        this.configured = configured;
        this.clock = clock;
        join();
        round();
    }

    /**
     * Writes this run's heartbeat. A row of the same host id that has not run out is either a run
     * that was killed a moment ago (restarted at once) or a second, live run: wait until it would
     * have run out, and refuse only if it was renewed meanwhile.
     */
    private void join() {
        try (Connection c = db.connection()) {
            for (int attempt = 1; ; attempt++) {
                Instant now = clock.dbNow(c);
                if (StationLeaseTable.heartbeat(c, host, instance, now, hold)) return;
                Instant until = StationLeaseTable.hosts(c).stream().filter(h -> h.host().equals(host))
                        .map(StationLeaseTable.HostRow::expiresAt).findFirst().orElse(now);
                if (attempt == 2) {
                    throw new IllegalStateException("another host with cluster.host_id '" + host + "' is running (it renewed until "
                            + until + "): give each host its own id");
                }
                log.warn("host id {} was renewed until {} by an earlier run: waiting for it to run out", host, until);
                clock.sleep(Duration.between(now, until).plusMillis(100));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot join the cluster: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining the cluster", e);
        }
    }

    /**
     * Messages between hosts: this host publishes station messages on {@code endpoint} (written to
     * its heartbeat row at the next round), and each round tells {@code peers} the endpoints of the
     * other live hosts, for the host to subscribe to (a host that ran out drops out of the set).
     */
    public void messages(String endpoint, java.util.function.Consumer<Set<String>> peers) {
        this.peers = peers;
        this.publishEndpoint = endpoint;
        this.advertised = false;
    }

    /**
     * Whether a live host of the cluster advertises this public key (Z85) with its publish socket,
     * by the database now: asked when a host this one has not seen in a round yet subscribes.
     */
    public boolean isLiveHostKey(String key) {
        try (Connection c = db.connection()) {
            Instant now = clock.dbNow(c);
            return StationLeaseTable.hosts(c).stream().anyMatch(h -> h.expiresAt().isAfter(now) && h.publishEndpoint() != null
                    && key.equals(org.stationd.control.BusPeer.parse(h.publishEndpoint()).curveKey()));
        } catch (SQLException e) {
            log.warn("checking a subscribing host's key: {}", e.getMessage());
            return false;
        }
    }

    /** From now on, rounds every {@link ClusterConfig#renewEvery()} tell {@code stations} what to start and stop. */
    public void start(Stations stations) {
        actionThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("cluster-" + host + "-stations").daemon(true).factory());
        listen(stations, actionThread);
        long every = config().renewEvery().toMillis();
        rounds = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("cluster-" + host).daemon(true).factory());
        rounds.scheduleWithFixedDelay(this::safeRound, every, every, TimeUnit.MILLISECONDS);
    }

    private volatile java.util.concurrent.ExecutorService actionThread;

    /** Tells {@code stations} what to start and stop from the next round on (tests run the rounds themselves). */
    void listen(Stations stations, java.util.concurrent.Executor actions) {
        this.actions = actions;
        this.stations = stations;
    }

    private ClusterConfig config() {
        return new ClusterConfig(host, lease);
    }

    /** How much earlier than the database's expiry this host stops acting: a tenth of the time a renewal holds. */
    Duration safetyMargin() {
        return hold.dividedBy(10);
    }

    /** How long one renewal holds in the database. */
    Duration holdTime() {
        return hold;
    }

    private void safeRound() {
        try {
            round();
        } catch (RuntimeException e) {
            log.warn("cluster round of {} failed: {}", host, e.toString());
        }
    }

    /**
     * One round. A database that cannot be reached changes nothing here: the leases run out by
     * this host's clock (the fence closes) and the next round that reaches it finds them lost.
     */
    public synchronized void round() {
        if (halted) return;
        long localStart = clock.localNanos();   // before the database's now: the local deadline is never later than the real expiry
        List<String> wanted = configured.get();
        Map<String, Long> mine = new LinkedHashMap<>();
        List<String> live = new ArrayList<>();
        List<StationLeaseTable.Row> rows;
        Instant now;
        try (Connection c = db.connection()) {
            now = clock.dbNow(c);
            if (!StationLeaseTable.heartbeat(c, host, instance, now, hold)) {
                lastProblem = "another run of host '" + host + "' took over its heartbeat";
            }
            StationLeaseTable.renew(c, host, instance, now, hold);
            if (publishEndpoint != null && !advertised) {
                StationLeaseTable.advertise(c, host, instance, publishEndpoint);
                advertised = true;
            }
            rows = StationLeaseTable.rows(c);
            Set<String> others = new HashSet<>();
            for (StationLeaseTable.HostRow h : StationLeaseTable.hosts(c)) {
                if (!h.expiresAt().isAfter(now)) continue;
                live.add(h.host());
                if (!h.host().equals(host) && h.publishEndpoint() != null) others.add(h.publishEndpoint());
            }
            peers.accept(others);
            lastProblem = null;
        } catch (SQLException e) {
            lastProblem = "database: " + e.getMessage();
            log.warn("cluster round of {}: {}", host, lastProblem);
            return;
        }
        for (StationLeaseTable.Row r : rows) {
            if (host.equals(r.owner()) && instance.equals(r.instance()) && r.expiresAt().isAfter(now)) {
                mine.put(r.station(), r.epoch());
            }
        }
        long deadline = localStart + hold.minus(safetyMargin()).toNanos();
        // lost: held here, but no longer ours in the database (lapsed and claimed, or at another epoch)
        for (String s : List.copyOf(held.keySet())) {
            Held h = held.get(s);
            if (h == null) continue;   // given back meanwhile (on the stations' thread)
            Long epoch = mine.get(s);
            if (epoch == null || epoch != h.epoch()) {
                held.remove(s);
                log.warn("host {} lost station {} (epoch {})", host, s, h.epoch());
                tell(s, true);
            }
        }
        for (Map.Entry<String, Long> e : mine.entrySet()) {
            if (held.containsKey(e.getKey())) {
                held.put(e.getKey(), new Held(e.getValue(), deadline));
            }
        }
        Set<String> stationSet = new HashSet<>(wanted);
        // stations no longer in the list are given back first
        for (String s : List.copyOf(held.keySet())) {
            if (!stationSet.contains(s)) giveBack(s, now);
        }
        int target = Balance.target(live, host, stationSet.size());
        int kept = held.size() - leaving.size();
        if (kept > target) {
            // over the share (a host joined): give back the ones this host would claim last
            List<String> order = new ArrayList<>(held.keySet());
            order.removeAll(leaving);
            order.sort(preference().reversed());
            for (String s : order.subList(0, kept - target)) giveBack(s, now);
        } else if (held.size() < target) {
            claim(rows, stationSet, target, now, deadline);
        }
    }

    private void claim(List<StationLeaseTable.Row> rows, Set<String> wanted, int target, Instant now, long deadline) {
        Map<String, StationLeaseTable.Row> byStation = new java.util.HashMap<>();
        for (StationLeaseTable.Row r : rows) byStation.put(r.station(), r);
        List<String> free = new ArrayList<>();
        for (String s : wanted) {
            StationLeaseTable.Row r = byStation.get(s);
            if (r == null || r.owner() == null || !r.expiresAt().isAfter(now)) free.add(s);
        }
        free.sort(preference());   // each host tries its own order first, so racing hosts rarely want the same station
        try (Connection c = db.connection()) {
            // one statement for the whole share (a host taking over a third of 10,000 stations must not spend the lease on claims)
            Map<String, Long> won = StationLeaseTable.claim(c, free, target - held.size(), host, instance, now, hold);
            for (Map.Entry<String, Long> w : won.entrySet()) {
                held.put(w.getKey(), new Held(w.getValue(), deadline));
                log.info("host {} owns station {} (epoch {})", host, w.getKey(), w.getValue());
                tell(w.getKey(), false);
            }
        } catch (SQLException e) {
            lastProblem = "database: " + e.getMessage();
            log.warn("cluster round of {}: {}", host, lastProblem);
        }
    }

    /** Stops the station while still owned (its hang-ups get through), then releases its lease. */
    private void giveBack(String station, Instant now) {
        if (!leaving.add(station)) return;
        long epoch = held.get(station).epoch();
        actions.execute(() -> {
            Stations s = stations;
            try {
                if (s != null) s.stop(station, false);
            } catch (RuntimeException e) {
                log.warn("stopping station {} to give it back: {}", station, e.toString());
            }
            held.remove(station);
            leaving.remove(station);
            try (Connection c = db.connection()) {
                StationLeaseTable.release(c, station, host, instance, epoch, clock.dbNow(c));
                log.info("host {} gave station {} back", host, station);
            } catch (SQLException e) {
                log.warn("releasing station {}: {} (it lapses within {})", station, e.getMessage(), lease);
            }
        });
    }

    /** A station won (lost=false) or lost: the host starts or stops it; its fault stays with it. */
    private void tell(String station, boolean lost) {
        Stations s = stations;
        if (s == null) return;   // the first round: the host starts what it holds itself
        actions.execute(() -> {
            try {
                if (lost) s.stop(station, true);
                // a start that waited behind others (a busy host starting and giving back many) starts only what is still held:
                // a station lost meanwhile would otherwise load its program here, fenced, while its new owner runs it
                else if (holds(station)) s.start(station);
            } catch (RuntimeException e) {
                log.warn("{} station {}: {}", lost ? "stopping lost" : "starting", station, e.toString());
            }
        });
    }

    private Comparator<String> preference() {
        return Comparator.comparingInt((String s) -> (host + "/" + s).hashCode()).thenComparing(s -> s);
    }

    /** Whether this host owns the station now (by its last round). */
    public boolean holds(String station) {
        return held.containsKey(station);
    }

    /** The epoch this host holds the station at, or -1. */
    public long epoch(String station) {
        Held h = held.get(station);
        return h == null ? -1 : h.epoch();
    }

    /** Whether a station started at {@code epoch} may still act: held at that epoch, and the lease not run out by this host's clock. */
    public boolean mayAct(String station, long epoch) {
        Held h = held.get(station);
        return h != null && h.epoch() == epoch && clock.localNanos() - h.deadlineNanos() < 0;
    }

    /** The fence for a station being started now (at the epoch held). */
    public Fence fence(String station) {
        return new Fence(this, station, epoch(station));
    }

    public String hostId() {
        return host;
    }

    public Duration lease() {
        return lease;
    }

    public Set<String> held() {
        return Set.copyOf(held.keySet());
    }

    /** Every host and every station's lease, as the database says now (status). */
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", host);
        out.put("lease", lease.toMillis() / 1000.0 + " s");
        if (lastProblem != null) out.put("problem", lastProblem);
        try (Connection c = db.connection()) {
            Instant now = clock.dbNow(c);
            List<StationLeaseTable.Row> rows = StationLeaseTable.rows(c);
            List<Map<String, Object>> hosts = new ArrayList<>();
            for (StationLeaseTable.HostRow h : StationLeaseTable.hosts(c)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("host", h.host());
                m.put("live", h.expiresAt().isAfter(now));
                m.put("renewed", h.renewedAt().toString());
                m.put("expires", h.expiresAt().toString());
                m.put("stations", rows.stream().filter(r -> h.host().equals(r.owner()) && h.instance().equals(r.instance()) && r.expiresAt().isAfter(now))
                        .map(StationLeaseTable.Row::station).toList());
                hosts.add(m);
            }
            out.put("hosts", hosts);
            List<Map<String, Object>> leases = new ArrayList<>();
            for (StationLeaseTable.Row r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("station", r.station());
                m.put("owner", r.owner() != null && r.expiresAt().isAfter(now) ? r.owner() : null);
                m.put("epoch", r.epoch());
                m.put("expires", r.expiresAt().toString());
                leases.add(m);
            }
            out.put("leases", leases);
            out.put("now", now.toString());
        } catch (SQLException e) {
            out.put("problem", "database: " + e.getMessage());
        }
        return out;
    }

    /**
     * Stops renewing and keeps everything as it is, as a killed or cut-off host would: its leases
     * run out, the fence closes, the others take its stations. (Tests, and a host whose database
     * went away for good.)
     */
    public void halt() {
        killed = true;
        halted = true;
        if (rounds != null) rounds.shutdownNow();
        if (actionThread != null) actionThread.shutdownNow();
    }

    /** No more rounds (the host is stopping its stations; {@link #close} then gives them back). */
    public void pause() {
        halted = true;
        if (rounds != null) rounds.shutdownNow();
        java.util.concurrent.ExecutorService a = actionThread;
        if (a != null) {
            a.shutdown();   // what was decided still happens, in order: a station given back is stopped before its release
            try {
                a.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Leaves: gives every station back (stopped by the host before) and removes the heartbeat; nothing after {@link #halt}. */
    @Override
    public synchronized void close() {
        pause();
        if (killed) return;
        try (Connection c = db.connection()) {
            Instant now = clock.dbNow(c);
            for (Map.Entry<String, Held> e : Map.copyOf(held).entrySet()) {
                StationLeaseTable.release(c, e.getKey(), host, instance, e.getValue().epoch(), now);
            }
            held.clear();
            StationLeaseTable.leave(c, host, instance);
        } catch (SQLException e) {
            log.warn("leaving the cluster: {} (the leases lapse within {})", e.getMessage(), lease);
        }
    }
}
