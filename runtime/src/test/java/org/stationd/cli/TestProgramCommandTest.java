package org.stationd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./stationd test-program}: each recorded session PASS or FAIL with where it differs, a summary, exit 0 only if all pass. */
class TestProgramCommandTest {
    @TempDir
    Path dir;

    static final Path HOME = Path.of(System.getProperty("stationd.home"));

    private record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void theShippedProgramsPassTheirRecordedSessions() {
        Result r = run("test-program", HOME.resolve("programs/voiceboard.groovy").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("PASS " + HOME.resolve("examples/voiceboard/leave-a-greeting.jsonl") + ": ")), r.out());
        assertTrue(r.out().endsWith("all 1 recorded session(s) pass: " + HOME.resolve("programs/voiceboard.groovy") + " does what it did in them\n"), r.out());

        // a JavaScript program with two stations' sessions; the name alone finds the shipped file
        Result js = run("test-program", "news-relay.js");
        assertEquals(0, js.exit(), js.out() + js.err());
        assertEquals(2, js.lines().stream().filter(l -> l.startsWith("PASS ")).count(), js.out());
    }

    @Test
    void aChangedCopyFailsWithTheExactDivergence() throws Exception {
        Path copy = dir.resolve("playlist.groovy");
        Files.writeString(copy, Files.readString(HOME.resolve("programs/playlist.groovy"))
                .replace("station.conference('studio').play(track)", "station.conference('studio').play('music-2.wav')"));
        Result r = run("test-program", copy.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        String media = HOME.resolve("programs/media").toString();
        List<String> lines = r.lines();
        int fail = lines.indexOf(lines.stream().filter(l -> l.startsWith("FAIL " + HOME.resolve("examples/playlist/transmitter-drops.jsonl") + ": differs after "))
                .findFirst().orElseThrow(() -> new AssertionError(r.out())));
        assertTrue(lines.get(fail).endsWith("in state playing, the word after 'play' differs:"), lines.get(fail));
        assertEquals("  expected: api conference kla-studio play »" + media + "/music-1.wav«", lines.get(fail + 1), r.out());
        assertEquals("  actual:   api conference kla-studio play »" + media + "/music-2.wav«", lines.get(fail + 2), r.out());
        assertTrue(lines.get(fail + 3).startsWith("  the last of the timeline"), r.out());
        assertTrue(r.out().contains("1 of 1 recorded session(s) FAILED with " + copy), r.out());
    }

    @Test
    void withStimulusAChangedShowPassesIfItRunsAndFailsIfItBreaks() throws Exception {
        Path copy = dir.resolve("playlist.groovy");
        String shipped = Files.readString(HOME.resolve("programs/playlist.groovy"));
        Files.writeString(copy, shipped.replace("station.conference('studio').play(track)", "station.conference('studio').play('music-2.wav')"));
        Result changed = run("test-program", copy.toString(), "--stimulus");
        assertEquals(0, changed.exit(), changed.out() + changed.err());
        assertTrue(changed.out().contains("runs through them without errors"), changed.out());

        Files.writeString(copy, shipped.replace("enter { playCurrent() }", "enter { throw new IllegalStateException('no tracks today') }"));
        Result broken = run("test-program", copy.toString(), "--stimulus");
        assertEquals(1, broken.exit(), broken.out() + broken.err());
        assertTrue(broken.out().contains("no tracks today"), broken.out());
    }

    @Test
    void withStimulusAShowThatNoLongerGoesOnAirFailsWithTheReason() throws Exception {
        // the changed show dials a phone the simulated switch does not have: no error, but it never plays
        Path copy = dir.resolve("playlist.groovy");
        Files.writeString(copy, Files.readString(HOME.resolve("programs/playlist.groovy")).replace("station.dialTransmitter()", "station.originate('user/9999')"));
        Result r = run("test-program", copy.toString(), "--stimulus");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.lines().contains("FAIL " + HOME.resolve("examples/playlist/transmitter-drops.jsonl")
                + ": the show never reached any state it reached after 'dialling' in the recording (playing, reconnecting)"), r.out());
    }

    @Test
    void aGivenLogIsReplayedInsteadOfTheExamples() throws Exception {
        Path log = dir.resolve("elsewhere/session.jsonl");
        Files.createDirectories(log.getParent());
        Files.copy(HOME.resolve("examples/talkshow/caller-on-air.jsonl"), log);
        Result r = run("test-program", HOME.resolve("programs/talkshow.js").toString(), "--log", log.toString(),
                "--config", HOME.resolve("examples/talkshow/stations.yaml").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("PASS " + log + ": "), r.out());

        // without --config the nearest stations.yaml is used: there is none above a temporary folder's log
        Result none = run("test-program", HOME.resolve("programs/talkshow.js").toString(), "--log", log.toString());
        assertEquals(1, none.exit(), none.out());
        assertTrue(none.out().contains("FAIL " + log + ": no stations.yaml in " + log.getParent() + " or above it"), none.out());
    }

    @Test
    void noRecordedSessionsSaysWhereItLookedAndHowToRecordOne() throws Exception {
        Path mine = dir.resolve("mine.groovy");
        Files.writeString(mine, Files.readString(HOME.resolve("programs/voiceboard.groovy")));
        Result r = run("test-program", mine.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no recorded sessions of mine.groovy: looked for *.jsonl and *.jsonl.gz in " + HOME.resolve("examples/mine") + "/"), r.err());
        assertTrue(r.err().contains("has sessions of: news-relay, playlist, talkshow, voiceboard"), r.err());
        assertTrue(r.err().contains("./stationd run"), r.err());

        Result missing = run("test-program", dir.resolve("nope.groovy").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no program file " + dir.resolve("nope.groovy")), missing.err());
    }

    @Test
    void aProgramThatDoesNotCompileFails() throws Exception {
        Path broken = dir.resolve("talkshow.js");
        Files.writeString(broken, "program({ apiVersion: 1, name: 'talkshow', states: { a: { dtfm(e) { } } } });\n");
        Result r = run("test-program", broken.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("FAIL " + broken + " does not compile:"), r.out());
        assertTrue(r.out().contains("dtfm"), r.out());
    }
}
