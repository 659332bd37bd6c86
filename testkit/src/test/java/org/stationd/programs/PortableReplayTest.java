package org.stationd.programs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.eventlog.EventLogReader;
import org.stationd.eventlog.ReplayResult;
import org.stationd.eventlog.StrictReplay;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.script.ProgramEngines;
import org.stationd.testing.Show;

/** A session recorded in one folder replays strictly from another: the recorded media and recordings folders are read as the replay's. */
class PortableReplayTest {
    @TempDir
    Path dir;

    @Test
    void aLogRecordedInFolderAReplaysStrictlyFromFolderB() throws Exception {
        Path a = dir.resolve("a");
        try (Show show = VoiceBoardTest.bench(a).start()) {
            VoiceBoardTest.callerLeavesAMessage(show, "2", "3", "2");   // a greeting for 3 days, saved
        }
        String recordedMedia = a.resolve("programs/media").toAbsolutePath().toString();
        String recordedRecordings = a.resolve("data/recordings").toAbsolutePath().toString();
        String text = Files.readString(Files.list(a.resolve("data/eventlog/gulu")).findFirst().orElseThrow());
        assertTrue(text.contains(recordedMedia + "/voiceboard-welcome.wav"), "the log names media in folder A");
        assertTrue(text.contains(recordedRecordings + "/gulu/"), "the log names a recording in folder A");

        // the whole bench moves: folder A is gone
        Path b = dir.resolve("b");
        Files.move(a, b);
        assertFalse(Files.exists(a));
        HostConfig host = ConfigLoader.load(b.resolve("stations.yaml"));
        List<Map<String, Object>> log = EventLogReader.read(b.resolve("data/eventlog/gulu"));
        try (ProgramEngines engines = new ProgramEngines()) {
            ScriptProgramLoader loader = new ScriptProgramLoader(engines);
            ReplayResult moved = new StrictReplay(host.station("gulu"), loader.load(b.resolve("programs/voiceboard.groovy")), host.mediaDir(),
                    host.dataDir().resolve("recordings")).run(log, null);
            assertTrue(moved.ok(), moved.summary() + "\n" + String.join("\n", moved.timeline()));
            assertTrue(moved.timeline().stream().anyMatch(l -> l.contains(b.resolve("programs/media/voiceboard-welcome.wav").toString())),
                    "the replay plays folder B's media");
            assertTrue(moved.timeline().stream().anyMatch(l -> l.contains(b.resolve("data/recordings/gulu/").toString())),
                    "and records into folder B");

            // without the folders in the load record (a log from before they were recorded), folder A's paths are compared as they are
            List<Map<String, Object>> stripped = log.stream().map(r -> {
                Map<String, Object> c = new LinkedHashMap<>(r);
                c.remove("media");
                c.remove("recordings");
                return c;
            }).toList();
            ReplayResult old = new StrictReplay(host.station("gulu"), loader.load(b.resolve("programs/voiceboard.groovy")), host.mediaDir(),
                    host.dataDir().resolve("recordings")).run(stripped, null);
            assertFalse(old.ok(), old.summary());
            assertTrue(old.divergence().expected().contains(recordedMedia + "/voiceboard-welcome.wav"), old.divergence().toString());
        }
    }
}
