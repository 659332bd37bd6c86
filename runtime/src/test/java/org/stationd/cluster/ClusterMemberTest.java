package org.stationd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stationd.config.ClusterConfig;
import org.stationd.storage.Database;
import org.stationd.storage.postgres.LivePostgres;

/**
 * Station ownership between three hosts sharing one real PostgreSQL database, on a clock the test
 * moves: the stations spread by count, a host that stops renewing loses its stations to the others
 * once its lease has run out (and stops acting before they can claim them), and a host that comes
 * back gets stations only by rebalancing. No station may act on two hosts at any moment.
 */
class ClusterMemberTest {
    @RegisterExtension
    static final LivePostgres PG = new LivePostgres();

    static final Duration LEASE = Duration.ofSeconds(15);
    static final List<String> STATIONS = IntStream.rangeClosed(1, 60).mapToObj(i -> String.format("s%02d", i)).toList();

    final ManualLeaseClock clock = new ManualLeaseClock();
    final List<Database> dbs = new ArrayList<>();
    final List<ClusterMember> members = new CopyOnWriteArrayList<>();
    /** Every host's start/stop, in order: the stations each host runs now, rebuilt from it. */
    final Map<String, Set<String>> running = new TreeMap<>();

    /** A host with its own connection pool to the shared database, like a separate process. */
    ClusterMember host(String id) throws Exception {
        Database db = Database.open(PG.url(), PG.user(), "");
        dbs.add(db);
        ClusterMember m = new ClusterMember(db, new ClusterConfig(id, LEASE), () -> STATIONS, clock);
        members.add(m);
        synchronized (running) {
            Set<String> mine = running.computeIfAbsent(id, k -> new HashSet<>());
            mine.clear();
            mine.addAll(m.held());   // the host starts what its first round won
        }
        m.listen(new ClusterMember.Stations() {   // rounds driven by the test, not a timer
            @Override public void start(String station) {
                synchronized (running) {
                    running.get(id).add(station);
                }
            }

            @Override public void stop(String station, boolean lost) {
                synchronized (running) {
                    running.get(id).remove(station);
                }
            }
        }, Runnable::run);
        assertAtMostOneActs();
        return m;
    }

    /** One round on each live host, then the invariant. */
    void rounds(ClusterMember... hosts) {
        for (ClusterMember h : hosts) {
            h.round();
            assertAtMostOneActs();
        }
    }

    void assertAtMostOneActs() {
        for (String s : STATIONS) {
            List<String> acting = members.stream().filter(m -> m.mayAct(s, m.epoch(s))).map(ClusterMember::hostId).toList();
            assertTrue(acting.size() <= 1, s + " acts on " + acting);
        }
    }

    @AfterEach
    void close() {
        members.forEach(ClusterMember::halt);
        dbs.forEach(Database::close);
    }

