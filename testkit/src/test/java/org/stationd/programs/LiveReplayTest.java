package org.stationd.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.stationd.eventlog.ReplayResult;
import org.stationd.testing.ProgramTest;
import org.stationd.testing.Show;

/** A live voice-board session on the simulated switch is recorded, replays strictly, and a changed program's first divergence is found. */
@ProgramTest
class LiveReplayTest {
    @Test
    void recordReplayChangeAndReplayAgain(Show.Builder bench) throws Exception {
        Path dir = bench.dir();
        Show show = VoiceBoardTest.bench(bench).start();
        VoiceBoardTest.callerLeavesAMessage(show, "3", "2", "4");   // an ad for 2 days, discarded
        show.close();   // the log is complete once the show is off air

        ReplayResult same = show.replay("gulu").program(dir.resolve("programs/voiceboard.groovy")).assertMatches();
        assertTrue(same.commands() >= 8, same.summary());

        // a volunteer changes the discard message: the replay shows exactly where the show now differs
        Path changed = dir.resolve("changed/voiceboard.groovy");
        Files.createDirectories(changed.getParent());
        Files.writeString(changed, Files.readString(dir.resolve("programs/voiceboard.groovy")).replace("voiceboard-discarded.wav", "bye-for-now.wav"));
        ReplayResult.Divergence d = show.replay("gulu").program(changed).strict().assertDiverges();
        assertEquals("open", d.state());
        assertTrue(d.expected().contains("voiceboard-discarded.wav"), d.toString());
        assertTrue(d.actual().contains("bye-for-now.wav"), d.toString());

        ReplayResult again = show.replay("gulu").strict();   // the program the log recorded, from the bench's programs folder
        assertEquals(same.timeline(), again.timeline(), "a replay is the same on every run");
    }
}
