package org.stationd.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.script.Scripts.compileError;

import groovy.lang.GroovySystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.api.Event;
import org.stationd.api.EventKind;

/**
 * Programs that try to leave the sandbox. Each attack is refused when the program is compiled
 * (also by {@code check}) or stopped when its handler runs, with a message naming the file and
 * line; afterwards another program in the same engines still runs, and nothing the attack aimed
 * at happened.
 */
class HostileProgramsTest {
    static ProgramEngines engines;
    @TempDir static Path tmp;

    @BeforeAll
    static void engines() {
        engines = new ProgramEngines();
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    /** The attack is the body of line 3, in a dtmf handler; line 4 logs if the attack did not stop the handler. */
    private static String groovy(String attack) {
        return "program {\n    state('intro') {\n        on.dtmf { e -> " + attack + "\n            log.info('reached') }\n    }\n}\n";
    }

    private static String js(String attack) {
        return "program({\n  states: {\n    intro: {\n      dtmf(e) { " + attack + "\n        log.info('reached'); }\n    }\n  }\n});\n";
    }

    /** Refused at compile time, or stopped at run time, at the attack's line (3; 4 in JavaScript); then a bystander runs. */
    private static String attack(String file, String text) throws Exception {
        int line = file.endsWith(".js") ? 4 : 3;
        ActionLog log = new ActionLog();
        FakeContext ctx = new FakeContext(log);
        String refusal;
        try (LoadedProgram p = engines.load(ProgramSource.of(file, text), ctx)) {
            Event e = Event.of(EventKind.DTMF).digit("1").call(ctx.station.incoming("c1", "+1")).build();
            HandlerException ex = assertThrows(HandlerException.class,
                    () -> Scripts.invoke(engines, p, "intro", EventKind.DTMF, e, Duration.ofSeconds(2)), text);
            assertTrue(ex.error().location() != null && ex.error().location().startsWith(file + ":" + line),
                    text + " -> " + ex.error().location() + " " + ex.error().message());
            refusal = ex.error().message();
        } catch (ProgramCompileException ex) {
            assertEquals(file, ex.file());
            assertEquals(line, ex.line(), text + " -> " + ex.getMessage());
            refusal = ex.getMessage();
            assertThrows(ProgramCompileException.class, () -> engines.check(ProgramSource.of(file, text)));
        }
        assertFalse(log.lines().contains("log.info: reached"), text + " -> " + log.lines());
        assertFalse(Thread.currentThread().isInterrupted());
        bystanderRuns(file.endsWith(".js") ? "bystander.js" : "bystander.groovy");
        return refusal;
    }

    private static void bystanderRuns(String file) throws Exception {
        String text = file.endsWith(".js")
                ? "program({ states: { intro: { dtmf(e) { log.info('still on air ' + e.digit); } } } });\n"
                : "program { state('intro') { on.dtmf { e -> log.info(\"still on air ${e.digit}\") } } }\n";
        ActionLog log = new ActionLog();
        try (LoadedProgram p = engines.load(ProgramSource.of(file, text), new FakeContext(log))) {
            Scripts.invoke(engines, p, "intro", EventKind.DTMF, Scripts.dtmf("7"), Duration.ofSeconds(2));
        }
        assertEquals(List.of("log.info: still on air 7"), log.lines());
    }

    @Test
    void groovyCannotStopTheHostRunCommandsOrEvaluateCode() throws Exception {
        for (String a : List.of("System.exit(1)", "Runtime.getRuntime().halt(1)", "'id'.execute()",
                "'id'.invokeMethod('exe' + 'cute', null)", "'id'.\"${'exe' + 'cute'}\"()", "['sh', '-c', 'id'].\"${'exe' + 'cute'}\"()",
                "evaluate('System.exit(1)')", "this.invokeMethod('eval' + 'uate', 'System.exit(1)')",
                "\"${'eval' + 'uate'}\"('System.exit(1)')", "this.\"${'eval' + 'uate'}\"('1')", "Eval.me('1')",
                "new GroovyShell().evaluate('1')", "this.&evaluate", "'x'.with { delegate.execute() }",
                "this.binding", "this.run()", "getBinding()", "System.getenv('HOME')")) {
            attack("hostile.groovy", groovy(a));
        }
    }

    @Test
    void groovyCannotSleepOrStartThreadsEvenByAComputedName() throws Exception {
        long t0 = System.nanoTime();
        String m = attack("sleeper.groovy", groovy("this.\"${'sle' + 'ep'}\"(600000)"));
        assertTrue(m.contains("not allowed in a program: ") && m.contains("sleep"), m);
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000, "refused, not slept");
        for (String a : List.of("sleep(600000)", "\"${'sle' + 'ep'}\"(600000)", "Thread.sleep(600000)", "Thread.start { }",
                "'x'.sleep(600000)", "Math.sleep(600000)", "Math.\"${'sle' + 'ep'}\"(600000)", "data.wait()",
                "[1, 2].parallelStream().forEach { }", "new Timer()", "Thread.currentThread().interrupt()")) {
            attack("sleeper.groovy", groovy(a));
        }
    }

