package org.stationd.host;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.config.HostConfig;
import org.stationd.config.StationConfig;
import org.stationd.schedule.StationScheduler;
import org.stationd.station.Router;
import org.stationd.station.Scheduler;
import org.stationd.station.StationContext;
import org.stationd.station.StationServices;
import org.stationd.storage.Database;
import org.stationd.storage.DbSms;

/**
 * The stations on air on this host: started from stations.yaml, added, restarted and removed as
 * it changes (each on its own, the others keep going), and stopped with the host, waiting for
 * the switch to confirm the hang-ups.
 */
final class StationSet {
    private static final Logger log = LoggerFactory.getLogger(StationSet.class);
    /** How long stopping waits for the switch to confirm the hang-ups it was sent. */
    /** How long stopping waits for the next hang-up to come back from the switch. */
    static final Duration HANGUP_WAIT = Duration.ofSeconds(10);
    /** How long stopping waits for hang-ups at most, however steadily they come back. */
    static final Duration HANGUP_WAIT_MAX = Duration.ofSeconds(120);

    private final Map<String, StationContext> stations = new ConcurrentSkipListMap<>();   // changed by config reloads while operators read it
    private final Map<String, DbSms> smsStores = new ConcurrentHashMap<>();
    private final Supplier<HostConfig> config;
    /** Each station's switch: its router is told which numbers and calls are the station's. */
    private final SwitchSides switches;
    private final Database db;
    private final Scheduler scheduler;
    private HostSchedules schedules;
    private java.util.function.Function<String, StationServices> services;
    /** Whether this host runs a station: all of them, or in a cluster those it holds the lease of. */
    private java.util.function.Predicate<String> owned = id -> true;
    /** In a cluster: what a station's previous owner left on the switch is ended before it starts here. */
    private LeftCalls leftCalls;
    private volatile String stopReport;

    StationSet(Supplier<HostConfig> config, SwitchSides switches, Database db, Scheduler scheduler) {
        this.config = config;
        this.switches = switches;
        this.db = db;
        this.scheduler = scheduler;
    }

    /** What each station is built with, and where its schedule runs (they need the set themselves: its texts, its stations). */
    void wire(java.util.function.Function<String, StationServices> services, HostSchedules schedules) {
        this.services = services;
        this.schedules = schedules;
    }

    /** In a cluster: only these stations come on air here (from the file, on a reload, or when the cluster gives one). */
    void ownedBy(java.util.function.Predicate<String> owned) {
        this.owned = owned;
        this.leftCalls = new LeftCalls(switches::routes);
    }

    /** The host's first stations, not yet scheduled: each makes its recordings folder (FreeSWITCH's record does not). */
    void open(List<StationConfig> configs) {
        for (StationConfig sc : configs) {
            if (!owned.test(sc.id())) continue;
            StationServices sv = services.apply(sc.id());
            StationContext station = new StationContext(sc, sv);
            station.apology(config.get().apology());
            String noFolder = station.makeRecordingsFolder();
            if (noFolder != null) log.warn("station {} cannot make its recordings folder: {}", sc.id(), noFolder);
            stations.put(sc.id(), station);
            switches.routerOf(sc).add(station);
            if (leftCalls != null) leftCalls.clear(station, sv.link());
        }
    }

    /** Starts every station's schedule. */
    void startSchedules() {
        schedules.startAll(stations.values());
    }

    /** stations.yaml changed: removed and changed stations go off air, then new ones (and the changed, anew) come on. */
    synchronized void apply(HostConfig next) {
        for (StationContext s : List.copyOf(stations.values())) {
            StationConfig now = next.station(s.id());
            if (now == null || !now.equals(s.config())) {
                String why = now == null ? "it is no longer in " + next.file().getFileName() : org.stationd.station.StationChanges.describe(s.config(), now);
                s.submit(() -> s.log("info", "off air: " + why + (now == null ? "" : "; the station restarts with it")));
                stop(s);
            }
        }
        for (StationConfig sc : next.stations()) {
            if (!stations.containsKey(sc.id()) && owned.test(sc.id())) {
                start(sc);
            }
        }
    }

    /** The cluster gave this host a station. */
    synchronized void startOwned(String id) {
        StationConfig sc = config.get().station(id);
        if (sc != null && !stations.containsKey(id)) start(sc);
    }

    /** The cluster took a station away (when lost, its fence is closed already: its hang-ups and writes do not get out). */
    synchronized void stopOwned(String id) {
        StationContext s = stations.get(id);
        if (s != null) stop(s, true);   // it goes on elsewhere: a relay's token stays the station's, its next run renews it
    }

    private void start(StationConfig sc) {
        StationServices sv;
        try {
            sv = services.apply(sc.id());
        } catch (SwitchSides.NotConnected e) {
            log.error("station {} stays off air: {}", sc.id(), e.getMessage());   // the others of the reload go on
            return;
        }
        StationContext station = new StationContext(sc, sv);
        station.apology(config.get().apology());
        stations.put(sc.id(), station);
        switches.routerOf(sc).add(station);
        if (leftCalls != null) leftCalls.clear(station, sv.link());   // before its program can dial anything under its station_id
        schedules.start(station);
    }

