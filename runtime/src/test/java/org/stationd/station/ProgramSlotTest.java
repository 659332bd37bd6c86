package org.stationd.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.api.Handler;
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
import org.stationd.script.ScriptControl;
import org.stationd.script.ScriptFailure;

/**
 * The program slot of a station when a program goes wrong or is replaced: a handler that runs
 * out of memory is reported and the station takes its next event; a program its engine had to
 * cancel comes back as the newest saved version; a replaced version's timers never fire. Timers
 * run on a virtual clock.
 */
class ProgramSlotTest {
    private static ProgramEngines engines;
    private static ScriptProgramLoader scripts;

    private final StationPool pool = new StationPool(2);
    private final VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-03-01T08:00:00Z"));
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<ProgramError> errors = new CopyOnWriteArrayList<>();

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
        pool.close();
    }

    private StationContext station(String id, Function<String, KeyValueStore> stores) {
        StationConfig cfg = new StationConfig(id, "Radio " + id, ZoneId.of("Africa/Kampala"),
                List.of(new Transmitter("sip", "user/1001", null, null)), Map.of(), null, Map.of(), "p", Map.of(), List.of(), List.of());
        StationListener listener = new StationListener() {
            @Override public void programError(String s, String p, ProgramError e) { errors.add(e); }
            @Override public void log(String s, String p, String state, String level, String message) { heard.add(message); }
        };
        return new StationContext(cfg, StationServices.builder(new RecordingLink(), clock, pool).listener(listener)
                .files(Path.of("/media"), Path.of("/rec")).stores(stores).owners(new Router()).build());
    }

    private StationContext station(String id) {
        return station(id, k -> new MemoryStore());
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

    private static void timer(StationContext s, String name) {
        s.submit(() -> s.deliver(Event.of(EventKind.TIMER).timer(name).build()));
    }

    /** Moves the virtual clock, then lets the station run what the timers handed it. */
    private void advance(StationContext s, Duration d) throws InterruptedException {
        s.awaitIdle(Duration.ofSeconds(30));   // what was submitted has set its timers
        clock.advance(d);
        s.awaitIdle(Duration.ofSeconds(30));
    }

    // ---- out of memory ------------------------------------------------------------------------

    /** A real OutOfMemoryError in a Groovy handler (an array larger than the JVM allows): in status, and the next event is heard. */
    @Test
    void aGroovyHandlerThatRunsOutOfMemoryIsReportedAndTheStationGoesOn() throws Exception {
        StationContext s = station("kla");
        String text = """
                program {
                    state('on') {
                        on.timer { e ->
                            if (e.timer == 'big') { def all = new long[Integer.MAX_VALUE] }
                            log.info("heard ${e.timer}")
                        }
                    }
                }
                """;
        s.submit(() -> s.load(scripts.factory(ProgramSource.of("big.groovy", text))));
        timer(s, "big");
        timer(s, "small");
        s.awaitIdle(Duration.ofSeconds(30));
        assertEquals(List.of("heard small"), heard, errors.toString());
        assertEquals("on", s.state());
        assertTrue(s.lastError() != null && s.lastError().contains("ran out of memory") && s.lastError().contains("big.groovy:4"),
                String.valueOf(s.lastError()));
    }

    /** The same in JavaScript, the error thrown where memory ran out (here, in a call into the host). */
    @Test
    void aJavaScriptHandlerThatRunsOutOfMemoryIsReportedAndTheStationGoesOn() throws Exception {
        KeyValueStore full = new KeyValueStore() {
            @Override public Object get(String key) { return null; }
            @Override public void put(String key, Object value) { throw new OutOfMemoryError("Java heap space"); }
            @Override public void remove(String key) { }
            @Override public Set<String> keys() { return Set.of(); }
        };
        StationContext s = station("gulu", k -> full);
        String text = """
                program({ states: { on: {
                  timer(e) {
                    if (e.timer === 'big') station.store.put('all', 1);
                    log.info('heard ' + e.timer);
                  }
                } } });
                """;
        s.submit(() -> s.load(scripts.factory(ProgramSource.of("big.js", text))));
        timer(s, "big");
        timer(s, "small");
        s.awaitIdle(Duration.ofSeconds(30));
        assertEquals(List.of("heard small"), heard, errors.toString());
        // (GraalJS keeps no script position for a host's out of memory: the message says what happened)
        assertTrue(s.lastError() != null && s.lastError().contains("big.js: timer in state on: ran out of memory"), String.valueOf(s.lastError()));
    }

    /** Endless recursion runs out of stack, in either language: reported at its line, and the next event is heard. */
    @Test
    void aHandlerThatRunsOutOfStackIsReportedAndTheStationGoesOn() throws Exception {
        String groovy = """
                program {
                    state('on') {
                        on.timer { e ->
                            if (e.timer == 'deep') { def down; down = { n -> down(n + 1) + 1 }; down(0) }
                            log.info("heard ${e.timer}")
                        }
                    }
                }
                """;
        String js = """
                program({ states: { on: {
                  timer(e) {
                    if (e.timer === 'deep') { const down = (n) => down(n + 1) + 1; down(0); }
                    log.info('heard ' + e.timer);
                  }
                } } });
                """;
        for (ProgramSource source : List.of(ProgramSource.of("deep.groovy", groovy), ProgramSource.of("deep.js", js))) {
            heard.clear();
            StationContext s = station("deep-" + source.fileName());
            s.submit(() -> s.load(scripts.factory(source)));
            timer(s, "deep");
            timer(s, "shallow");
            s.awaitIdle(Duration.ofSeconds(30));
            assertEquals(List.of("heard shallow"), heard, errors.toString());
            assertTrue(s.lastError() != null && s.lastError().contains(source.fileName() + ":"), String.valueOf(s.lastError()));
        }
    }

    /** Out of memory outside any handler (here while the program is built) leaves the station its thread too. */
    @Test
    void anErrorOutsideAHandlerLeavesTheStationItsThread() throws Exception {
        StationContext s = station("mbale");
        s.submit(() -> { throw new OutOfMemoryError("Java heap space"); });
        s.submit(() -> s.load(program("v1", ctx -> new ProgramDefinition("v1")
                .add(new StateDefinition("on").on(EventKind.TIMER, e -> heard.add("v1 " + e.getTimer()))))));
        timer(s, "after");
        s.awaitIdle(Duration.ofSeconds(30));
        assertEquals(List.of("v1 after"), heard);
    }

    // ---- a cancelled program comes back as the newest version ---------------------------------

    /**
     * A handler its engine cannot stop gently: it is cancelled (as a JavaScript context is), and
     * while it ran the volunteer saved a fix. The fix stays on air; the broken version never comes back.
     */
    @Test
    void aCancelledProgramComesBackAsTheFixSavedMeanwhileNotAsTheBrokenVersion() throws Exception {
        StationContext s = station("lira");
        ProgramFactory fixed = program("fixed", ctx -> new ProgramDefinition("fixed")
                .add(new StateDefinition("on").on(EventKind.TIMER, e -> heard.add("fixed " + e.getTimer()))));
        ProgramFactory broken = program("broken", ctx -> new ProgramDefinition("broken")
                .add(new StateDefinition("on").on(EventKind.TIMER, new Uncancellable(() -> s.submit(() -> s.reload(fixed))))));
        s.submit(() -> s.load(broken));
        timer(s, "warm");
        timer(s, "loop");
        s.awaitIdle(Duration.ofSeconds(30));
        s.awaitIdle(Duration.ofSeconds(30));
        assertEquals("fixed", s.programVersion());
        timer(s, "next");
        s.awaitIdle(Duration.ofSeconds(30));
        assertEquals(List.of("fixed next"), heard);
        assertTrue(errors.stream().anyMatch(e -> e.message().startsWith("used more than")), errors.toString());
    }

    /** With no new version saved, the cancelled program comes back as itself, in its state; unloaded meanwhile, it stays off. */
    @Test
    void aCancelledProgramComesBackAsItselfUnlessItWasUnloaded() throws Exception {
        StationContext s = station("arua");
        int[] copies = new int[1];
        ProgramFactory looping = program("v1", ctx -> {
            copies[0]++;
            return new ProgramDefinition("v1").add(new StateDefinition("on")
                    .on(EventKind.TIMER, new Uncancellable(() -> { })));
        });
        s.submit(() -> s.load(looping));
        timer(s, "warm");
        timer(s, "loop");
        s.awaitIdle(Duration.ofSeconds(30));
        assertEquals(2, copies[0], "a fresh copy of the same version");
        assertEquals("on", s.state());

        StationContext t = station("soroti");
        ProgramFactory unloadedMeanwhile = program("v1", ctx -> new ProgramDefinition("v1").add(new StateDefinition("on")
                .on(EventKind.TIMER, new Uncancellable(() -> t.submit(t::unload)))));
        t.submit(() -> t.load(unloadedMeanwhile));
        timer(t, "warm");
        timer(t, "loop");
        t.awaitIdle(Duration.ofSeconds(30));
        assertEquals(null, t.programName(), "unloaded while the handler ran: the cancel does not bring it back");
    }

    /**
     * A handler whose engine reports the program cancelled when stopped (as GraalJS does for a
     * context that will not stop): it runs {@code meanwhile}, then spins until interrupted.
     */
    private static final class Uncancellable implements Handler, ScriptControl.Bound {
        private final Runnable meanwhile;

        Uncancellable(Runnable meanwhile) {
            this.meanwhile = meanwhile;
        }

        @Override
        public void handle(Event event) {
            if ("warm".equals(event.getTimer())) {
                return;   // a handler's first run has a generous limit (warm-up): the tests spend it here
            }
            meanwhile.run();
            while (!Thread.currentThread().isInterrupted()) {
                Math.sqrt(System.nanoTime());
            }
        }

        @Override
        public ScriptControl control() {
            return new ScriptControl() {
                @Override
                public boolean interrupt(Thread runner) {
                    runner.interrupt();
                    return false;   // "cancelled as a whole": the station must start a fresh copy
                }

                @Override
                public ScriptFailure describe(Throwable failure) {
                    return ScriptControl.JAVA.describe(failure);
                }
            };
        }
    }

    // ---- a replaced version's timers ----------------------------------------------------------

    private static ProgramFactory ticking(String version, List<String> heard) {
        return program(version, ctx -> new ProgramDefinition(version).add(new StateDefinition("on")
                .enter(e -> {
                    ctx.getStation().every(1, "tick");
                    ctx.getStation().after(5, "once");
                })
                .on(EventKind.TIMER, e -> heard.add(version + " " + e.getTimer()))));
    }

    /** Hot reload: the old version's every and after never fire, into the new version or the old; the new version's own do. */
    @Test
    void timersOfAReloadedVersionNeverFire() throws Exception {
        StationContext s = station("hoima");
        s.submit(() -> s.load(ticking("v1", heard)));
        advance(s, Duration.ofMillis(1500));
        assertEquals(List.of("v1 tick"), heard);

        s.submit(() -> s.reload(ticking("v2", heard)));   // the state is kept, so v2's enter does not run
        advance(s, Duration.ofSeconds(10));
        assertEquals(List.of("v1 tick", "the new version does not name the timer(s) [once, tick] any more: cancelled"), heard,
                "nothing fired after the reload");

        s.submit(() -> s.station().after(2, "own"));   // what v2's code sets fires as usual
        advance(s, Duration.ofSeconds(3));
        assertEquals(List.of("v1 tick", "the new version does not name the timer(s) [once, tick] any more: cancelled", "v2 own"), heard);
    }

    /** A fix saved mid-show keeps the timers its text still names, so the show's clock goes on; the ones it dropped stop. */
    @Test
    void aNewVersionKeepsTheTimersItStillNames() throws Exception {
        StationContext s = station("gulu");
        s.submit(() -> s.load(ticking("v1", heard)));
        advance(s, Duration.ofMillis(1500));
        ProgramFactory v2 = ticking("v2", heard);
        ProgramFactory v2WithText = new ProgramFactory() {
            @Override public String name() { return v2.name(); }
            @Override public String version() { return v2.version(); }
            @Override public String text() { return "every: { ... station.every(1, 'tick') ... }"; }
            @Override public Instance create(ProgramContext ctx) throws Exception { return v2.create(ctx); }
        };
        s.submit(() -> s.reload(v2WithText));
        for (int i = 0; i < 5; i++) advance(s, Duration.ofSeconds(1));
        assertEquals(List.of("v1 tick", "the new version does not name the timer(s) [once] any more: cancelled",
                "v2 tick", "v2 tick", "v2 tick", "v2 tick", "v2 tick"), heard, "tick goes on, once (no longer named) is gone");
    }

    /** A fresh copy of the same version (an engine's restart, an unchanged file reloaded) keeps its timers: the code that set them is on air. */
    @Test
    void aFreshCopyOfTheSameVersionKeepsItsTimers() throws Exception {
        StationContext s = station("jinja");
        s.submit(() -> s.load(ticking("v1", heard)));
        advance(s, Duration.ofMillis(1500));
        s.submit(() -> s.reload(ticking("v1", heard)));
        advance(s, Duration.ofSeconds(1));
        assertEquals(List.of("v1 tick", "v1 tick"), heard);
    }

    /** Swap: the new program starts fresh; the old one's timers are gone with it. */
    @Test
    void timersOfASwappedOutProgramNeverFire() throws Exception {
        StationContext s = station("masaka");
        s.submit(() -> s.load(ticking("v1", heard)));
        advance(s, Duration.ofMillis(1500));
        s.submit(() -> s.load(program("other", ctx -> new ProgramDefinition("other").add(new StateDefinition("on")
                .on(EventKind.TIMER, e -> heard.add("other " + e.getTimer()))))));
        advance(s, Duration.ofSeconds(10));
        assertEquals(List.of("v1 tick"), heard);
    }
}
