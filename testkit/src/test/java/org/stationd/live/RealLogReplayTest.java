package org.stationd.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.esl.live.LiveSwitch;
import org.stationd.eventlog.ReplayResult;
import org.stationd.testing.Listener;
import org.stationd.testing.Show;

/**
 * A short session of every shipped program is recorded on the real FreeSWITCH (transmitters
 * {@code loopback/tx<N>/stations}, listeners parked by its {@code stations} context), then
 * replayed from the bench's event log on the simulated switch: strictly (every command as
 * recorded) and with only its stimuli (the recorded listeners and far ends, the program deciding
 * again), which must air what the real switch aired.
 */
class RealLogReplayTest {
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();

    @TempDir
    Path dir;

    @Test
    void aPlaylistSession() throws Exception {
        Show.Builder bench = PlaylistLiveTest.bench(dir, FS.get().url());
        Show show = record(bench, s -> {
            s.await("music plays", () -> s.aired("kla").contains("music-1.wav"));
            // the transmitter's line drops (uuid_kill): the station redials and plays on
            s.drop(s.station("kla").station().getTransmitter().getId());
            s.await("back on air", () -> s.lines().stream().filter(l -> l.equals("kla state playing")).count() == 2);
        });

        ReplayResult stimulus = replaysBothWays(show, "kla", "jingle.wav", "stories-1.wav", "ad-market.wav", "music-1.wav");
        String timeline = String.join("\n", stimulus.timeline());
        assertTrue(timeline.contains("playing  ● #1 hangs up") && timeline.contains("reconnecting  → bgapi originate"),
                "the transmitter dropped again and was redialled:\n" + timeline);

        // a changed show whose transmitter the replay's switch cannot route never airs: the replay fails, saying why
        Path changed = dir.resolve("changed/playlist.groovy");
        Files.createDirectories(changed.getParent());
        Files.writeString(changed, Files.readString(dir.resolve("programs/playlist.groovy"))
                .replace("station.dialTransmitter()", "station.originate('loopback/tx1/nowhere')"));
        ReplayResult broken = show.replay("kla").program(changed).stimulus();
        assertFalse(broken.ok(), broken.report());
        assertTrue(broken.summary().startsWith("FAILED: the show never reached any state it reached after 'dialling' in the recording"),
                broken.summary());
    }

    @Test
    void aVoiceBoardSession() throws Exception {
        Show.Builder bench = Show.in(dir).realSwitch(FS.get().url()).program(Show.programFile("voiceboard.groovy"));
        for (String prompt : List.of("voiceboard-welcome", "voiceboard-category", "voiceboard-days", "invalid", "goodbye")) {
            bench.media(prompt + ".wav", 0.3);
        }
        bench.station("gulu", s -> s.program("voiceboard.groovy").transmitter("loopback/tx1/stations").line("ivr", "7009"));
        Show show = record(bench, s -> {
            // a listener calls the board, picks a category, and hangs up while asked for how many days
            Listener caller = s.listener("256700000001").calls(s.line("gulu", "ivr"))
                    .when("welcomed", () -> s.lines().contains("gulu call playbackDone voiceboard-welcome.wav done"))
                    .waits(Duration.ofMillis(300)).presses("3")   // while the category is asked
                    .when("days asked", () -> s.aired("gulu").contains("voiceboard-days.wav")).waits(Duration.ofMillis(200));
            caller.hangsUp();
            s.await("the call is over", () -> s.lines().stream().anyMatch(l -> l.startsWith("gulu call hangup")));
        });

        ReplayResult stimulus = replaysBothWays(show, "gulu", "voiceboard-welcome.wav", "voiceboard-category.wav", "voiceboard-days.wav");
        String timeline = String.join("\n", stimulus.timeline());
        // the listener's hang-up is replayed only when the log shows it as the listener's: on the real switch
        // the prompt's end can reach the station before the hang-up does, and the board then says goodbye itself
        assertTrue(timeline.contains("● 256700000001 calls 7009") && timeline.contains("presses 3"), timeline);
    }

