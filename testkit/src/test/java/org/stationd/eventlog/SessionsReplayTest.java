package org.stationd.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.cli.CliRun.stationd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.cli.CliRun;
import org.stationd.programs.VoiceBoardTest;
import org.stationd.testing.Replay;
import org.stationd.testing.Show;

/**
 * A day's log with two runs of the host, a live reload in the middle of a call and a swap: the log
 * is split into sessions at each program load, each replays on its own, the reload replays as a
 * reload (the caller stays on the line), and the command line lists the sessions and picks one.
 */
class SessionsReplayTest {
    @TempDir
    static Path dir;
    static Path log;

    private static final String QUIET = "program { apiVersion 1\n state('idle') { } }\n";

    @BeforeAll
    static void record() throws Exception {
        // first run of the host: a caller leaves a message, the program is reloaded live while they are on the line, then swapped
        try (Show show = VoiceBoardTest.bench(dir).program("quiet.groovy", QUIET).start()) {
            org.stationd.testing.Listener caller = show.listener("256700000001").calls(show.line("gulu", "ivr"))
                    .when("category asked", () -> show.aired("gulu").contains("voiceboard-category.wav"));
            show.host().reload("voiceboard.groovy");
            show.await("reloaded", () -> show.lines().stream().filter("gulu loaded voiceboard.groovy"::equals).count() == 2);
            caller.waits(Duration.ofMillis(400)).presses("3")
                    .when("days asked", () -> show.aired("gulu").contains("voiceboard-days.wav")).waits(Duration.ofMillis(400)).presses("2#")
                    .when("recording", () -> show.lines().contains("gulu call playbackDone tone_stream://%(500,0,800) done"))
                    .waits(Duration.ofMillis(800)).presses("#")
                    .when("menu", () -> show.aired("gulu").contains("voiceboard-menu.wav")).waits(Duration.ofMillis(400)).presses("4");
            show.await("the call is over", () -> show.lines().contains("gulu call hangup NORMAL_CLEARING"));
            show.host().swap("gulu", "quiet.groovy");
            show.await("swapped", () -> show.lines().contains("gulu loaded quiet.groovy"));
        }
        // second run of the host, the same day: the station's own program again, another caller
        try (Show show = VoiceBoardTest.bench(dir).program("quiet.groovy", QUIET).start()) {
            VoiceBoardTest.callerLeavesAMessage(show, "3", "2", "4");
        }
        log = dir.resolve("data/eventlog/gulu");
    }

    @Test
    void theLogSplitsAtEachProgramLoadAndEachSessionReplaysOnItsOwn() throws Exception {
        List<Session> sessions = Replay.of(log).sessions();
        assertEquals(List.of("voiceboard.groovy", "quiet.groovy", "voiceboard.groovy"), sessions.stream().map(Session::program).toList(), sessions.toString());
        assertEquals(List.of("start", "swap", "start"), sessions.stream().map(Session::cause).toList());
        assertEquals(List.of(1, 0, 0), sessions.stream().map(Session::reloads).toList(), "the reload stays in the first session");

        for (Session s : sessions) {
            ReplayResult r = Replay.of(log).session(s.number()).program(dir.resolve("programs").resolve(s.program())).strict();
            assertTrue(r.ok(), "session " + s.number() + ": " + r.report());
        }
        ReplayResult first = Replay.of(log).session(1).strict();   // the program the session recorded
        assertTrue(first.timeline().stream().anyMatch(l -> l.endsWith("● voiceboard.groovy reloaded live")), String.join("\n", first.timeline()));
        assertTrue(first.commands() >= 8, first.summary());
    }

    @Test
    void fromPicksTheSessionOnAirThenAndTheDefaultIsTheLastTheProgramRanIn() throws Exception {
        List<Session> sessions = Replay.of(log).sessions();
        assertEquals(2, Replay.of(log).from(sessions.get(1).start().plusMillis(1)).chosenSession().number());
        assertEquals(1, Replay.of(log).from(sessions.get(0).end()).chosenSession().number());
        assertEquals(3, Replay.of(log).chosenSession().number(), "the station's program (stations.yaml) last ran in session 3");
        assertEquals(2, Replay.of(log).program(dir.resolve("programs/quiet.groovy")).chosenSession().number());
    }

