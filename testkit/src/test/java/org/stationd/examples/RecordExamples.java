package org.stationd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stationd.testing.Listener;
import org.stationd.testing.ProgramTest;
import org.stationd.testing.Show;

/**
 * Records the shipped example sessions, one (or more) per program in programs/, into
 * {@code examples/<program>/}. Runs only when asked, because it rewrites files in the checkout:
 *
 * <pre>
 * mvn -o -pl esl,scripting-api,runtime verify -Dtest=RecordExamples -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Each session is a real show on the simulated switch; each saved log is checked to replay
 * strictly against the program before the test passes. ExamplesTest replays them on every build.
 */
@ProgramTest
class RecordExamples {

    /** The prerecorded show: jingle, episode, an ad, a missing ad skipped, music; the transmitter drops and the show resumes. */
    @Test
    void playlist(Show.Builder bench) throws Exception {
        Path program = Show.programFile("playlist.groovy");
        Show show = bench.program(program)
                .media("jingle.wav", 0.3).media("stories-1.wav", 0.4).media("ad-market.wav", 0.3).media("music-1.wav", 0.6)
                .station("kla", s -> s.program("playlist.groovy").transmitter("user/3001")
                        .settings("{ jingle: jingle.wav, series: [stories-1.wav, stories-2.wav], ads: [ad-market.wav, ad-missing.wav], music: [music-1.wav] }"))
                .start();
        show.await("music plays", () -> show.aired("kla").contains("music-1.wav"));
        assertEquals(List.of("jingle.wav", "stories-1.wav", "ad-market.wav", "ad-missing.wav", "music-1.wav"), show.aired("kla").subList(0, 5));
        int before = show.aired("kla").size();
        show.sim().hangup(show.station("kla").station().getTransmitter().getId(), "NORMAL_CLEARING");
        show.awaitState("kla", "reconnecting");
        show.await("playing again", () -> show.aired("kla").size() > before + 1);
        assertEquals(0, show.stored("kla", "lastEpisode"));
        assertTrue(show.errors().isEmpty(), show.errors().toString());
        show.close();
        ExampleLogs.save(show, "kla", program, "transmitter-drops.jsonl");
    }

    /** A caller leaves a greeting on the voice board: category 2, valid 7 days, records, listens to it, saves it. */
    @Test
    void voiceboard(Show.Builder bench) throws Exception {
        Path program = Show.programFile("voiceboard.groovy");
        bench.program(program);
        for (String prompt : List.of("voiceboard-welcome", "voiceboard-category", "voiceboard-days", "voiceboard-menu",
                "voiceboard-saved", "voiceboard-discarded", "invalid", "goodbye")) {
            bench.media(prompt + ".wav", 0.3);
        }
        Show show = bench.station("gulu", s -> s.program("voiceboard.groovy").transmitter("user/3001").line("ivr", "7009")).start();
        show.listener("+256700000001").calls(show.line("gulu", "ivr"))
                .when("category asked", () -> show.aired("gulu").contains("voiceboard-category.wav")).waits(Duration.ofMillis(400)).presses("2")
                .when("days asked", () -> show.aired("gulu").contains("voiceboard-days.wav")).waits(Duration.ofMillis(400)).presses("7#")
                .when("recording", () -> show.lines().contains("gulu call playbackDone tone_stream://%(500,0,800) done"))
                .waits(Duration.ofMillis(1000)).presses("#")
                .when("menu", () -> count(show.aired("gulu"), "voiceboard-menu.wav") >= 1).waits(Duration.ofMillis(400)).presses("1")
                .when("menu after listening", () -> count(show.aired("gulu"), "voiceboard-menu.wav") >= 2).waits(Duration.ofMillis(400)).presses("2");
        show.await("saved", () -> show.logged("gulu", "saved a greeting from +256700000001, valid 7 days"));
        show.await("hung up", () -> show.lines().contains("gulu call hangup NORMAL_CLEARING"));
        show.close();
        ExampleLogs.save(show, "gulu", program, "leave-a-greeting.jsonl");
    }

    /** Two stations relay one report through the shared conference: one master plays it, both hang up at the end. */
    @Test
    void newsRelay(Show.Builder bench) throws Exception {
        Path program = Show.programFile("news-relay.js");
        Show show = bench.program(program).media("news.wav", 2)
                .station("lira", s -> s.program("news-relay.js").group("news").transmitter("user/3001").settings("{ report: news.wav }"))
                .station("jinja", s -> s.program("news-relay.js").group("news").transmitter("user/3002").settings("{ report: news.wav }"))
                .start();
        show.await("both relaying", () -> show.entered("lira", "relaying") && show.entered("jinja", "relaying"));
        show.await("both done", () -> show.entered("lira", "done") && show.entered("jinja", "done"));
        show.await("transmitters hung up", () -> show.station("lira").station().getTransmitter() == null && show.station("jinja").station().getTransmitter() == null);
        assertEquals(1, show.lines().stream().filter(l -> l.contains(" log master now")).count(), show.lines().toString());
        assertTrue(show.errors().isEmpty(), show.errors().toString());
        show.close();
        ExampleLogs.save(show, "lira", program, "one-report-lira.jsonl");
        ExampleLogs.save(show, "jinja", program, "one-report-jinja.jsonl");
    }

    /** The host says ready, a listener rings the call-in line, waits in the queue, goes on air, hangs up; the host ends the show. */
    @Test
    void talkshow(Show.Builder bench) throws Exception {
        Path program = Show.programFile("talkshow.js");
        Show show = bench.program(program)
                .media("talkshow-ready.wav", 0.3).media("talkshow-queued.wav", 0.3).media("talkshow-offair.wav", 0.3)
                .media("hold.wav", 0.5).media("goodbye.wav", 0.2)
                .phone("3009", "{ answer_after_ms: 500 }")
                .station("kla", s -> s.program("talkshow.js").transmitter("user/3001").line("call-in", "7001")
                        .settings("{ host: user/3009, mode: queue }"))
                .start();
        Listener host = show.answered("kla", "user/3009");
        host.when("ready asked", () -> show.aired("kla").contains("talkshow-ready.wav")).waits(Duration.ofMillis(400)).presses("1");
        show.awaitState("kla", "on-air");
        Listener caller = show.listener("+256700000001").calls(show.line("kla", "call-in"));
        show.await("queued", () -> show.aired("kla").contains("talkshow-queued.wav"));
        host.waits(Duration.ofMillis(800)).presses("5");
        show.await("on air", () -> show.logged("kla", "+256700000001 is on air"));
        caller.hangsUpAfter(Duration.ofSeconds(1));
        host.waits(Duration.ofMillis(800)).hangsUp();
        show.awaitState("kla", "off-air");
        show.await("all calls ended", () -> show.station("kla").station().getCalls().isEmpty());
        assertTrue(show.errors().isEmpty(), show.errors().toString());
        show.close();
        ExampleLogs.save(show, "kla", program, "caller-on-air.jsonl");
    }

    private static long count(List<String> aired, String file) {
        return aired.stream().filter(file::equals).count();
    }
}
