package org.stationd.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * ShowExtension, run through the JUnit launcher on small program tests: a bench is injected, its
 * show is closed after the test, its folder deleted after a pass and kept (and reported) after a failure.
 */
class ShowExtensionTest {
    static final String TINY = "program {\n apiVersion 1\n name 'tiny'\n state('idle') { enter { log.info('tiny is on') } }\n}\n";

    static volatile Show.Builder bench;
    static volatile Show show;

    static Show startTiny(Show.Builder b) throws Exception {
        bench = b;
        show = b.program("tiny.groovy", TINY).station("kla", s -> s.program("tiny.groovy").line("call-in", "7001")).start();
        show.await("on", () -> show.logged("kla", "tiny is on"));
        return show;
    }

    @ProgramTest
    static class Passing {
        @Test
        void runs(Show.Builder b) throws Exception {
            Show s = startTiny(b);
            assertEquals("7001", s.line("kla", "call-in"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.line("kla", "ivr"));
            assertTrue(e.getMessage().contains("[call-in]"), e.getMessage());
        }
    }

    @ProgramTest
    static class Failing {
        @Test
        void fails(Show.Builder b) throws Exception {
            startTiny(b);
            throw new AssertionError("the show went wrong");
        }
    }

    record Run(List<TestExecutionResult> results, List<ReportEntry> entries) {}

    private static Run run(Class<?> c) {
        List<TestExecutionResult> results = new ArrayList<>();
        List<ReportEntry> entries = new ArrayList<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(c)).build(), new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                if (id.isTest()) results.add(r);
            }

            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry e) {
                entries.add(e);
            }
        });
        return new Run(results, entries);
    }

    @Test
    void aPassingTestsShowIsClosedAndItsFolderDeleted() {
        bench = null;
        show = null;
        Run r = run(Passing.class);
        assertEquals(1, r.results().size());
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, r.results().get(0).getStatus(), r.results().get(0).toString());
        assertNotNull(show);
        assertTrue(show.isClosed(), "the extension closed the show");
        assertFalse(Files.exists(bench.dir()), "the folder is deleted: " + bench.dir());
    }

    @Test
    void aFailingTestsShowIsClosedAndItsFolderKeptAndReported() throws Exception {
        bench = null;
        show = null;
        Run r = run(Failing.class);
        assertEquals(TestExecutionResult.Status.FAILED, r.results().get(0).getStatus());
        assertEquals("the show went wrong", r.results().get(0).getThrowable().orElseThrow().getMessage());
        assertTrue(show.isClosed());
        Path kept = bench.dir();
        try {
            assertTrue(Files.isDirectory(kept.resolve("data/eventlog/kla")), "the event log is kept for a look");
            assertTrue(r.entries().stream().anyMatch(e -> kept.toString().equals(e.getKeyValuePairs().get("stationd.bench"))), r.entries().toString());
        } finally {
            ShowExtension.delete(kept);
        }
    }
}
