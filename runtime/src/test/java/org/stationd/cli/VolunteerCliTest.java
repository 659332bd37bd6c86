package org.stationd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new volunteer meets first: help names every command, a missing config is said plainly, status without a host answers at once. */
class VolunteerCliTest {
    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommandIncludingTheLaunchers() throws Exception {
        CliRun r = CliRun.stationd("help");
        for (String c : List.of("run", "check", "status", "swap", "reload", "schedule", "call", "keys", "replay", "eventlog", "test-program",
                "sim", "esl", "media", "test", "bench", "build")) {
            assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(c + " ")), "help does not list " + c + ":\n" + r.out());
        }
        // every command the launcher hands over to Java is in the list: the launcher's own are named apart
        String launcher = Files.readString(Path.of(System.getProperty("stationd.home"), "stationd"));
        for (String own : List.of("test)", "bench)", "build)")) assertTrue(launcher.contains("  " + own), own);
    }

    @Test
    void aMissingConfigIsSaidWithoutAPlaceInIt() {
        Path missing = dir.resolve("missing.yaml");
        CliRun r = CliRun.stationd("check", "--config", missing.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().lines().anyMatch(l -> l.equals(missing + ": cannot read: no such file")), r.out());
        assertTrue(!r.out().contains(":0:0") && !r.out().contains(missing + ":1:1"), r.out());
    }

    /**
     * Nothing listens: the client knows from the refused connection, not from a time limit running
     * out (its limit is 60 s; a loaded machine still answers well within 10).
     */
    @Test
    void statusWithNoHostAnswersAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        CliRun r = CliRun.stationd("status", "--control", "tcp://127.0.0.1:" + port, "--config", dir.resolve("none.yaml").toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("stationd: no answer from a stationd host at tcp://127.0.0.1:" + port + " (nothing listens there)"), r.err());
        assertTrue(millis < 10_000, "took " + millis + " ms");
    }
}
