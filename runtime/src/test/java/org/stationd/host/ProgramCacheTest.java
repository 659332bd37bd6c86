package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.script.ProgramCompileException;
import org.stationd.script.ProgramEngines;
import org.stationd.script.ProgramSource;
import org.stationd.script.InertContext;
import org.stationd.station.ProgramFactory;

/**
 * The loader's cache of checked program versions: keyed by file name and content hash, so the same
 * text is checked (compiled, top level run) once; an edit is a new version; invalidation drops a
 * file's versions; what does not compile is not kept.
 */
class ProgramCacheTest {
    @TempDir
    Path dir;

    private ProgramEngines engines;
    private final AtomicInteger checks = new AtomicInteger();
    private final List<String> checked = new ArrayList<>();
    private ScriptProgramLoader loader;

    private static String show(String state) {
        return "program {\n    apiVersion 1\n    state('" + state + "') { enter { log.info('on') } }\n}\n";
    }

    @BeforeEach
    void setUp() {
        engines = new ProgramEngines();
        loader = new ScriptProgramLoader(engines, source -> {
            checks.incrementAndGet();
            checked.add(source.fileName() + "@" + source.hash().substring(0, 12));
            engines.check(source);
        }, 64);
    }

    @AfterEach
    void tearDown() {
        engines.close();
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private List<String> states(ProgramFactory f) throws Exception {
        try (ProgramFactory.Instance i = f.create(new InertContext())) {
            return i.definition().stateNames();
        }
    }

    @Test
    void theSameTextIsCheckedOnceAndAnEditIsANewVersion() throws Exception {
        Path file = write("show.groovy", show("one"));
        ProgramFactory first = loader.load(file);
        assertEquals(1, checks.get());
        assertEquals(ProgramSource.of(file, show("one")).hash().substring(0, 12), first.version());
        assertEquals(show("one"), first.text(), "the text the version was built from, for the version record");

        // read again, unchanged: the cached version, no new check
        assertSame(first, loader.load(file));
        assertEquals(1, checks.get(), checked.toString());

        // the same text under another folder: the same version
        assertSame(first, loader.load(write("copy/show.groovy", show("one"))));
        assertEquals(1, checks.get(), checked.toString());

        // the same text under another file name is another program: checked on its own
        ProgramFactory other = loader.load(write("other.groovy", show("one")));
        assertNotSame(first, other);
        assertEquals("other.groovy", other.name());
        assertEquals(2, checks.get(), checked.toString());

        // an edit: the file is read again, the new text is checked and runs
        write("show.groovy", show("two"));
        ProgramFactory second = loader.load(file);
        assertNotEquals(first.version(), second.version());
        assertEquals(3, checks.get(), checked.toString());
        assertEquals(List.of("two"), states(second));

        // undoing the edit finds the first version still cached
        write("show.groovy", show("one"));
        assertSame(first, loader.load(file));
        assertEquals(3, checks.get(), checked.toString());
        assertEquals(List.of("one"), states(first));
        assertEquals(3, loader.cached());
    }

    @Test
    void invalidationDropsAFilesVersionsButTheOneKept() throws Exception {
        Path file = write("show.groovy", show("one"));
        ProgramFactory one = loader.load(file);
        write("show.groovy", show("two"));
        ProgramFactory two = loader.load(file);
        ProgramFactory other = loader.load(write("other.groovy", show("x")));
        assertEquals(3, checks.get());

        // show.groovy was edited to "two": its older versions go, "two" and other files stay
        loader.invalidate("show.groovy", two);
        assertEquals(2, loader.cached());
        assertSame(two, loader.load(file));
        assertSame(other, loader.load(dir.resolve("other.groovy")));
        assertEquals(3, checks.get(), checked.toString());
        write("show.groovy", show("one"));
        ProgramFactory oneAgain = loader.load(file);
        assertNotSame(one, oneAgain);
        assertEquals(one.version(), oneAgain.version());
        assertEquals(4, checks.get(), "the dropped version is checked again: " + checked);

        // show.groovy was deleted: every version of it goes
        loader.invalidate("show.groovy", null);
        assertEquals(1, loader.cached());
        loader.load(file);
        assertEquals(5, checks.get(), checked.toString());
        assertSame(other, loader.load(dir.resolve("other.groovy")));
        assertEquals(5, checks.get(), checked.toString());
    }

    @Test
    void aVersionThatDoesNotCompileIsNotKeptAndTheGoodOnesStay() throws Exception {
        Path file = write("show.groovy", show("one"));
        ProgramFactory good = loader.load(file);
        write("show.groovy", "program {\n    state('one') {\n");
        ProgramCompileException e = assertThrows(ProgramCompileException.class, () -> loader.load(file));
        assertTrue(e.getMessage().startsWith("show.groovy:"), e.getMessage());
        assertThrows(ProgramCompileException.class, () -> loader.load(file));
        assertEquals(3, checks.get(), "a broken version is checked each time: " + checked);
        assertEquals(1, loader.cached());

        write("show.groovy", show("one"));
        assertSame(good, loader.load(file));
        assertEquals(3, checks.get(), checked.toString());
    }

    @Test
    void theHostsLoaderCachesToo() throws Exception {
        ScriptProgramLoader real = new ScriptProgramLoader(engines);
        Path file = write("show.groovy", show("one"));
        ProgramFactory f = real.load(file);
        assertSame(f, real.load(file));
        write("show.groovy", show("two"));
        assertEquals(List.of("two"), states(real.load(file)));
        assertThrows(java.io.IOException.class, () -> real.load(dir.resolve("missing.groovy")));
    }

    @Test
    void theHostForgetsAnEditedFilesOlderVersionsButNotOnACompileError() throws Exception {
        try (HostHarness h = new HostHarness(dir.resolve("host"))) {
            h.program("show.groovy", show("one"));
            h.start("  - id: g\n    timezone: Africa/Kampala\n    transmitter: [ { sip: user/3001 } ]\n    program: show.groovy\n");
            h.awaitLine("g state one");
            assertEquals(1, h.checked.size(), h.checked.toString());

            // an edit: the new version is checked and goes on air, the old one is forgotten
            h.program("show.groovy", show("two"));
            h.awaitLine("g state two");
            assertEquals(2, h.checked.size(), h.checked.toString());
            assertEquals(1, h.loader.cached());

            // an operator's reload of the unchanged file checks nothing again
            h.host.reload("show.groovy");
            h.await("reloaded", () -> h.count("g loaded show.groovy") == 3);
            assertEquals(2, h.checked.size(), h.checked.toString());

            // a change that does not compile keeps the running version, on air and cached: undoing it is instant
            h.program("show.groovy", "program {\n    state('two') {\n");
            h.await("compile error reported", () -> h.errors.stream().anyMatch(e -> "reload".equals(e.handler())));
            assertEquals(3, h.checked.size(), h.checked.toString());
            assertEquals(1, h.loader.cached());
            h.program("show.groovy", show("two"));
            h.await("the fix went on air", () -> h.count("g loaded show.groovy") == 4);
            assertEquals(3, h.checked.size(), "the restored version was still cached: " + h.checked);

            // the file is deleted: the station keeps its program, the cache keeps nothing of the file
            Files.delete(h.dir.resolve("programs/show.groovy"));
            h.await("deletion reported", () -> h.errors.stream().anyMatch(e -> e.message().contains("does not exist")));
            assertEquals(0, h.loader.cached());
            assertEquals("two", h.host.station("g").state());
        }
    }
}
