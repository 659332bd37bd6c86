package org.stationd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.cli.CliRun.stationd;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./stationd replay} of a shipped example: the stations.yaml beside the log, and a divergence as a volunteer reads it. */
class ReplayCommandTest {
    static final Path HOME = Path.of(System.getProperty("stationd.home"));
    static final Path LOG = HOME.resolve("examples/voiceboard/leave-a-greeting.jsonl");

    @TempDir
    Path dir;

    @Test
    void anExampleReplaysWithTheStationsYamlRecordedBesideIt() {
        CliRun r = stationd("replay", LOG.toString());   // no --config, and the working folder has another stations.yaml or none
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("OK: "), r.out());
        assertFalse(r.out().contains(" sessions of station "), "one session: no list\n" + r.out());
    }

    @Test
    void aDivergenceNamesTheFieldMarksItAndNamesTheUuids() throws Exception {
        Path changed = dir.resolve("voiceboard.groovy");
        Files.writeString(changed, Files.readString(HOME.resolve("programs/voiceboard.groovy")).replace("voiceboard-saved.wav", "thank-you.wav"));
        CliRun r = stationd("replay", LOG.toString(), "--program", changed.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        String summary = r.out().lines().filter(l -> l.startsWith("DIVERGED")).findFirst().orElseThrow(() -> new AssertionError(r.out()));
        assertTrue(summary.endsWith(", execute-app-arg differs:"), summary);
        String expected = r.out().lines().filter(l -> l.startsWith("  expected: ")).findFirst().orElseThrow();
        String actual = r.out().lines().filter(l -> l.startsWith("  actual:   ")).findFirst().orElseThrow();
        assertTrue(expected.contains("execute-app-arg=»programs/media/voiceboard-saved.wav«") || expected.contains("/voiceboard-saved.wav«"), expected);
        assertTrue(actual.contains("/thank-you.wav«"), actual);
        assertTrue(expected.startsWith("  expected: sendmsg #1 "), expected);
        assertEquals(expected.replaceAll("»[^«]*«", "").substring(12), actual.replaceAll("»[^«]*«", "").substring(12), "only the marked part differs");
    }

    @Test
    void aLogWithNoStationsYamlAboveItSaysSo() throws Exception {
        Path log = dir.resolve("elsewhere/session.jsonl");
        Files.createDirectories(log.getParent());
        Files.copy(LOG, log);
        CliRun r = stationd("replay", log.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("no stations.yaml in " + log.getParent() + " or above it: give one with config(…) / --config"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
