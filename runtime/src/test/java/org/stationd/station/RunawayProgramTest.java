package org.stationd.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stationd.api.EventKind;
import org.stationd.api.ProgramContext;
import org.stationd.api.ProgramDefinition;
import org.stationd.api.ProgramError;
import org.stationd.api.StateDefinition;
import org.stationd.config.StationConfig;
import org.stationd.config.Transmitter;

/**
 * A program that blocks its handlers, or ignores being stopped, holds only its own station: on a
 * pool of two threads, three such stations leave a heartbeat station ticking, and the one that
 * ignores its stop is quarantined while the others go on.
 */
class RunawayProgramTest {
    private final StationPool pool = new StationPool(2);
    private final RealScheduler scheduler = new RealScheduler();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<ProgramError> errors = new CopyOnWriteArrayList<>();
    private final AtomicBoolean release = new AtomicBoolean();

    @AfterEach
    void close() {
        release.set(true);
        pool.close();
        scheduler.close();
    }

    private StationContext station(String id) {
        StationConfig cfg = new StationConfig(id, "Radio " + id, ZoneId.of("Africa/Kampala"),
                List.of(new Transmitter("sip", "user/1001", null, null)), Map.of(), null, Map.of(), "p", Map.of(), List.of(), List.of());
        StationListener listener = new StationListener() {
            @Override public void stateChanged(String s, String p, String from, String to) { log.add(s + ":" + to); }
            @Override public void programError(String s, String p, ProgramError e) { errors.add(e); log.add(s + " error " + e.message()); }
        };
        return new StationContext(cfg, StationServices.builder(new RecordingLink(), scheduler, pool).listener(listener)
                .files(Path.of("/media"), Path.of("/rec")).leases(new MemoryLeases(java.time.Instant::now)).owners(new Router()).build());
    }

    private static ProgramFactory program(String name, java.util.function.Function<ProgramContext, ProgramDefinition> build) {
        return new ProgramFactory() {
            @Override public String name() { return name; }
            @Override public String version() { return "v1"; }
            @Override public Instance create(ProgramContext ctx) {
                ProgramDefinition d = build.apply(ctx);
                return () -> d;
            }
        };
    }

    /** Every timer tick sleeps: the volunteer's `this."${'sle'+'ep'}"(600000)` every 0.05 s. */
    private ProgramFactory sleeper(CountDownLatch asleep, AtomicInteger awake) {
        return program("sleeper", ctx -> new ProgramDefinition("sleeper").add(new StateDefinition("on")
                .enter(e -> ctx.getStation().every(0.05, "tick"))
                .on(EventKind.TIMER, e -> {
                    asleep.countDown();
                    try {
                        Thread.sleep(600_000);
                    } finally {
                        awake.incrementAndGet();
                    }
                })));
    }

    private ProgramFactory heartbeat(AtomicInteger beats) {
        return program("heartbeat", ctx -> new ProgramDefinition("heartbeat").add(new StateDefinition("on")
                .enter(e -> ctx.getStation().every(0.05, "beat"))
                .on(EventKind.TIMER, e -> beats.incrementAndGet())));
    }

    @Test
    void threeSleepingStationsLeaveTheOthersTheirThreads() throws Exception {
        CountDownLatch asleep = new CountDownLatch(3);
        AtomicInteger awake = new AtomicInteger();
        AtomicInteger beats = new AtomicInteger();
        StationContext hb = station("hb");
        for (String id : List.of("s1", "s2", "s3")) {
            StationContext s = station(id);
            s.submit(() -> s.load(sleeper(asleep, awake)));
        }
        assertTrue(asleep.await(60, TimeUnit.SECONDS), "every sleeper is asleep, holding a thread each");
        hb.submit(() -> hb.load(heartbeat(beats)));
        await("the heartbeat beats 10 times", () -> beats.get() >= 10);
        assertEquals(0, awake.get(), "the sleepers were still asleep while the heartbeat beat: the pool lent threads, the heartbeat never waited for them");
        assertTrue(pool.lent() >= 1, "threads lent while the sleepers sleep: " + pool.lent());
        // each sleeper is stopped at the blocked bound and reported, by file and handler
        await("the sleepers are stopped", () -> errors.stream().filter(e -> e.message().startsWith("was blocked for 5 s")).count() >= 3);
        await("the lent threads are given back", () -> pool.lent() < 3);
    }

    @Test
    void aHandlerThatIgnoresItsStopIsQuarantinedAndItsStationComesBackWithANewVersion() throws Exception {
        AtomicInteger beats = new AtomicInteger();
        StationContext hb = station("hb");
        hb.submit(() -> hb.load(heartbeat(beats)));
        StationContext bad = station("bad");
        bad.submit(() -> bad.load(program("stubborn", ctx -> new ProgramDefinition("stubborn").add(new StateDefinition("on")
                .enter(e -> ctx.getStation().after(0.01, "go"))
                .on(EventKind.TIMER, e -> {
                    while (!release.get()) {
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException swallowed) {
                            // ignores every stop
                        }
                    }
                })))));
        await("quarantined", () -> log.contains("bad:quarantined"));
        assertEquals("quarantined", bad.state());
        assertTrue(errors.stream().anyMatch(e -> "quarantine".equals(e.handler()) && e.message().contains("stubborn")), errors.toString());
        // the station moved off the stuck thread: it takes inputs again, and a new program goes on air
        int before = beats.get();
        bad.submit(() -> bad.load(heartbeat(new AtomicInteger())));
        await("the fixed program is on air", () -> "on".equals(bad.state()));
        await("the heartbeat kept beating", () -> beats.get() > before + 5);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("waited 60 s for: " + what);
            Thread.sleep(10);
        }
    }
}
