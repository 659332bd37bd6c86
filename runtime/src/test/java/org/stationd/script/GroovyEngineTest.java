package org.stationd.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.script.Scripts.at;
import static org.stationd.script.Scripts.compileError;
import static org.stationd.script.Scripts.dtmf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stationd.api.EventKind;

class GroovyEngineTest {
    static ProgramEngines engines;

    @BeforeAll
    static void engines() {
        engines = new ProgramEngines();
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void syntaxErrorNamesFileLineAndColumn() {
        String text = """
                program {
                    state('intro') {
                        enter { log.info('hi')) }
                    }
                }
                """;
        ProgramCompileException e = compileError(engines, "playlist.groovy", text);
        assertEquals("playlist.groovy", e.file());
        assertEquals(3, e.line());
        assertEquals(text.lines().toList().get(2).indexOf("))") + 2, e.column());
        assertEquals("playlist.groovy:3:" + e.column() + ": Unexpected input: ')'", e.getMessage());

        String unclosed = "program {\n    state('intro') {\n        enter { log.info('hi'\n    }\n}\n";
        assertEquals("playlist.groovy:4:5: Unexpected input: '}'", compileError(engines, "playlist.groovy", unclosed).getMessage());
    }

    @Test
    void unknownHandlerIsACompileErrorWithASuggestion() {
        String text = """
                program {
                    state('intro') {
                        on.dtfm { e -> go 'intro' }
                    }
                }
                """;
        ProgramCompileException e = compileError(engines, "show.groovy", text);
        assertTrue(e.getMessage().startsWith(at("show.groovy", text, "dtfm") + "unknown handler 'dtfm' (did you mean 'dtmf'?)"),
                e.getMessage());
    }

    @Test
    void goToAStateThatDoesNotExist() {
        String text = """
                program {
                    state('intro') { on.dtmf { e -> go 'lvie' } }
                    state('live') { }
                }
                """;
        ProgramCompileException e = compileError(engines, "show.groovy", text);
        assertTrue(e.getMessage().startsWith(at("show.groovy", text, "'lvie'")
                + "go 'lvie': the program has no such state (did you mean 'live'?); its states are intro, live"), e.getMessage());
    }

    @Test
    void declarationMistakesNameTheirLine() {
        String twice = """
                program {
                    state('intro') { }
                    state('intro') { }
                }
                """;
        assertEquals("show.groovy:3:5: state 'intro' is declared twice; state names must be unique",
                compileError(engines, "show.groovy", twice).getMessage());

        String newer = """
                program {
                    apiVersion 2
                    state('intro') { }
                }
                """;
        assertTrue(compileError(engines, "show.groovy", newer).getMessage()
                .startsWith("show.groovy:2:5: apiVersion 2: this stationd supports API version 1..1"));

        String misspelt = """
                program {
                    stat('intro') { }
                }
                """;
        assertTrue(compileError(engines, "show.groovy", misspelt).getMessage()
                .startsWith("show.groovy:2:5: unknown 'stat' in program { } (did you mean 'state'?)"));

        String noProgram = "def x = 1\n";
        assertTrue(compileError(engines, "show.groovy", noProgram).getMessage().startsWith("show.groovy:1:1: the script declares no program"));
    }

    @Test
    void actionsAreRefusedAtTheTopLevel() {
        String text = """
                def tx = station.dialTransmitter()
                program { state('intro') { } }
                """;
        ProgramCompileException e = compileError(engines, "show.groovy", text);
        assertTrue(e.getMessage().startsWith("show.groovy:1:1: station.dialTransmitter(…) at the top of the script: actions belong in handlers"),
                e.getMessage());
    }

    @Test
    void guardRailsRejectSystemFilesThreadsCommandsAndMetaClass() {
        for (String bad : new String[] {"System.exit(0)", "new File('/etc/passwd').text", "'ls'.execute()",
                "Thread.start { }", "String.metaClass.shout = { -> 1 }", "sleep(1000)", "Class.forName('java.lang.Runtime')",
                "new java.net.Socket('example.org', 80)", "org.stationd.cli.Main.run()"}) {
            String text = "program {\n    state('intro') {\n        enter { " + bad + " }\n    }\n}\n";
            ProgramCompileException e = compileError(engines, "bad.groovy", text);
            assertEquals(3, e.line(), bad + " -> " + e.getMessage());
            assertTrue(e.column() >= 17, bad + " -> " + e.getMessage());
            assertTrue(e.problem().contains("programs "), bad + " -> " + e.getMessage());
        }
        assertTrue(compileError(engines, "bad.groovy", "import java.nio.file.Files\nprogram { state('a') { } }\n")
                .getMessage().startsWith("bad.groovy:1:1: import java.nio.file.Files: programs do not touch files"));
    }

    @Test
    void aRunawayLoopIsStoppedWithinTheLimitAndTheProgramGoesOn() throws Exception {
        String text = """
                program {
                    state('intro') {
                        on.dtmf { e ->
                            if (e.digit == '1') {
                                while (true) { }
                            }
                            log.info("digit ${e.digit}")
                        }
                    }
                }
                """;
        ActionLog log = new ActionLog();
        try (LoadedProgram p = engines.load(ProgramSource.of("loop.groovy", text), new FakeContext(log))) {
            long t0 = Scripts.cpuNanos();   // the limit is CPU time: how long the stop takes on the clock depends on the machine's load
            HandlerTimeoutException e = assertThrows(HandlerTimeoutException.class,
                    () -> Scripts.invoke(engines, p, "intro", EventKind.DTMF, dtmf("1"), Duration.ofMillis(200)));
            long ms = (Scripts.cpuNanos() - t0) / 1_000_000;
            assertTrue(ms < 1500, "used " + ms + " ms of CPU");
            assertEquals("loop.groovy:5", e.error().location());
            assertEquals("dtmf", e.error().handler());
            assertTrue(e.error().message().startsWith("used more than 200 ms of CPU time and was stopped"), e.error().message());
            assertFalse(Thread.currentThread().isInterrupted(), "the station thread must not stay interrupted");

            Scripts.invoke(engines, p, "intro", EventKind.DTMF, dtmf("2"), Duration.ofMillis(200));
            assertEquals("log.info: digit 2", log.lines().get(log.lines().size() - 1));
        }
    }

    @Test
    void aLoopThatSwallowsTheInterruptStillEnds() throws Exception {
        String text = "program {\n  state('intro') {\n    on.dtmf { e ->\n      while (true) { try { while (true) { } } catch (Throwable t) { } }\n    }\n  }\n}\n";
        try (LoadedProgram p = engines.load(ProgramSource.of("stubborn.groovy", text), new FakeContext(new ActionLog()))) {
            long t0 = Scripts.cpuNanos();   // the limit is CPU time: how long the stop takes on the clock depends on the machine's load
            assertThrows(HandlerTimeoutException.class,
                    () -> Scripts.invoke(engines, p, "intro", EventKind.DTMF, dtmf("1"), Duration.ofMillis(200)));
            assertTrue((Scripts.cpuNanos() - t0) / 1_000_000 < 1500);
            assertFalse(Thread.currentThread().isInterrupted());
        }
    }

    @Test
    void aThrowingHandlerReportsTheScriptLine() throws Exception {
        String text = """
                program {
                    state('intro') {
                        on.dtmf { e ->
                            def caller = null
                            caller.play('x.wav')
                        }
                    }
                }
                """;
        try (LoadedProgram p = engines.load(ProgramSource.of("npe.groovy", text), new FakeContext(new ActionLog()))) {
            HandlerException e = assertThrows(HandlerException.class,
                    () -> Scripts.invoke(engines, p, "intro", EventKind.DTMF, dtmf("1"), Duration.ofSeconds(2)));
            assertEquals("npe.groovy:5", e.error().location());
            assertTrue(e.error().message().contains("play"), e.error().message());
            assertEquals("intro", e.error().state());
        }
    }

    @Test
    void handlersSeeTheGlobalsAndScriptHelpers() throws Exception {
        String text = """
                def greet(call) { call.say("hello from ${station.name}") }
                program {
                    state('intro') {
                        on.incomingCall { e -> greet(e.call); log.info("in ${state}"); data.n = (data.n ?: 0) + 1; go('intro') }
                    }
                }
                """;
        ActionLog log = new ActionLog();
        FakeContext ctx = new FakeContext(log);
        ctx.state = "intro";
        try (LoadedProgram p = engines.load(ProgramSource.of("g.groovy", text), ctx)) {
            Scripts.invoke(engines, p, "intro", EventKind.INCOMING_CALL,
                    org.stationd.api.Event.of(EventKind.INCOMING_CALL).call(ctx.station.incoming("c1", "+1")).build(), Duration.ofSeconds(2));
        }
        assertEquals("[c1.say(hello from Kampala FM), log.info: in intro, go(intro)]", log.lines().toString());
        assertEquals(1, ctx.data.get("n"));
    }

    @Test
    void aVersionIsCompiledOnceForAllStationsAndDroppedWhenTheLastCloses() throws Exception {
        ProgramSource v1 = ProgramSource.of("shared.groovy", "program { state('a') { enter { log.info('v1') } } }\n");
        int before = engines.groovy().versionsLoaded();
        LoadedProgram stationA = engines.load(v1, new FakeContext(new ActionLog()));
        LoadedProgram stationB = engines.load(v1, new FakeContext(new ActionLog()));
        assertEquals(before + 1, engines.groovy().versionsLoaded(), "one compiled version for both stations");
        assertTrue(GroovyUnloadProbe.scriptLoader(stationA) == GroovyUnloadProbe.scriptLoader(stationB));
        stationA.close();
        assertEquals(before + 1, engines.groovy().versionsLoaded(), "B still runs it");
        stationB.close();
        assertEquals(before, engines.groovy().versionsLoaded());
    }

    @Test
    void closedVersionsClassLoadersAreReleased() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:SoftRefLRUPolicyMSPerMB=0", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), GroovyUnloadProbe.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("released 3/3"), out);
    }