    @Test
    void groovyCannotReadFilesOrUrlsOrWriteOutsideItsFolders() throws Exception {
        Path target = tmp.resolve("owned.txt");
        String path = target.toString().replace("\\", "/");
        String m = attack("files.groovy", groovy("'file:///etc/passwd'.toURL().text"));
        assertTrue(m.contains("not allowed in a program: java.lang.String.toURL"), m);
        for (String a : List.of("new File('/etc/passwd').text", "File f = ['" + path + "']; f << 'x'",
                "def f = ['" + path + "'] as File; f << 'x'", "(['" + path + "'] as FileWriter).write('x')",
                "'/etc/passwd'.\"${'to' + 'URL'}\"().text", "new URL('file:///etc/passwd').text",
                "java.nio.file.Files.readString(java.nio.file.Path.of('/etc/passwd'))",
                "'" + path + "'.toURI()", "new FileOutputStream('" + path + "')")) {
            attack("files.groovy", groovy(a));
        }
        assertFalse(Files.exists(target), "nothing was written");
    }

    @Test
    void groovyCannotOpenSocketsOrReachReflectionAndClassLoaders() throws Exception {
        for (String a : List.of("new ServerSocket(0)", "new Socket('localhost', 1)",
                "Class.forName('java.lang.Runtime')", "'x'.class.\"${'for' + 'Name'}\"('java.lang.Runtime')",
                "'java.lang.Runtime' as Class", "log.getClass().classLoader", "log.getClass().\"${'class' + 'Loader'}\"",
                "data.getClass().getMethod('clear').invoke(data)", "this.getClass().getSuperclass()",
                "station.getClass().getDeclaredFields()", "station.\"${'log'}\"", "org.stationd.cli.Main.run()",
                "this.class.protectionDomain", "e.call.\"${'getClass'}\"().\"${'getModule'}\"()")) {
            attack("reflect.groovy", groovy(a));
        }
    }

    @Test
    void codeInTheProgramsOwnClassesIsCheckedToo() throws Exception {
        for (String cls : List.of("class Evil { static { 'id'.\"${'exe' + 'cute'}\"() } }",
                "class Evil { def x = 'id'.\"${'exe' + 'cute'}\"() }", "class Evil { { 'id'.\"${'exe' + 'cute'}\"() } }",
                "class Evil { Evil() { 'id'.\"${'exe' + 'cute'}\"() } }", "class Evil { static boot() { 'id'.\"${'exe' + 'cute'}\"() } }")) {
            String text = "program {\n    state('intro') {\n        on.dtmf { e -> new Evil(); Evil.boot()\n            log.info('reached') }\n    }\n}\n" + cls + "\n";
            ActionLog log = new ActionLog();
            FakeContext ctx = new FakeContext(log);
            try (LoadedProgram p = engines.load(ProgramSource.of("classes.groovy", text), ctx)) {
                HandlerException ex = assertThrows(HandlerException.class,
                        () -> Scripts.invoke(engines, p, "intro", EventKind.DTMF, Scripts.dtmf("1"), Duration.ofSeconds(2)), cls);
                assertTrue(ex.error().message().contains("not allowed in a program"), cls + " -> " + ex.error().message());
                assertEquals("classes.groovy:7", ex.error().location(), cls);
            }
            assertFalse(log.lines().contains("log.info: reached"), cls);
        }
        assertTrue(compileError(engines, "classes.groovy", "class Evil extends Thread { }\nprogram { state('a') { } }\n")
                .getMessage().startsWith("classes.groovy:1:"));
    }

    @Test
    void grabAndAstTestNeverRunInTheCompiler() throws Exception {
        System.clearProperty("stationd.asttest");
        String astTest = "program {\n    state('intro') {\n        @groovy.transform.ASTTest(value = { System.setProperty('stationd.asttest', 'ran') }) def x = 1\n    }\n}\n";
        ProgramCompileException e = assertThrows(ProgramCompileException.class, () -> engines.check(ProgramSource.of("ast.groovy", astTest)));
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("programs cannot use annotations"), e.getMessage());
        String aliased = "import groovy.transform.ASTTest as Harmless\nprogram {\n    state('intro') {\n        @Harmless(value = { System.setProperty('stationd.asttest', 'ran') }) def x = 1\n    }\n}\n";
        assertThrows(ProgramCompileException.class, () -> engines.check(ProgramSource.of("ast.groovy", aliased)));
        assertNull(System.getProperty("stationd.asttest"), "@ASTTest ran code in the compiler");