    private void stop(StationContext s) {
        stop(s, false);
    }

    private void stop(StationContext s, boolean moving) {
        CountDownLatch stopped = new CountDownLatch(1);
        s.submit(() -> {
            try {
                StationScheduler sched = schedules.remove(s.id());
                if (sched != null) sched.stop(moving);
                s.unload(moving);
            } finally {
                stopped.countDown();
            }
        });
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stations.remove(s.id());
        switches.routerOf(s.config()).remove(s);
        smsStores.remove(s.id());
    }

    /** The station's text messages (null without an SMS number): kept in the database, sent through the switch. */
    DbSms sms(String stationId) {
        StationConfig sc = config.get().station(stationId);
        if (sc == null || sc.sms() == null) {
            return null;
        }
        return smsStores.computeIfAbsent(stationId, id -> new DbSms(db, id, sc.sms(), scheduler::now, cmd -> stations.get(id).switchApi(cmd)));
    }

    StationContext get(String id) {
        return stations.get(id);
    }

    /** The stations now, as they change (iterate it, do not keep it). */
    Collection<StationContext> live() {
        return stations.values();
    }

    Set<String> ids() {
        return stations.keySet();
    }

    /** Waits until every station has handled what it was given so far (tests, orderly shutdown). */
    void settle() throws InterruptedException {
        for (StationContext s : stations.values()) {
            CountDownLatch done = new CountDownLatch(1);
            s.submit(done::countDown);
            done.await(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Stops every station (schedules stop, teardown runs, calls are hung up) and, while the switch
     * is {@code up}, waits until it has ended the calls they hung up (each station forgets a call at
     * its CHANNEL_DESTROY), for as long as hang-ups keep coming back ({@link #HANGUP_WAIT} after the
     * last, {@link #HANGUP_WAIT_MAX} at most); {@link #stopReport} says how many came back.
     */
    void stopAll(java.util.function.Predicate<StationConfig> up) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(stations.size());
        Map<StationContext, Set<String>> hungUp = new ConcurrentHashMap<>();
        for (StationContext s : stations.values()) {
            s.submit(() -> {
                try {
                    StationScheduler sched = schedules.get(s.id());
                    if (sched != null) sched.stop();
                    hungUp.put(s, s.liveCallIds());   // unload hangs these up
                    s.unload();
                } finally {
                    stopped.countDown();
                }
            });
        }
        stopped.await(10, TimeUnit.SECONDS);
        int away = 0;   // hang-ups sent to a switch that is away: nothing would come back, it ends its calls itself
        for (var it = hungUp.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!up.test(e.getKey().config())) {
                away += e.getValue().size();
                it.remove();
            }
        }
        awaitHangups(hungUp, away);
    }

    /** {@code unconfirmable}: hang-ups sent to a switch that is away (nothing would come back: it ends its calls itself). */
    private void awaitHangups(Map<StationContext, Set<String>> hungUp, int unconfirmable) throws InterruptedException {
        int sent = hungUp.values().stream().mapToInt(Set::size).sum();
        if (sent == 0 && unconfirmable == 0) {
            stopReport = "no calls to hang up";
            return;
        }
        if (sent == 0) {
            stopReport = "the switch is away: " + unconfirmable + " hang-up(s) not confirmed";
            log.warn("stopping: {}", stopReport);
            return;
        }
        // the wait is for the switch's answers, not a fixed time: it lasts while they keep coming
        // (10,000 hang-ups take the switch longer than 10), and ends 10 s after the last one came
        long start = System.nanoTime();
        long end = start + HANGUP_WAIT.toNanos();
        int open = sent;
        while (open > 0 && System.nanoTime() < end && System.nanoTime() - start < HANGUP_WAIT_MAX.toNanos()) {
            Thread.sleep(20);   // the stations' own threads take the hang-ups in
            int now = stillOpen(hungUp);
            if (now < open) end = System.nanoTime() + HANGUP_WAIT.toNanos();
            open = now;
        }
        String awayToo = unconfirmable == 0 ? "" : "; " + unconfirmable + " more not confirmed: their switch is away";
        if (open == 0) {
            stopReport = "all " + sent + " hang-up(s) came back from the switch" + awayToo;
            log.info("stopping: {}", stopReport);
        } else {
            stopReport = (sent - open) + " of " + sent + " hang-up(s) came back from the switch; none came for " + HANGUP_WAIT.toSeconds()
                    + " s or the stop took its longest (" + HANGUP_WAIT_MAX.toSeconds() + " s): " + open + " call(s) not confirmed ended" + awayToo;
            log.warn("stopping: {}", stopReport);
        }
    }

    /** What stopping found of the hang-ups it sent (null until stopped). */
    String stopReport() {
        return stopReport;
    }

    private static int stillOpen(Map<StationContext, Set<String>> hungUp) {
        int open = 0;
        for (Map.Entry<StationContext, Set<String>> e : hungUp.entrySet()) {
            for (String id : e.getValue()) {
                if (e.getKey().owns(id)) open++;
            }
        }
        return open;
    }
}