    @Test
    void aRecordedReloadReplaysAsAReloadTheCallerStaysOnTheLine() throws Exception {
        ReplayResult r = Replay.of(log).session(1).stimulus();
        String timeline = String.join("\n", r.timeline());
        assertTrue(r.ok(), r.report());
        assertTrue(timeline.contains("● voiceboard.groovy reloaded live"), timeline);
        assertFalse(timeline.contains("skipped"), "every key press after the reload reached the call:\n" + timeline);
        assertEquals(5, r.timeline().stream().filter(l -> l.contains(" presses ")).count(), timeline);
    }

    @Test
    void theCommandLineListsTheSessionsAndReplaysTheOneAskedFor() {
        CliRun all = stationd("replay", log.toString());   // no --config: the stations.yaml above the log
        assertEquals(0, all.exit(), all.out() + all.err());
        assertTrue(all.out().contains("has 3 sessions of station gulu"), all.out());
        assertTrue(all.out().contains("* session 3: "), all.out());
        assertTrue(all.out().contains("replaying session 3"), all.out());
        assertTrue(all.out().contains("OK: "), all.out());

        CliRun two = stationd("replay", log.toString(), "--session", "2", "--program", dir.resolve("programs/quiet.groovy").toString());
        assertEquals(0, two.exit(), two.out() + two.err());
        assertTrue(two.out().contains("* session 2: "), two.out());

        CliRun none = stationd("replay", log.toString(), "--session", "4");
        assertEquals(2, none.exit(), none.out() + none.err());
        assertTrue(none.err().contains("has 3 session(s) of station gulu: choose 1 to 3"), none.err());

        CliRun badTime = stationd("replay", log.toString(), "--from", "nine o'clock");
        assertEquals(2, badTime.exit());
        assertTrue(badTime.err().contains("--from is an ISO-8601 time"), badTime.err());
    }

    @Test
    void testProgramReplaysEachSessionTheProgramRanIn() {
        CliRun r = stationd("test-program", dir.resolve("programs/voiceboard.groovy").toString(), "--log", log.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASS " + log + " session 1 ("), r.out());
        assertTrue(r.out().contains("PASS " + log + " session 3 ("), r.out());
        assertFalse(r.out().contains("session 2"), r.out());
        assertTrue(r.out().contains("all 2 recorded session(s) pass"), r.out());
    }

    @Test
    void aChangedProgramDivergesAtTheFirstDifferingCommandWithTheFieldMarked() throws Exception {
        Path changed = dir.resolve("changed/voiceboard.groovy");
        Files.createDirectories(changed.getParent());
        Files.writeString(changed, Files.readString(dir.resolve("programs/voiceboard.groovy")).replace("voiceboard-discarded.wav", "bye-for-now.wav"));
        ReplayResult.Divergence d = Replay.of(log).session(3).program(changed).strict().assertDiverges();
        assertEquals("execute-app-arg", d.field(), d.toString());
        assertTrue(d.shownExpected().contains("execute-app-arg=»" + dir.resolve("programs/media/voiceboard-discarded.wav").toAbsolutePath()), d.toString());
        assertTrue(d.shownActual().contains("execute-app-arg=»" + dir.resolve("programs/media/bye-for-now.wav").toAbsolutePath()), d.toString());
        // the call's uuid and the playback's generated Event-UUID are named alike on both sides, not shown as differences
        assertFalse(UuidMap.UUID.matcher(d.toString()).find(), d.toString());
        assertTrue(d.shownExpected().startsWith("sendmsg #1 "), d.toString());
        assertEquals(d.shownExpected().replaceAll("»[^«]*«", ""), d.shownActual().replaceAll("»[^«]*«", ""), d.toString());
        assertTrue(d.shownActual().length() < 200, d.toString());
    }
}
