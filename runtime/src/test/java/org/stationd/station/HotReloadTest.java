package org.stationd.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.api.KeyValueStore;
import org.stationd.api.ProgramContext;
import org.stationd.api.ProgramDefinition;
import org.stationd.api.ProgramError;
import org.stationd.api.StateDefinition;
import org.stationd.config.StationConfig;
import org.stationd.config.Transmitter;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.script.ProgramEngines;
import org.stationd.script.ProgramSource;

/**
 * A hot reload built off the station's thread ({@link StationContext#reload(ProgramFactory,
 * java.util.concurrent.Executor)}): the station keeps hearing its inputs while each station's copy
 * of the new version is built elsewhere, and the swap goes in between two of them, losing and
 * reordering none, with the program's data kept; the newest saved version wins; a top level that
 * reaches for the station's own things is built again on its thread; a version that cannot start
 * leaves the running one on air.
 */
class HotReloadTest {
    private static ProgramEngines engines;
    private static ScriptProgramLoader scripts;

    private final StationPool pool = new StationPool(2);
    private final ExecutorService builder = Executors.newFixedThreadPool(2);
    private final VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-03-01T08:00:00Z"));
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final List<ProgramError> errors = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> loaded = new LinkedBlockingQueue<>();

    @BeforeAll
    static void engines() {
        engines = new ProgramEngines();
        scripts = new ScriptProgramLoader(engines);
    }

    @AfterAll
    static void closeEngines() {
        engines.close();
    }

    @AfterEach
    void close() {
        builder.shutdownNow();
        pool.close();
    }

    /** A station whose store records what its program puts under {@code heard}. */
    private StationContext station(String id) {
        StationConfig cfg = new StationConfig(id, "Radio " + id, ZoneId.of("Africa/Kampala"),
                List.of(new Transmitter("sip", "user/1001", null, null)), Map.of(), null, Map.of(), "p", Map.of(), List.of(), List.of());
        StationListener listener = new StationListener() {
            @Override public void programError(String s, String p, ProgramError e) { errors.add(e); }
            @Override public void log(String s, String p, String state, String level, String message) { logged.add(message); }
            @Override public void programLoaded(String s, String p, String version) { loaded.add(version); }
        };
        KeyValueStore store = new KeyValueStore() {
            @Override public Object get(String key) { return null; }
            @Override public void put(String key, Object value) { if ("heard".equals(key)) heard.add(String.valueOf(value)); }
            @Override public void remove(String key) { }
            @Override public Set<String> keys() { return Set.of(); }
        };
        return new StationContext(cfg, StationServices.builder(new RecordingLink(), clock, pool).listener(listener)
                .files(Path.of("/media"), Path.of("/rec")).stores(k -> store).owners(new Router()).build());
    }

    private static void timer(StationContext s, String name) {
        s.submit(() -> s.deliver(Event.of(EventKind.TIMER).timer(name).build()));
    }

    /** The next version the station put on air, or a failure after 30 s. */
    private String nextLoaded() throws InterruptedException {
        String v = loaded.poll(30, TimeUnit.SECONDS);
        assertNotNull(v, "no version went on air in 30 s; errors " + errors);
        return v;
    }

    private static ProgramFactory program(String version, Function<ProgramContext, ProgramDefinition> build) {
        return new ProgramFactory() {
            @Override public String name() { return "show"; }
            @Override public String version() { return version; }
            @Override public Instance create(ProgramContext ctx) {
                ProgramDefinition d = build.apply(ctx);
                return () -> d;
            }
        };
    }

    private ProgramFactory hearing(String version) {
        return program(version, ctx -> new ProgramDefinition(version)
                .add(new StateDefinition("on").on(EventKind.TIMER, e -> heard.add(version + " " + e.getTimer()))));
    }

    /** Each version says which it is with every input it hears, and counts them in its data (kept across reloads). */
    private static ProgramSource version(String language, int k) {
        return "js".equals(language)
                ? ProgramSource.of("show.js", """
                        program({ states: { on: {
                          timer(e) { data.n = (data.n || 0) + 1; station.store.put('heard', e.timer + ' ' + data.n + ' v%d'); }
                        } } });
                        """.formatted(k))
                : ProgramSource.of("show.groovy", """
                        program {
                            state('on') {
                                on.timer { e -> data.n = (data.n ?: 0) + 1; station.store.put('heard', "${e.timer} ${data.n} v%d".toString()) }
                            }
                        }
                        """.formatted(k));
    }

    /**
     * Inputs keep coming (a few always queued) while ten new versions are saved, one every fifty
     * inputs: every input is heard once, in order, by one version or the next, the data's
     * count goes on across every swap, and the last version saved is the one on air.
     */
    @ParameterizedTest
    @ValueSource(strings = {"groovy", "js"})
    void reloadsUnderInputsLoseAndReorderNothing(String language) throws Exception {
        StationContext s = station("kla-" + language);
        s.submit(() -> s.load(scripts.factory(version(language, 0))));
        nextLoaded();
        int inputs = 500;
        int reloads = 10;
        String last = null;
        for (int i = 1; i <= inputs; i++) {
            while (s.executor().queued() >= 8) {
                LockSupport.parkNanos(100_000);   // the station works through them; a few stay queued, as under load
            }
            timer(s, String.valueOf(i));
            if (i % (inputs / reloads) == 0) {
                ProgramFactory next = scripts.factory(version(language, i / (inputs / reloads)));
                last = next.version();
                s.reload(next, builder);
            }
        }
        while (!last.equals(s.programVersion())) {
            nextLoaded();
        }
        timer(s, "end");
        s.awaitIdle(Duration.ofSeconds(30));
        assertEquals(List.of(), errors);
        assertEquals(inputs + 1, heard.size(), "every input heard once");
        Pattern p = Pattern.compile("(\\w+) (\\d+) v(\\d+)");
        int version = 0;
        List<Integer> versionsHeard = new ArrayList<>();
        for (int i = 0; i < heard.size(); i++) {
            Matcher m = p.matcher(heard.get(i));
            assertTrue(m.matches(), heard.get(i));
            assertEquals(i < inputs ? String.valueOf(i + 1) : "end", m.group(1), "in order, none lost");
            assertEquals(i + 1, Integer.parseInt(m.group(2)), "the data's count went on across the swaps");
            int v = Integer.parseInt(m.group(3));
            assertTrue(v >= version, "a version never comes back after a newer one: " + heard.get(i));
            if (v != version || versionsHeard.isEmpty()) versionsHeard.add(v);
            version = v;
        }
        assertEquals(reloads, version, "the last version saved heard the last input");
        assertTrue(versionsHeard.size() >= 2, "inputs were heard by the first version and by later ones: " + versionsHeard);
    }

