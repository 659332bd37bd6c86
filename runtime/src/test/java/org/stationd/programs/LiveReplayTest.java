package org.stationd.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

/** A live voice-board session on the simulated switch is recorded, replays strictly, and a changed program's first divergence is found. */
class LiveReplayTest {
    @TempDir
    Path dir;

    @Test
    void recordReplayChangeAndReplayAgain() throws Exception {
        try (Show show = VoiceBoardTest.bench(dir).start()) {
            show.listener("256700000001").calls("7009")
                    .when("category asked", () -> show.aired("gulu").contains("voiceboard-category.wav")).waits(Duration.ofMillis(400)).presses("3")
                    .when("days asked", () -> show.aired("gulu").contains("voiceboard-days.wav")).waits(Duration.ofMillis(400)).presses("2#")
                    .when("recording", () -> show.lines().contains("gulu call playbackDone tone_stream://%(500,0,800) done"))
                    .waits(Duration.ofMillis(800)).presses("#")
                    .when("menu", () -> show.aired("gulu").contains("voiceboard-menu.wav")).waits(Duration.ofMillis(400)).presses("4");
            show.await("discarded and hung up", () -> show.lines().contains("gulu call hangup NORMAL_CLEARING"));
        }
        HostConfig host = ConfigLoader.load(dir.resolve("stations.yaml"));
        List<Map<String, Object>> log = EventLogReader.read(dir.resolve("data/eventlog/gulu"));
        try (ProgramEngines engines = new ProgramEngines()) {
            ScriptProgramLoader loader = new ScriptProgramLoader(engines);
            ReplayResult same = new StrictReplay(host.station("gulu"), loader.load(dir.resolve("programs/voiceboard.groovy")), host.mediaDir(),
                    host.dataDir().resolve("recordings")).run(log, null);
            assertTrue(same.ok(), same.summary() + "\n" + String.join("\n", same.timeline()));
            assertTrue(same.commands() >= 8, same.summary());

            // a volunteer changes the discard message: the replay shows exactly where the show now differs
            Path changed = dir.resolve("changed/voiceboard.groovy");
            Files.createDirectories(changed.getParent());
            Files.writeString(changed, Files.readString(dir.resolve("programs/voiceboard.groovy")).replace("voiceboard-discarded.wav", "bye-for-now.wav"));
            ReplayResult diff = new StrictReplay(host.station("gulu"), loader.load(changed), host.mediaDir(), host.dataDir().resolve("recordings")).run(log, null);
            assertFalse(diff.ok());
            assertEquals("open", diff.divergence().state());
            assertTrue(diff.divergence().expected().contains("voiceboard-discarded.wav"), diff.divergence().toString());
            assertTrue(diff.divergence().actual().contains("bye-for-now.wav"), diff.divergence().toString());

            ReplayResult again = new StrictReplay(host.station("gulu"), loader.load(dir.resolve("programs/voiceboard.groovy")), host.mediaDir(),
                    host.dataDir().resolve("recordings")).run(log, null);
            assertEquals(same.timeline(), again.timeline(), "a replay is the same on every run");
        }
    }
}