    @Test
    void stationsSpreadFailOverWithinTheLeaseAndComeBackOnlyByRebalancing() throws Exception {
        ClusterMember a = host("a");
        assertEquals(60, a.held().size(), "alone, a host runs every station");
        ClusterMember b = host("b");
        ClusterMember c = host("c");
        assertEquals(Set.of(), b.held(), "joining takes nothing that is owned");
        rounds(a, b, c);   // a gives back down to its share; b and c take what is free
        rounds(a, b, c);
        assertEquals(List.of(20, 20, 20), List.of(a.held().size(), b.held().size(), c.held().size()));
        assertEquals(running.get("a"), a.held());
        assertEquals(running.get("b"), b.held());
        Set<String> all = new HashSet<>(a.held());
        all.addAll(b.held());
        all.addAll(c.held());
        assertEquals(Set.copyOf(STATIONS), all);

        // b stops renewing without giving anything back (killed, cut off), just after its last round
        Set<String> bHad = b.held();
        b.halt();
        Duration held = LEASE.multipliedBy(3).dividedBy(4);
        assertEquals(held, b.holdTime(), "a renewal holds three quarters of the lease");
        Duration elapsed = held.minus(b.safetyMargin()).minusMillis(1);
        clock.advance(elapsed);
        assertTrue(bHad.stream().allMatch(s -> b.mayAct(s, b.epoch(s))), "b's stations still act just before its margin");
        clock.advance(Duration.ofMillis(2));
        elapsed = elapsed.plusMillis(2);
        assertTrue(bHad.stream().noneMatch(s -> b.mayAct(s, b.epoch(s))), "past its margin, b acts no more, before its lease ends");
        // the others' rounds come every quarter of the lease: b's stations are theirs within the lease, not before b's renewal ran out
        Duration every = LEASE.dividedBy(4);
        clock.advance(every.minus(elapsed));
        elapsed = every;
        while (a.held().size() + c.held().size() < 60) {
            rounds(a, c);
            if (elapsed.compareTo(held) < 0) {
                assertEquals(List.of(20, 20), List.of(a.held().size(), c.held().size()), "nobody takes b's stations while its renewal holds");
            }
            assertTrue(elapsed.compareTo(LEASE) <= 0, "b's stations are still not back on air after " + elapsed);
            clock.advance(every);
            elapsed = elapsed.plus(every);
        }
        assertEquals(30, a.held().size());
        assertEquals(30, c.held().size());
        Set<String> taken = new HashSet<>(a.held());
        taken.addAll(c.held());
        assertTrue(taken.containsAll(bHad), "every one of b's stations is back on air elsewhere");
        for (String s : bHad) {
            ClusterMember now = a.holds(s) ? a : c;
            assertTrue(now.epoch(s) > b.epoch(s), s + " was taken at a newer epoch");
        }

        // b comes back (a new run under the same id): it gets stations only as the others give them back
        ClusterMember b2 = host("b");
        assertEquals(Set.of(), b2.held());
        assertTrue(bHad.stream().noneMatch(s -> b.mayAct(s, b.epoch(s))), "the old run stays fenced");
        rounds(a, c, b2);
        rounds(a, c, b2);
        assertEquals(List.of(20, 20, 20), List.of(a.held().size(), b2.held().size(), c.held().size()));
        assertEquals(running.get("b"), b2.held());
        assertEquals(running.get("a"), a.held());
        assertEquals(running.get("c"), c.held());
    }

    @Test
    void aPausedHostThatWakesUpRunsNothingItLostAndItsOldEpochsStayFenced() throws Exception {
        ClusterMember a = host("a");
        ClusterMember b = host("b");
        rounds(a, b);
        rounds(a, b);
        assertEquals(30, b.held().size());
        Map<String, Fence> old = new TreeMap<>();
        for (String s : b.held()) old.put(s, b.fence(s));
        // b pauses (a stop-the-world pause, a frozen VM): no round, nothing given back, its programs still loaded
        Duration every = LEASE.dividedBy(4);
        for (Duration t = Duration.ZERO; a.held().size() < 60; t = t.plus(every)) {
            assertTrue(t.compareTo(LEASE) <= 0, "a took b's stations within the lease");
            clock.advance(every);
            rounds(a);
        }
        assertTrue(old.values().stream().noneMatch(Fence::open), "b's stations are fenced while it sleeps");
        // b wakes up: its first round finds every station lost and stops them, sending nothing (the fence is closed)
        b.round();
        assertAtMostOneActs();
        assertEquals(Set.of(), b.held());
        assertEquals(Set.of(), running.get("b"), "b runs none of the stations it lost");
        // it gets stations again only through rebalancing, each at a newer epoch: the fences of the old run of a station stay closed
        rounds(a, b);
        rounds(a, b);
        assertEquals(30, b.held().size());
        assertTrue(b.held().stream().anyMatch(old::containsKey), "b got back some station it ran before the pause");
        for (String s : b.held()) {
            if (old.containsKey(s)) {
                assertFalse(old.get(s).open(), s + ": what b started at epoch " + old.get(s).epoch() + " stays fenced");
                assertTrue(b.fence(s).open() && b.epoch(s) > old.get(s).epoch(), s + " is b's again at a newer epoch");
            }
        }
    }

