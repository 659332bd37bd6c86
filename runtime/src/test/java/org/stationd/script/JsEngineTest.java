package org.stationd.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.script.Scripts.at;
import static org.stationd.script.Scripts.compileError;
import static org.stationd.script.Scripts.dtmf;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stationd.api.Event;
import org.stationd.api.EventKind;

class JsEngineTest {
    static ProgramEngines engines;

    @BeforeAll
    static void engines() {
        engines = new ProgramEngines();
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    /** A program whose intro state's dtmf handler is {@code body}. */
    static String onDtmf(String body) {
        return "program({\n  states: {\n    intro: {\n      dtmf(e) {\n" + body + "\n      }\n    }\n  }\n});\n";
    }

    static LoadedProgram load(String file, String text, FakeContext ctx) throws ProgramCompileException {
        return engines.load(ProgramSource.of(file, text), ctx);
    }

    @Test
    void syntaxErrorNamesFileLineAndColumn() {
        String text = """
                program({
                  states: {
                    intro: {
                      enter() { log.info('hi')); }
                    }
                  }
                });
                """;
        ProgramCompileException e = compileError(engines, "playlist.js", text);
        assertEquals(4, e.line());
        assertEquals(text.lines().toList().get(3).indexOf("));") + 2, e.column());
        assertTrue(e.getMessage().startsWith("playlist.js:4:" + e.column() + ": SyntaxError: "), e.getMessage());
    }

    @Test
    void unknownHandlerIsReportedWhereItIsWrittenWithASuggestion() {
        String text = """
                program({
                  states: {
                    intro: {
                      dtfm(e) { go('intro'); }
                    }
                  }
                });
                """;
        ProgramCompileException e = compileError(engines, "show.js", text);
        assertTrue(e.getMessage().startsWith(at("show.js", text, "dtfm") + "unknown handler 'dtfm' (did you mean 'dtmf'?)"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(in state 'intro')"), e.getMessage());
    }

    @Test
    void declarationMistakes() {
        String go = "program({ states: {\n  intro: { dtmf(e) { go('lvie'); } },\n  live: {}\n} });\n";
        assertTrue(compileError(engines, "show.js", go).getMessage().startsWith(at("show.js", go, "'lvie'")
                + "go('lvie'): the program has no such state (did you mean 'live'?); its states are intro, live"));

        String newer = "program({\n  apiVersion: 2,\n  states: { intro: {} }\n});\n";
        assertTrue(compileError(engines, "show.js", newer).getMessage()
                .startsWith("show.js:2:3: apiVersion 2: this stationd supports API version 1..1"));

        String misspelt = "program({\n  stats: { intro: {} }\n});\n";
        assertTrue(compileError(engines, "show.js", misspelt).getMessage()
                .startsWith("show.js:2:3: unknown 'stats' in program({…}) (did you mean 'states'?)"));

        String badTimeout = "program({ states: {\n  intro: {\n    timeout: { seconds: 0, then() {} }\n  }\n} });\n";
        assertTrue(compileError(engines, "show.js", badTimeout).getMessage()
                .startsWith("show.js:3:5: timeout needs seconds more than 0"));

        assertTrue(compileError(engines, "show.js", "const x = 1;\n").getMessage()
                .startsWith("show.js:1:1: the script declares no program"));
    }

    @Test
    void actionsAreRefusedAtTheTopLevel() {
        String text = "const tx = station.dialTransmitter();\nprogram({ states: { intro: {} } });\n";
        ProgramCompileException e = compileError(engines, "show.js", text);
        assertTrue(e.getMessage().startsWith("show.js:1:12: station.dialTransmitter(…) at the top of the script"), e.getMessage());
    }

    @Test
    void aRunawayLoopIsStoppedWithinTheLimitAndTheProgramGoesOn() throws Exception {
        String text = onDtmf("        if (e.digit === '1') { while (true) {} }\n        log.info(`digit ${e.digit}`);");
        ActionLog log = new ActionLog();
        try (LoadedProgram p = load("loop.js", text, new FakeContext(log))) {
            long t0 = Scripts.cpuNanos();   // the limit is CPU time: how long the stop takes on the clock depends on the machine's load
            HandlerTimeoutException e = assertThrows(HandlerTimeoutException.class,
                    () -> Scripts.invoke(engines, p, "intro", EventKind.DTMF, dtmf("1"), Duration.ofMillis(200)));
            long ms = (Scripts.cpuNanos() - t0) / 1_000_000;
            assertTrue(ms < 1500, "used " + ms + " ms of CPU");
            assertFalse(e.programCancelled());
            // where the interrupt lands: in the loop (line 5) or at the handler's own frame (line 4)
            assertTrue(e.error().location().matches("loop\\.js:[45]:\\d+"), e.error().location());
            assertTrue(e.error().message().startsWith("used more than 200 ms of CPU time and was stopped"), e.error().message());

            Scripts.invoke(engines, p, "intro", EventKind.DTMF, dtmf("2"), Duration.ofMillis(200));
            assertEquals("log.info: digit 2", log.lines().get(log.lines().size() - 1));
        }
    }

    @Test
    void aLoopThatSwallowsTheInterruptStillEnds() throws Exception {
        String text = onDtmf("        while (true) { try { while (true) {} } catch (x) {} finally { log.info('finally'); } }");
        ActionLog log = new ActionLog();
        try (LoadedProgram p = load("stubborn.js", text, new FakeContext(log))) {
            long t0 = Scripts.cpuNanos();   // the limit is CPU time: how long the stop takes on the clock depends on the machine's load
            HandlerTimeoutException e = assertThrows(HandlerTimeoutException.class,
                    () -> Scripts.invoke(engines, p, "intro", EventKind.DTMF, dtmf("1"), Duration.ofMillis(200)));
            long ms = (Scripts.cpuNanos() - t0) / 1_000_000;
            assertTrue(ms < 200 + JsGrace.MILLIS + 1500, "used " + ms + " ms of CPU");
            if (e.programCancelled()) {
                // the context had to go: its handlers now fail at once, and the runtime reloads the program
                assertThrows(HandlerException.class,
                        () -> Scripts.invoke(engines, p, "intro", EventKind.DTMF, dtmf("2"), Duration.ofMillis(200)));
            }
        }
    }

    @Test
    void aThrowingHandlerReportsTheScriptPosition() throws Exception {
        String text = onDtmf("        const caller = null;\n        caller.play('x.wav');");
        try (LoadedProgram p = load("npe.js", text, new FakeContext(new ActionLog()))) {
            HandlerException e = assertThrows(HandlerException.class,
                    () -> Scripts.invoke(engines, p, "intro", EventKind.DTMF, dtmf("1"), Duration.ofSeconds(2)));
            assertEquals("npe.js:6:9", e.error().location());
            assertTrue(e.error().message().startsWith("TypeError: "), e.error().message());
        }
        // a mistake caught by the host (go to a missing state) points at the script line too
        String go = onDtmf("        const next = 'nowhere';\n        go(next);");
        try (LoadedProgram p = load("go.js", go, new FakeContext(new ActionLog()))) {
            HandlerException e = assertThrows(HandlerException.class,
                    () -> Scripts.invoke(engines, p, "intro", EventKind.DTMF, dtmf("1"), Duration.ofSeconds(2)));
            assertTrue(e.error().location().startsWith("go.js:6:"), e.error().location());
            assertEquals("go('nowhere'): the program has no such state; its states are intro", e.error().message());
        }
    }

    @Test
    void scriptsCannotReachJavaFilesOrThreads() throws Exception {
        for (String attempt : List.of("Java.type('java.io.File')", "load('/etc/passwd')", "Polyglot.eval('js', '1')",
                "java.lang.System.exit(0)", "new Packages.java.io.File('/etc/passwd').exists()", "new java.io.File('/etc/passwd')", "new Worker('x.js')", "print('x')",
                "Object.getPrototypeOf(station).constructor.constructor('return Java')().type('java.lang.Runtime')",
                "station.getClass()", "e.call.getClass().forName('java.lang.Runtime')")) {
            String text = onDtmf("        const r = " + attempt + ";\n        log.info('reached ' + r);");
            ActionLog log = new ActionLog();
            FakeContext ctx = new FakeContext(log);
            try (LoadedProgram p = load("sandbox.js", text, ctx)) {
                Event e = Event.of(EventKind.DTMF).digit("1").call(ctx.station.incoming("c1", "+1")).build();
                assertThrows(HandlerException.class,
                        () -> Scripts.invoke(engines, p, "intro", EventKind.DTMF, e, Duration.ofSeconds(2)), attempt);
            }
            assertTrue(log.lines().isEmpty(), attempt + " -> " + log);
        }
    }

    @Test
    void dataIsAPlainJavaMapBothWaysAndOutlivesTheContext() throws Exception {
        String text = onDtmf("""
                        data.count = (data.count || 0) + 1;
                        data.ratio = 0.5;
                        data.show = { title: 'Morning', tags: ['news', 'music'], live: true, host: null };
                        data.callers = data.callers || [];
                        data.callers.push(e.digit);
                        data.fromGroovy.n += 1;
                        log.info(JSON.stringify(Object.keys(data)), data.callers.length, typeof data.missing);
                """);
        ActionLog log = new ActionLog();
        FakeContext ctx = new FakeContext(log);
        ctx.data.put("fromGroovy", new java.util.LinkedHashMap<>(Map.of("n", 41)));
        try (LoadedProgram p = load("data.js", text, ctx)) {
            Scripts.invoke(engines, p, "intro", EventKind.DTMF, dtmf("7"), Duration.ofSeconds(2));
        }
        // the context is closed now: everything in data must be plain Java
        assertEquals("{\"callers\":[\"7\"],\"count\":1,\"fromGroovy\":{\"n\":42},\"ratio\":0.5,"
                + "\"show\":{\"host\":null,\"live\":true,\"tags\":[\"news\",\"music\"],\"title\":\"Morning\"}}", Json.of(ctx.data));
        assertEquals(java.util.LinkedHashMap.class, ctx.data.get("show").getClass());
        assertEquals(java.util.ArrayList.class, ((Map<?, ?>) ctx.data.get("show")).get("tags").getClass());
        assertEquals(Integer.class, ctx.data.get("count").getClass());
        assertEquals("log.info: [\"fromGroovy\",\"count\",\"ratio\",\"show\",\"callers\"] 1 undefined", log.lines().get(0));
    }

    @Test
    void callsKeepTheirIdentityAndConsoleGoesToTheLog() throws Exception {
        String text = """
                program({ states: { intro: {
                  enter() { station.dialTransmitter(); },
                  answered(e) { console.log('same', e.call === station.transmitter, state, this.answered === undefined); }
                } } });
                """;
        ActionLog log = new ActionLog();
        FakeContext ctx = new FakeContext(log);
        ctx.state = "intro";
        try (LoadedProgram p = load("id.js", text, ctx)) {
            engines.runner().invoke(p.definition().state("intro").enter(), null, Duration.ofSeconds(2));
            Scripts.invoke(engines, p, "intro", EventKind.ANSWERED, Event.of(EventKind.ANSWERED).call(ctx.station.transmitter).build(),
                    Duration.ofSeconds(2));
        }
        assertEquals(List.of("station.dialTransmitter()", "log.info: same true intro false"), log.lines());
    }

    @Test
    void checkReportsMistakesWithoutRunningHandlers() throws Exception {
        engines.check(ProgramSource.read(ExampleProgramTest.PROGRAMS.resolve("example.js")));
        String text = "program({ states: {\n  a: { dtfm() {} }\n} });\n";
        ProgramCompileException e = assertThrows(ProgramCompileException.class, () -> engines.check(ProgramSource.of("c.js", text)));
        assertTrue(e.getMessage().startsWith(at("c.js", text, "dtfm") + "unknown handler 'dtfm'"), e.getMessage());
    }

    @Test
    void dateAndRandomFollowTheStationSoReplaysAreTheSame() throws Exception {
        String text = """
                program({ states: { intro: {
                  dtmf(e) {
                    log.info(Date.now(), new Date().toISOString(), new Date(0).toISOString(), new Date() instanceof Date, typeof Date());
                    log.info(Math.random(), Math.random());
                  }
                } } });
                """;
        List<String> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ActionLog log = new ActionLog();
            FakeContext ctx = new FakeContext(log);
            ctx.station.now = java.time.ZonedDateTime.parse("2026-11-22T08:00:00+03:00[Africa/Kampala]");
            try (LoadedProgram p = load("clock.js", text, ctx)) {
                ctx.station.now = ctx.station.now.plusMinutes(90);   // time passes on the station's clock, not the machine's
                Scripts.invoke(engines, p, "intro", EventKind.DTMF, dtmf("1"), Duration.ofSeconds(2));
            }
            assertEquals("log.info: 1795329000000 2026-11-22T06:30:00.000Z 1970-01-01T00:00:00.000Z true string", log.lines().get(0));
            runs.add(log.lines().get(1));
        }
        assertEquals(runs.get(0), runs.get(1), "the same station loaded at the same time draws the same numbers");
        String[] r = runs.get(0).substring("log.info: ".length()).split(" ");
        assertTrue(!r[0].equals(r[1]) && Double.parseDouble(r[0]) >= 0 && Double.parseDouble(r[0]) < 1, runs.get(0));
    }
}
