package org.stationd.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stationd.api.ProgramDefinition;
import org.stationd.api.StateDefinition;
import org.stationd.config.StationConfig;

/**
 * Security issue #17: a program's leases are its scope's (the station's group, else the station
 * alone), go when the program is unloaded, and outlive their host by seconds, not by the hour
 * the program asked for. On virtual clocks.
 */
class ProgramLeasesTest {
    static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final VirtualScheduler clock = new VirtualScheduler(T0);
    private final MemoryLeases table = new MemoryLeases(clock::now);

    @AfterEach
    void close() {
        pool.shutdownNow();
    }

    private StationContext station(String id, String group) {
        return station(id, group, clock, pool);
    }

    private StationContext station(String id, String group, Scheduler scheduler, java.util.concurrent.Executor threads) {
        StationConfig cfg = new StationConfig(id, "Radio " + id, ZoneId.of("Africa/Kampala"), List.of(), Map.of(), null, Map.of(), "p",
                Map.of(), List.of(), List.of(), group);
        return new StationContext(cfg, StationServices.builder(new RecordingLink(), scheduler, threads)
                .files(Path.of("/media"), Path.of("/rec")).leases(table).owners(new Router()).build());
    }

    /** Takes news-master for an hour as it starts. */
    private static ProgramFactory holder(String version) {
        return new ProgramFactory() {
            @Override public String name() { return "holder"; }
            @Override public String version() { return version; }
            @Override public Instance create(org.stationd.api.ProgramContext ctx) {
                ProgramDefinition d = new ProgramDefinition("holder").add(new StateDefinition("on")
                        .enter(e -> ctx.getData().put("master", ctx.getStation().lease("news-master", 3600))));
                return () -> d;
            }
        };
    }

    private static void run(StationContext s, Runnable r) throws InterruptedException {
        s.submit(r);
        s.awaitIdle(Duration.ofSeconds(10));
    }

    private static boolean claim(StationContext s) throws InterruptedException {
        boolean[] got = new boolean[1];
        run(s, () -> got[0] = s.station().lease("news-master", 10));
        return got[0];
    }

    @Test
    void aLeaseNameIsTheGroupsOwn() throws Exception {
        StationContext east1 = station("mbarara", "east-news");
        run(east1, () -> east1.load(holder("v1")));
        assertFalse(claim(station("jinja", "east-news")), "the group's token is held");
        assertTrue(claim(station("loner", null)), "a station in no group has its own");
        assertTrue(claim(station("gulu", "west-news")), "another group has its own");
        assertTrue(claim(station("kampala", null)), "and another station in no group its own");
    }

    /** The database keeps names of up to 200 characters: the group's part and the program's must fit. */
    @Test
    void aLeaseNameIsShortText() {
        StationContext s = station("mbarara", "east-news");
        for (String bad : new String[] {null, "", "x".repeat(101)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.station().lease(bad, 10));
            assertTrue(e.getMessage().startsWith("lease: the name must be text of 1 to 100 characters"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.station().releaseLease(bad));
        }
        assertTrue(s.station().lease("x".repeat(100), 10));
    }

    @Test
    void unloadingTheProgramGivesItsLeasesUpAtOnceAndAHotReloadKeepsThem() throws Exception {
        StationContext master = station("mbarara", "east-news");
        StationContext other = station("jinja", "east-news");
        run(master, () -> master.load(holder("v1")));
        assertFalse(claim(other));

        run(master, () -> master.reload(holder("v2")));   // the same show goes on, state and data kept
        assertFalse(claim(other), "a hot reload keeps the token with the program's data");

        run(master, () -> master.load(holder("v3")));   // a swap: the old program's token goes, the new one takes it again
        assertFalse(claim(other));

        run(master, master::unload);   // the station stops
        assertTrue(claim(other), "the token is free at once, not in an hour");
        assertEquals(T0, clock.now(), "no time passed");
    }

    @Test
    void theHostRenewsALongLeaseInShortStepsSoItLapsesSoonAfterTheHostDies() throws Exception {
        // two hosts sharing the lease table (one database): each renews on its own clock
        VirtualScheduler hostA = new VirtualScheduler(T0);
        ProgramScope east = new ProgramScope("group/east-news");
        StationLeases a = new StationLeases(table, "mbarara", east, hostA, Runnable::run, why -> { throw new AssertionError(why); });
        StationLeases b = new StationLeases(table, "jinja", east, clock, Runnable::run, why -> { throw new AssertionError(why); });

        assertTrue(a.claim("news-master", Duration.ofHours(1)));
        for (int s = 1; s < 3600; s++) {   // all but the last second of the hour: A's host renews, B never gets in
            clock.advance(Duration.ofSeconds(1));   // the table's time first: A renews at the table's "now"
            hostA.advance(Duration.ofSeconds(1));
            assertFalse(b.claim("news-master", Duration.ofSeconds(10)), "at " + s + " s");
        }
        clock.advance(Duration.ofSeconds(1));
        hostA.advance(Duration.ofSeconds(1));
        assertTrue(b.claim("news-master", Duration.ofSeconds(10)), "the hour A asked for is over");
        b.release("news-master");

        assertTrue(a.claim("news-master", Duration.ofHours(1)));
        // A's host dies: its clock stops, nothing renews; the table's time goes on
        clock.advance(StationLeases.TTL.minusSeconds(1));
        assertFalse(b.claim("news-master", Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(b.claim("news-master", Duration.ofSeconds(10)), "the dead host's lease lapsed after " + StationLeases.TTL);
    }

    /** A handler that ignores its stop: the program is quarantined, and its token goes with it. */
    @Test
    void aQuarantinedProgramGivesItsLeasesUp() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean release = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture<Boolean> lateClaim = new java.util.concurrent.CompletableFuture<>();
        try (StationPool threads = new StationPool(2); RealScheduler real = new RealScheduler()) {
            StationContext stuck = station("mbarara", "east-news", real, threads);
            StationContext other = station("jinja", "east-news", real, threads);
            stuck.submit(() -> stuck.load(new ProgramFactory() {
                @Override public String name() { return "stubborn"; }
                @Override public String version() { return "v1"; }
                @Override public Instance create(org.stationd.api.ProgramContext ctx) {
                    ProgramDefinition d = new ProgramDefinition("stubborn").add(new StateDefinition("on")
                            .enter(e -> {
                                ctx.getStation().lease("news-master", 3600);
                                ctx.getStation().after(0.01, "go");
                            })
                            .on(org.stationd.api.EventKind.TIMER, e -> {
                                while (!release.get()) {
                                    try {
                                        Thread.sleep(20);
                                    } catch (InterruptedException swallowed) {
                                        // ignores every stop
                                    }
                                }
                                lateClaim.complete(ctx.getStation().lease("news-master", 3600));
                            }));
                    return () -> d;
                }
            }));
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (!"quarantined".equals(stuck.state())) {
                if (System.nanoTime() > end) throw new AssertionError("waited 60 s for the quarantine");
                Thread.sleep(10);
            }
            stuck.awaitIdle(Duration.ofSeconds(10));   // the quarantine has run to its end on the station's new thread
            assertTrue(claim(other), "the quarantined program's token is free at once");
            run(other, () -> other.station().releaseLease("news-master"));
            // the stuck handler comes back at last and asks for the token again: its program is gone
            release.set(true);
            assertFalse(lateClaim.get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(claim(other));
        } finally {
            release.set(true);
        }
    }
}