    @Test
    void aHostLeavingGivesItsStationsBackAtOnce() throws Exception {
        ClusterMember a = host("a");
        ClusterMember b = host("b");
        rounds(a, b);
        rounds(a, b);
        assertEquals(30, b.held().size());
        b.close();   // an orderly stop: no waiting for the lease
        rounds(a);
        assertEquals(60, a.held().size());
    }

    @Test
    void aSecondRunOfTheSameHostIdIsRefusedWhileTheFirstRenews() throws Exception {
        ClusterMember first = host("a");
        clock.sleeping = d -> {   // the first run is alive: its rounds go on while the second waits
            for (Duration left = d; !left.isNegative() && !left.isZero(); left = left.minus(LEASE.dividedBy(4))) {
                clock.advance(LEASE.dividedBy(4));
                first.round();
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> host("a"));
        assertTrue(e.getMessage().contains("another host with cluster.host_id 'a' is running"), e.getMessage());
        assertEquals(60, first.held().size());
    }

    @Test
    void aHostKilledAndRestartedAtOnceWaitsForItsOldRunToRunOut() throws Exception {
        ClusterMember killed = host("a");
        killed.halt();
        ClusterMember again = host("a");   // waits (on the test's clock) until the old heartbeat has run out
        assertTrue(killed.held().stream().noneMatch(s -> killed.mayAct(s, killed.epoch(s))), "the old run is fenced by then");
        assertEquals(60, again.held().size(), "alone again: it claims every station, each at a newer epoch");
        assertTrue(again.held().stream().allMatch(s -> again.epoch(s) == 2));
    }

    @Test
    void aFencedStationSendsAndStoresNothing() throws Exception {
        ClusterMember a = host("a");
        Fence fence = a.fence("s01");
        List<String> sent = new CopyOnWriteArrayList<>();
        org.stationd.switchlink.SwitchLink link = fence.link(new org.stationd.switchlink.SwitchLink() {
            @Override public java.util.concurrent.CompletableFuture<org.stationd.esl.session.ApiResponse> api(String command) { sent.add(command); return new java.util.concurrent.CompletableFuture<>(); }
            @Override public java.util.concurrent.CompletableFuture<org.stationd.esl.session.ApiResponse> bgapi(String command) { sent.add(command); return new java.util.concurrent.CompletableFuture<>(); }
            @Override public java.util.concurrent.CompletableFuture<Void> sendmsg(String uuid, org.stationd.esl.command.SendMsg msg) { sent.add(uuid); return new java.util.concurrent.CompletableFuture<>(); }
        });
        org.stationd.station.MemoryStore memory = new org.stationd.station.MemoryStore();
        org.stationd.api.KeyValueStore store = fence.store(memory);
        link.api("uuid_kill x");
        store.put("n", 1);
        assertEquals(List.of("uuid_kill x"), sent);
        a.halt();
        clock.advance(LEASE);   // past its hold and margin
        var refused = link.api("uuid_kill y");
        assertTrue(refused.isCompletedExceptionally());
        Throwable why = assertThrows(java.util.concurrent.ExecutionException.class, refused::get).getCause();
        assertTrue(why instanceof FencedException && why.getMessage().contains("station s01 is no longer owned by host a"), why.toString());
        assertThrows(FencedException.class, () -> store.put("n", 2));
        List<String> published = new CopyOnWriteArrayList<>();
        org.stationd.station.MessageBus bus = fence.bus(new org.stationd.station.MessageBus() {
            @Override public void publish(String topic, Object data) { published.add(topic); }
            @Override public AutoCloseable subscribe(String prefix, java.util.function.BiConsumer<String, Object> receiver) { return () -> { }; }
        });
        bus.publish("group/news/progress", 1);
        assertEquals(List.of(), published, "a fenced station publishes nothing");
        assertEquals(1, store.get("n"), "reading stays allowed");
        assertEquals(List.of("uuid_kill x"), sent);
    }
}