    @Test
    void aTalkShowSession() throws Exception {
        Show.Builder bench = Show.in(dir).realSwitch(FS.get().url()).program(Show.programFile("talkshow.js"))
                .media("talkshow-ready.wav", 0.3).media("talkshow-queued.wav", 0.3).media("talkshow-offair.wav", 0.3)
                .media("hold.wav", 0.5).media("goodbye.wav", 0.2)
                .station("kla", s -> s.program("talkshow.js").transmitter("loopback/tx1/stations").line("call-in", "7001")
                        .settings("{ host: loopback/tx2/stations, mode: queue }"));
        Show show = record(bench, s -> {
            // the host answers and presses 1; a listener calls in, holds, and the host puts them on air with 5
            Listener host = s.answered("kla", "loopback/tx2/stations");
            s.await("ready prompt", () -> s.aired("kla").contains("talkshow-ready.wav"));
            host.waits(Duration.ofMillis(300)).presses("1");
            s.awaitState("kla", "on-air");
            s.listener("256700000022").calls(s.line("kla", "call-in"));
            s.await("queued", () -> s.aired("kla").contains("talkshow-queued.wav"));
            host.presses("5");
            s.await("caller on air", () -> s.logged("kla", "256700000022 is on air"));
            host.hangsUp();   // the host ends the show
            s.awaitState("kla", "off-air");
        });

        ReplayResult stimulus = replaysBothWays(show, "kla", "talkshow-ready.wav", "talkshow-queued.wav");
        String timeline = String.join("\n", stimulus.timeline());
        assertTrue(timeline.contains("calling-host  ● #1 presses 1"), "the host's phone answered the replayed call and pressed 1:\n" + timeline);
        assertTrue(timeline.contains("on-air  ● 256700000022 calls 7001"), timeline);
        assertTrue(timeline.contains("on-air  ● #1 hangs up"), timeline);
    }

    @Test
    void aNewsRelaySession() throws Exception {
        Show.Builder bench = Show.in(dir).realSwitch(FS.get().url()).program(Show.programFile("news-relay.js")).media("news.wav", 1.0)
                .station("mbr", s -> s.program("news-relay.js").transmitter("loopback/tx1/stations").settings("{ report: news.wav }"));
        Show show = record(bench, s -> {
            s.await("the report is relayed to the end", () -> s.entered("mbr", "done"));
            s.await("the transmitter is hung up", () -> s.station("mbr").station().getTransmitter() == null);
        });

        replaysBothWays(show, "mbr", "news.wav");
    }

    /** What the test does while the show is on air on the real switch. */
    private interface Session {
        void run(Show show) throws Exception;
    }

    /** Runs the session on the real switch and closes the show, so the station's event log is complete. */
    private static Show record(Show.Builder bench, Session session) throws Exception {
        Show show = bench.start();
        try {
            session.run(show);
            // the bundled switch has no text-to-speech: the talk show's spoken lines fail there, and say so
            List<org.stationd.api.ProgramError> errors = show.errors().stream()
                    .filter(e -> !e.message().equals(org.stationd.switchlink.SpeechEngines.missing("flite"))).toList();
            assertTrue(errors.isEmpty(), errors + "\n" + FS.get().logTail());
        } finally {
            show.close();
        }
        return show;
    }

    /**
     * The log replays strictly, and by its stimuli on the simulated switch, where the program
     * airs what it aired on the real switch ({@code aired}, in this order) and does what it did.
     */
    private static ReplayResult replaysBothWays(Show show, String station, String... aired) throws Exception {
        show.replay(station).strict().assertMatches();
        ReplayResult stimulus = show.replay(station).stimulus();
        String report = stimulus.report();
        assertTrue(stimulus.ok(), report);
        assertFalse(report.contains("○"), "no recorded action was skipped:\n" + report);
        List<String> plays = stimulus.timeline().stream().filter(l -> l.contains("  → ")).map(RealLogReplayTest::played)
                .filter(p -> p != null).distinct().toList();
        assertTrue(plays.size() >= aired.length && plays.subList(0, aired.length).equals(List.of(aired)),
                "the replay airs " + List.of(aired) + " in order, as the real switch did: " + plays + "\n" + report);
        assertEquals(stimulus.timeline(), show.replay(station).stimulus().timeline(), "a replay is the same on every run");
        return stimulus;
    }

    private static final Pattern WAV = Pattern.compile("([\\w-]+\\.wav)");

    /** The file a command puts on air (a collect's prompt, not its invalid-input message), or null. */
    private static String played(String command) {
        String text = command;
        int collect = command.indexOf("execute-app-name=play_and_get_digits, execute-app-arg=");
        if (collect >= 0) text = command.substring(collect).split(" ")[6];   // min max tries timeout terminators PROMPT …
        Matcher m = WAV.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
