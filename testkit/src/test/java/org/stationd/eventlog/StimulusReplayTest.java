package org.stationd.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.cli.CliRun.stationd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.cli.CliRun;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.script.ProgramEngines;
import org.stationd.testing.Show;

/**
 * A voice-board session is recorded live on the simulated switch; its listeners are then replayed
 * (calls, keys, hang-up at their recorded moments) against the same and a changed program, on the
 * simulated switch and a virtual clock.
 */
class StimulusReplayTest {
    @TempDir
    static Path dir;
    static List<Map<String, Object>> log;
    static HostConfig host;
    static ProgramEngines engines;
    static ScriptProgramLoader loader;

    @BeforeAll
    static void record() throws Exception {
        try (Show show = org.stationd.programs.VoiceBoardTest.bench(dir).start()) {
            org.stationd.programs.VoiceBoardTest.callerLeavesAMessage(show, "3", "2", "4");   // an ad for 2 days, discarded
        }
        host = ConfigLoader.load(dir.resolve("stations.yaml"));
        log = EventLogReader.read(dir.resolve("data/eventlog/gulu"));
        engines = new ProgramEngines();
        loader = new ScriptProgramLoader(engines);
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    private ReplayResult stimulus(Path program) throws Exception {
        return new StimulusReplay(host.station("gulu"), loader.load(program), host.mediaDir(), host.dataDir().resolve("recordings"),
                host.simDialplan()).run(log, null);
    }

    private static List<String> commands(ReplayResult r) {
        return r.timeline().stream().filter(l -> l.contains("  → ")).map(l -> l.substring(l.indexOf("→"))).toList();
    }

    @Test
    void theSameProgramDoesWhatItDidForTheSameListeners() throws Exception {
        ReplayResult r = stimulus(dir.resolve("programs/voiceboard.groovy"));
        String timeline = String.join("\n", r.timeline());
        assertTrue(r.ok(), r.summary() + "\n" + r.errors() + "\n" + timeline);
        // the listener's call, three key presses and the menu choice all reached the program again
        assertTrue(timeline.contains("● 256700000001 calls 7009"), timeline);
        assertEquals(5, r.timeline().stream().filter(l -> l.contains(" presses ")).count(), timeline);
        // and it aired what it aired live, in the same order
        List<String> recordedPlays = log.stream().filter(x -> "out".equals(x.get("dir")))
                .map(x -> ReplayLink.text((String) x.get("k"), x)).map(t -> UuidMap.UUID.matcher(t).replaceAll("#")).filter(t -> t.contains(".wav"))
                .map(t -> t.replaceAll(".*/", "")).map(t -> t.replaceAll("[,}\\]].*", "")).toList();
        List<String> replayedPlays = commands(r).stream().map(t -> t.replaceAll("#\\d+", "#")).filter(t -> t.contains(".wav"))
                .map(t -> t.replaceAll(".*/", "")).map(t -> t.replaceAll("[,}\\]].*", "")).toList();
        assertTrue(recordedPlays.contains("voiceboard-discarded.wav"), recordedPlays.toString());
        assertEquals(recordedPlays, replayedPlays, timeline);
    }

    @Test
    void aChangedProgramMeetsLastWeeksListeners() throws Exception {
        Path changed = dir.resolve("changed/voiceboard.groovy");
        Files.createDirectories(changed.getParent());
        Files.writeString(changed, Files.readString(dir.resolve("programs/voiceboard.groovy")).replace("voiceboard-discarded.wav", "bye-for-now.wav"));
        ReplayResult r = stimulus(changed);
        String timeline = String.join("\n", r.timeline());
        assertTrue(r.ok(), r.summary() + "\n" + r.errors() + "\n" + timeline);
        assertTrue(commands(r).stream().anyMatch(c -> c.contains("bye-for-now.wav")), timeline);
        assertFalse(timeline.contains("voiceboard-discarded.wav"), timeline);
        // the strict replay of the same change reports it as a divergence instead
        ReplayResult strict = new StrictReplay(host.station("gulu"), loader.load(changed), host.mediaDir(), host.dataDir().resolve("recordings")).run(log, null);
        assertFalse(strict.ok());
    }

    @Test
    void aProgramThatBreaksOnTheRecordedKeysFailsTheReplayWithTheError() throws Exception {
        Path broken = dir.resolve("broken/voiceboard.groovy");
        Files.createDirectories(broken.getParent());
        String src = Files.readString(dir.resolve("programs/voiceboard.groovy"));
        assertTrue(src.contains("on.digits { e ->"));
        Files.writeString(broken, src.replace("on.digits { e ->", "on.digits { e ->\n            if (e.digits == '3') throw new IllegalStateException('no category 3 today')"));
        ReplayResult r = stimulus(broken);
        assertFalse(r.ok(), String.join("\n", r.timeline()));
        assertTrue(r.errors().stream().anyMatch(e -> e.contains("no category 3 today")), r.errors().toString());
    }

    @Test
    void aReplayIsTheSameOnEveryRun() throws Exception {
        ReplayResult a = stimulus(dir.resolve("programs/voiceboard.groovy"));
        ReplayResult b = stimulus(dir.resolve("programs/voiceboard.groovy"));
        assertEquals(a.timeline(), b.timeline());
    }

    @Test
    void untilStopsTheReplayEarly() throws Exception {
        Instant firstPress = log.stream().filter(x -> "esl".equals(x.get("k")) && "DTMF".equals(x.get("name")))
                .map(x -> Instant.parse((String) x.get("t"))).findFirst().orElseThrow();
        ReplayResult r = new StimulusReplay(host.station("gulu"), loader.load(dir.resolve("programs/voiceboard.groovy")), host.mediaDir(),
                host.dataDir().resolve("recordings"), host.simDialplan()).run(log, firstPress.minusMillis(1));
        assertTrue(r.ok(), r.summary());
        assertEquals(0, r.timeline().stream().filter(l -> l.contains(" presses ")).count(), String.join("\n", r.timeline()));
    }

    @Test
    void theCommandLineReplaysStrictOrStimulusAndSaysSoInItsExitCode() throws Exception {
        String logDir = dir.resolve("data/eventlog/gulu").toString();
        String config = dir.resolve("stations.yaml").toString();
        CliRun strict = stationd("replay", logDir, "--config", config);
        assertEquals(0, strict.exit(), strict.out() + strict.err());
        assertTrue(strict.out().contains("OK: "), strict.out());

        Path changed = dir.resolve("cli/voiceboard.groovy");
        Files.createDirectories(changed.getParent());
        Files.writeString(changed, Files.readString(dir.resolve("programs/voiceboard.groovy")).replace("voiceboard-discarded.wav", "bye-for-now.wav"));
        CliRun diverged = stationd("replay", logDir, "--config", config, "--program", changed.toString());
        assertEquals(1, diverged.exit(), diverged.out());
        assertTrue(diverged.out().contains("DIVERGED") && diverged.out().contains("bye-for-now.wav"), diverged.out());

        CliRun stimulus = stationd("replay", logDir, "--config", config, "--program", changed.toString(), "--stimulus");
        assertEquals(0, stimulus.exit(), stimulus.out() + stimulus.err());
        assertTrue(stimulus.out().contains("● 256700000001 calls 7009") && stimulus.out().contains("bye-for-now.wav"), stimulus.out());

        CliRun both = stationd("replay", logDir, "--config", config, "--strict", "--stimulus");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("choose one of --strict and --stimulus"), both.err());
        CliRun speed = stationd("replay", logDir, "--config", config, "--speed", "3x");
        assertEquals(2, speed.exit());
        assertTrue(speed.err().contains("--speed is max or 1x, not '3x'"), speed.err());
    }

    @Test
    void thePhonesTheStationCalledAnswerAndPressKeysAsTheyDid() throws Exception {
        // the talk show calls its host (user/3009), who answers and presses 1 to go on air, then 5 to put a caller on
        Path example = Show.home().resolve("examples/talkshow");
        HostConfig talk = ConfigLoader.load(example.resolve("stations.yaml"));
        List<Map<String, Object>> session = EventLogReader.read(example.resolve("caller-on-air.jsonl"));
        ReplayResult r = new StimulusReplay(talk.station("kla"), loader.load(Show.programFile("talkshow.js")), talk.mediaDir(),
                dir.resolve("talk-recordings"), talk.simDialplan()).run(session, null);
        String timeline = String.join("\n", r.timeline());
        assertTrue(r.ok(), r.summary() + "\n" + r.errors() + "\n" + timeline);
        assertTrue(timeline.contains("calling-host  ● #1 presses 1"), "the host's phone answered the replayed call and pressed 1:\n" + timeline);
        assertTrue(timeline.contains("on-air  ● +256700000001 calls 7001"), "so the show was on air when the listener called:\n" + timeline);
        assertFalse(timeline.contains("○"), "no recorded action was skipped:\n" + timeline);
    }
}