    /** While a station's copy of the new version is built (here it takes as long as the test says), the old one hears its inputs. */
    @Test
    void theStationHearsItsInputsWhileItsNewVersionIsBuiltElsewhere() throws Exception {
        StationContext s = station("gulu");
        s.submit(() -> s.load(hearing("v1")));
        nextLoaded();
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> builtOn = new CopyOnWriteArrayList<>();
        ProgramFactory v2 = program("v2", ctx -> {
            builtOn.add(Thread.currentThread());
            building.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new ProgramDefinition("v2").add(new StateDefinition("on").on(EventKind.TIMER, e -> heard.add("v2 " + e.getTimer())));
        });
        s.reload(v2, builder);
        assertTrue(building.await(30, TimeUnit.SECONDS));
        timer(s, "during");
        s.awaitIdle(Duration.ofSeconds(30));   // would time out if the station's thread were building
        assertEquals(List.of("v1 during"), heard);
        release.countDown();
        assertEquals("v2", nextLoaded());
        timer(s, "after");
        s.awaitIdle(Duration.ofSeconds(30));
        assertEquals(List.of("v1 during", "v2 after"), heard);
        assertFalse(builtOn.get(0) instanceof StationPool.Worker, "built on " + builtOn.get(0));
    }

    /** Saved twice quickly, the second version's build finishing first: the first one never goes on air after it. */
    @Test
    void theNewestSavedVersionWinsWhicheverBuildFinishesFirst() throws Exception {
        StationContext s = station("lira");
        s.submit(() -> s.load(hearing("v1")));
        nextLoaded();
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ProgramFactory slow = program("v2", ctx -> {
            building.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new ProgramDefinition("v2").add(new StateDefinition("on").on(EventKind.TIMER, e -> heard.add("v2 " + e.getTimer())));
        });
        s.reload(slow, builder);
        assertTrue(building.await(30, TimeUnit.SECONDS));
        s.reload(hearing("v3"), builder);
        assertEquals("v3", nextLoaded());
        release.countDown();
        builder.shutdown();
        assertTrue(builder.awaitTermination(30, TimeUnit.SECONDS));   // v2's build is done and its install queued
        timer(s, "after");
        s.awaitIdle(Duration.ofSeconds(30));
        assertEquals("v3", s.programVersion());
        assertEquals(List.of("v3 after"), heard);
        assertEquals(List.of(), List.copyOf(loaded), "v2 never went on air");
    }

    /**
     * A top level that logs and reads the data (it belongs to the station's thread) is built again
     * on the station's thread: it logs once, and sees the data as the swap finds it.
     */
    @Test
    void aTopLevelThatReadsTheDataIsBuiltAgainOnTheStationsThread() throws Exception {
        StationContext s = station("arua");
        String text = """
                log.info("v%d's top level sees ${data.n ?: 0}")
                program {
                    state('on') {
                        on.timer { e -> data.n = (data.n ?: 0) + 1 }
                    }
                }
                """;
        s.submit(() -> s.load(scripts.factory(ProgramSource.of("top.groovy", text.formatted(1)))));
        nextLoaded();
        timer(s, "a");
        timer(s, "b");
        s.awaitIdle(Duration.ofSeconds(30));   // (a swap goes in ahead of inputs still queued)
        ProgramFactory v2 = scripts.factory(ProgramSource.of("top.groovy", text.formatted(2)));
        s.reload(v2, builder);
        assertEquals(v2.version(), nextLoaded());
        s.awaitIdle(Duration.ofSeconds(30));
        assertEquals(List.of("v1's top level sees 0", "v2's top level sees 2"), logged, errors.toString());
    }

    /** A version that cannot start on this station (its top level throws here) leaves the running one on air, and says so. */
    @Test
    void aVersionThatCannotStartLeavesTheRunningOneOnAir() throws Exception {
        StationContext s = station("soroti");
        s.submit(() -> s.load(hearing("v1")));
        nextLoaded();
        s.reload(program("v2", ctx -> { throw new IllegalStateException("no transmitter for v2 here"); }), builder);
        builder.shutdown();
        assertTrue(builder.awaitTermination(30, TimeUnit.SECONDS));   // built (or not), and the swap queued
        s.awaitIdle(Duration.ofSeconds(30));
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("reload", errors.get(0).handler());
        assertTrue(errors.get(0).message().contains("kept the running version: no transmitter for v2 here"), errors.get(0).message());
        timer(s, "after");
        s.awaitIdle(Duration.ofSeconds(30));
        assertEquals(List.of("v1 after"), heard);
        assertEquals("v1", s.programVersion());
        assertTrue(s.lastError().contains("kept the running version"), s.lastError());
    }
}