        String grab = "@Grab('org.example:evil:1.0')\nimport org.example.Evil\nprogram { state('intro') { } }\n";
        ProgramCompileException g = assertThrows(ProgramCompileException.class, () -> engines.check(ProgramSource.of("grab.groovy", grab)));
        assertEquals(1, g.line(), g.getMessage());
        attack("annotated.groovy", groovy("@groovy.transform.CompileStatic def f() { }"));
    }

    @Test
    void metaClassChangesCannotReachOtherStations() throws Exception {
        for (String a : List.of("String.metaClass.shout = { -> 'x' }", "log.metaClass.info = { String m -> }",
                "log.\"${'meta' + 'Class'}\".info = { String m -> }", "log.getClass().\"${'meta' + 'Class'}\".info = { String m -> }",
                "'x'.\"${'set' + 'MetaClass'}\"(null)", "this.\"${'meta' + 'Class'}\"", "log['metaClass']",
                "log.getAt('metaClass')", "metaClass", "GroovySystem.metaClassRegistry")) {
            attack("meta.groovy", groovy(a));
        }
        assertTrue(GroovySystem.getMetaClassRegistry().getMetaClass(String.class).respondsTo("x", "shout").isEmpty());
    }

    @Test
    void catastrophicRegexIsStopped() throws Exception {
        String text = groovy("('a' * 30 + '!') ==~ /(.*a){15}/");
        String m = attack("regex.groovy", text);
        assertTrue(m.contains("regular expression") || m.startsWith("ran longer"), m);
        attack("regex.groovy", groovy("('a' * 30 + '!').matches('(.*a){15}')"));
        attack("regex.groovy", groovy("('a' * 30 + '!').replaceAll('(.*a){15}\\$', 'b')"));
    }

    @Test
    void aHandlerThatCatchesRefusalsAndLoopsIsStillStopped() throws Exception {
        String text = groovy("while (true) { try { this.\"${'sle' + 'ep'}\"(100000) } catch (Throwable t) { } }");
        ActionLog log = new ActionLog();
        try (LoadedProgram p = engines.load(ProgramSource.of("stubborn.groovy", text), new FakeContext(log))) {
            assertThrows(HandlerTimeoutException.class,
                    () -> Scripts.invoke(engines, p, "intro", EventKind.DTMF, Scripts.dtmf("1"), Duration.ofMillis(200)));
        }
        bystanderRuns("bystander.groovy");
    }

    @Test
    void ordinaryGroovyStillWorks() throws Exception {
        String text = """
                def total(list) { list.sum() }
                program {
                    state('intro') {
                        on.dtmf { e ->
                            def xs = [3, 1, 2].sort()
                            def m = [a: 1, b: [c: 'x']]
                            m.b.c += 'y'; m.n = (m.n ?: 0) + 1; m.n++; xs[0] = 10; xs << 4
                            def words = 'one two,three'.split(/[ ,]/).collect { it.toUpperCase() }
                            def t = station.now.plusMinutes(90).hour
                            def d = java.time.Duration.ofSeconds(90).toMinutes()
                            data.seen = (data.seen ?: []) + [e.digit]
                            def found = ('call 123 now' =~ /\\d+/)[0]
                            log.info("${total(xs)} ${m.b.c} ${m.n} ${words.join('-')} ${t >= 0} ${d} ${data.seen} ${found} ${Math.max(2, 3)} ${xs*.intValue()} ${'abc'.matches('a.c')}")
                        }
                    }
                }
                """;
        ActionLog log = new ActionLog();
        FakeContext ctx = new FakeContext(log);
        try (LoadedProgram p = engines.load(ProgramSource.of("ok.groovy", text), ctx)) {
            Scripts.invoke(engines, p, "intro", EventKind.DTMF, Scripts.dtmf("5"), Duration.ofSeconds(2));
        }
        assertEquals(List.of("log.info: 19 xy 2 ONE-TWO-THREE true 1 [5] 123 3 [10, 2, 3, 4] true"), log.lines());
    }

    @Test
    void hostCallsWithBadArgumentsGetAClearError() throws Exception {
        for (String a : List.of("station.after(-5, 'x')", "station.every(Double.NaN, 'x')", "e.call.play(null)",
                "e.call.say('x' * 1_000_000)", "station.subscribe(null)", "e.call.record('x.wav', -1)",
                "station.lease('m', Double.POSITIVE_INFINITY)", "e.call.play(42)", "station.conference(null)")) {
            String m = attack("args.groovy", groovy(a));
            assertFalse(m.contains("Exception") && !m.startsWith("no method"), a + " -> " + m);
        }
    }

    @Test
    void javaScriptCannotLeaveItsContext() throws Exception {
        for (String a : List.of("java.lang.System.exit(1);", "Java.type('java.lang.Runtime').getRuntime().halt(1);",
                "Polyglot.eval('js', '1');", "load('/etc/passwd');",
                "station.getClass().forName('java.lang.Runtime');", "Object.getPrototypeOf(log).constructor.constructor('return Java')().type('x');",
                "log.info.constructor('return this')().Java.type('java.lang.Thread');", "new Worker('x.js');",
                "require('fs');", "while (true) {}")) {
            attack("hostile.js", js(a));
        }
    }
}