    @Test
    void checkReportsMistakesWithoutRunningHandlers() throws Exception {
        engines.check(ProgramSource.read(ExampleProgramTest.PROGRAMS.resolve("example.groovy")));
        String text = "program {\n  state('a') { on.dtfm { } }\n}\n";
        ProgramCompileException e = assertThrows(ProgramCompileException.class, () -> engines.check(ProgramSource.of("c.groovy", text)));
        assertTrue(e.getMessage().startsWith(at("c.groovy", text, "dtfm") + "unknown handler 'dtfm'"), e.getMessage());
    }

    @Test
    void stationNowIsTheStationsClockInItsTimezone() throws Exception {
        String text = """
                program {
                    state('intro') {
                        on.dtmf { e -> log.info("${station.now.hour}:${station.now.minute} ${station.now.zone}") }
                    }
                }
                """;
        ActionLog log = new ActionLog();
        FakeContext ctx = new FakeContext(log);
        ctx.station.now = java.time.ZonedDateTime.parse("2026-11-22T21:45:00+03:00[Africa/Kampala]");
        try (LoadedProgram p = engines.load(ProgramSource.of("clock.groovy", text), ctx)) {
            Scripts.invoke(engines, p, "intro", EventKind.DTMF, dtmf("1"), Duration.ofSeconds(2));
        }
        assertEquals(List.of("log.info: 21:45 Africa/Kampala"), log.lines());
    }
}
