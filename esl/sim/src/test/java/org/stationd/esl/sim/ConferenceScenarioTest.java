package org.stationd.esl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.sim.support.SimHarness.action;
import static org.stationd.esl.sim.support.SimHarness.named;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.sim.dialplan.Dialplan;
import org.stationd.esl.sim.media.Wav;
import org.stationd.esl.sim.support.Prompts;
import org.stationd.esl.sim.support.SimHarness;

/** 27 stations in one conference through the real client over TCP, news played into it, then kicked. */
class ConferenceScenarioTest {

    @Test
    void twentySevenStationsHearTheNews() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            List<String> aLegs = new ArrayList<>();
            List<java.util.concurrent.CompletableFuture<org.stationd.esl.session.ApiResponse>> jobs = new ArrayList<>();
            for (int i = 1; i <= 27; i++) {
                String uuid = UUID.randomUUID().toString();
                aLegs.add(uuid);
                jobs.add(h.client.bgapi("originate {origination_uuid=" + uuid + ",station_id=s" + i + "}loopback/news/stations &park()").result());
            }
            for (var j : jobs) {
                assertTrue(j.join().text().startsWith("+OK "), "originate answered");
            }
            List<EslEvent> adds = h.awaitCount(action("add-member"), 27);
            assertEquals(1, h.events(action("conference-create")).size());
            Set<String> ids = new HashSet<>();
            adds.forEach(e -> ids.add(e.header("Member-ID")));
            assertEquals(27, ids.size(), "each member its own id");
            // the client hands events of different channels to different lanes, so compare by size, not position
            assertEquals(27, adds.stream().mapToInt(e -> Integer.parseInt(e.header("Conference-Size"))).max().orElse(0));

            String list = h.api("conference news list");
            assertEquals(27, list.strip().split("\n").length, list);
            assertEquals(27, h.sim.conferences().get(0).members().size());

            String play = h.api("conference news play " + Prompts.STATIONS + "news.wav");
            assertEquals("+OK (play) Playing file " + Prompts.STATIONS + "news.wav\n", play);
            h.await(e -> action("play-file").test(e) && e.header("File").endsWith("news.wav"));
            // 26 join tones are queued ahead of the news, as mod_conference queues files
            h.advance(Duration.ofSeconds(25));
            EslEvent done = h.await(e -> action("play-file-done").test(e) && e.header("File").endsWith("news.wav"));
            assertEquals("88038", done.header("samples"));

            String kick = h.api("conference news kick all");
            assertEquals(27, kick.strip().split("\n").length);
            h.advance(Duration.ofSeconds(5));
            h.awaitCount(action("del-member"), 27);
            h.await(action("conference-destroy"));
            h.awaitCount(named("CHANNEL_DESTROY"), 54);
            assertTrue(h.sim.calls().isEmpty(), "all 54 legs gone");
            assertTrue(h.sim.conferences().isEmpty());
            // each kicked member heard the kicked sound on its own channel
            assertEquals(27, h.events(e -> e.is("PLAYBACK_STOP") && e.header("Playback-File-Path").endsWith("kicked.wav")).size());
        }
    }

    @Test
    void muteDeafAndHupOneMember() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            h.client.bgapi("originate {origination_uuid=" + UUID.randomUUID() + "}loopback/news/stations &park()").result().join();
            h.client.bgapi("originate {origination_uuid=" + UUID.randomUUID() + "}loopback/news/stations &park()").result().join();
            List<EslEvent> adds = h.awaitCount(action("add-member"), 2);
            String id = adds.get(0).header("Member-ID");
            assertEquals("+OK mute " + id + "\n", h.api("conference news mute " + id));
            assertEquals("false", h.await(action("mute-member")).header("Speak"));
            assertEquals("+OK deaf " + id + "\n", h.api("conference news deaf " + id));
            assertEquals("false", h.await(action("deaf-member")).header("Hear"));
            assertEquals("+OK undeaf " + id + "\n", h.api("conference news undeaf " + id));
            assertEquals("+OK unmute " + id + "\n", h.api("conference news unmute " + id));
            assertEquals("-ERR Non-Existant ID 9999\n", h.api("conference news mute 9999"));
            assertEquals("-ERR Conference nope not found\n", h.api("conference nope list"));
            assertEquals("+OK hup " + id + "\n", h.api("conference news hup " + id));
            h.advance(Duration.ofMillis(100));
            h.await(action("del-member"));
            assertEquals(1, h.sim.conferences().get(0).members().size());
            assertTrue(h.api("conference news stop").startsWith("+OK Stopped"));
        }
    }

    /**
     * FreeSWITCH 1.10.12 refuses {@code file@@samples} in a conference but moves the file now playing
     * with {@code file_seek <ms>} (checked on the real switch: a 10 s file moved to 6 s ended 4 s
     * later); nothing playing answers {@code -ERR no reply}. A profile the switch does not have
     * gets the built-in settings: no enter tone for the second member.
     */
    @Test
    void fileSeekMovesThePlayingFileAndAnUnknownProfilePlaysNoTones() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            h.client.bgapi("originate {origination_uuid=" + UUID.randomUUID() + "}loopback/answer_park/stations &conference(room@stationd)").result().join();
            h.client.bgapi("originate {origination_uuid=" + UUID.randomUUID() + "}loopback/answer_park/stations &conference(room@stationd)").result().join();
            h.awaitCount(action("add-member"), 2);
            assertEquals("-ERR no reply\n", h.api("conference room file_seek 1000"));
            String news = Prompts.STATIONS + "news.wav";
            assertEquals("+OK (play) Playing file " + news + "\n", h.api("conference room play " + news));
            assertEquals("+OK seek to position 32000\n", h.api("conference room file_seek 4000"));
            h.advance(Duration.ofMillis(1400));
            assertTrue(h.events(action("play-file-done")).isEmpty(), "the 5.5 s report has 1.5 s left after the seek");
            h.advance(Duration.ofMillis(300));
            EslEvent done = h.await(action("play-file-done"));
            assertEquals(news, done.header("File"));
            assertTrue(h.events(action("play-file")).stream().allMatch(e -> e.header("File").equals(news)), "no enter tone: " + h.events(action("play-file")));
            assertTrue(h.api("conference list").contains(" rate: 8000 "), "the built-in rate");
        }
    }

    // ---- files in a room of the bundled default profile (one member: hold music), as FreeSWITCH 1.10.12 was measured ----

    private static final String MOH = "local_stream://moh";
    private static final String NEWS = Prompts.STATIONS + "news.wav";     // 5.5 s
    private static final String HELLO = Prompts.STATIONS + "hello.wav";   // 2.5 s
    private static final String LONG = Prompts.STATIONS + "long.wav";     // 30 s

    /** A simulator with the bundled stations context and one member in the room {@code probe}. */
    private static SimHarness alone() throws Exception {
        SimHarness h = SimHarness.start(SimOptions.defaults().withDialplan(Dialplan.bundledStations()),
                EslClientOptions.of("127.0.0.1", 1, "ClueCon"));
        Wav.writeSilence(h.sounds().resolve("stations/long.wav"), 30_000);
        h.client.bgapi("originate {origination_uuid=" + UUID.randomUUID() + "}loopback/answer_park/stations &conference(probe@default)").result().join();
        h.await(action("add-member"));
        h.settle();
        return h;
    }

    /** The File of each play-file / play-file-done in the order they came ("+" started, "-" done). */
    private static List<String> fileEvents(SimHarness h) {
        return h.events(e -> action("play-file").test(e) || action("play-file-done").test(e)).stream()
                .filter(e -> !e.header("File").endsWith("conf-alone.wav"))
                .map(e -> (action("play-file").test(e) ? "+" : "-") + e.header("File")).toList();
    }

    /** Fact 1: a {k=v} prefix is an option of the file opener: the file plays, events and replies carry the name as given. */
    @Test
    void aTaggedFileNameIsReportedAsGiven() throws Exception {
        try (SimHarness h = alone()) {
            String tagged = "{stationd_play=7}" + NEWS;
            assertEquals("+OK (play) Playing file " + tagged + "\n", h.api("conference probe play " + tagged));
            h.advance(Duration.ofSeconds(6));
            EslEvent done = h.await(action("play-file-done"));
            assertEquals(tagged, done.header("File"));
            assertEquals("44019", done.header("samples"), "played whole");
            String missing = "{stationd_play=4}/tmp/nonexist.wav";
            assertEquals("-ERR (play) File: " + missing + " not found.\n", h.api("conference probe play " + missing));
            h.settle();
            assertEquals(List.of("+" + tagged, "-" + tagged, "+" + missing), fileEvents(h));
        }
    }

    /**
     * Facts 2 and 3: a bare stop stops every file (hold music, the file playing, the ones queued);
     * their play-file-done come on the conference's next frames (the hold music and the head on the
     * first, then one head a frame), after the reply; the hold music comes back when the room is silent.
     */
    @Test
    void aBareStopStopsAllFilesOnTheNextFrames() throws Exception {
        try (SimHarness h = alone()) {
            assertEquals("+OK Stopped 0 files.\n", h.api("conference probe stop current"), "the hold music is not in the list");
            h.api("conference probe play " + NEWS);
            h.api("conference probe play " + HELLO);
            h.advance(Duration.ofSeconds(1));
            assertEquals("+OK Stopped 3 files.\n", h.api("conference probe stop"));
            h.settle();
            assertTrue(h.events(action("play-file-done")).isEmpty(), "nothing closed by the command itself");
            h.advance(Duration.ofMillis(20));
            assertEquals(List.of("-" + MOH, "-" + NEWS), fileEvents(h).subList(2, fileEvents(h).size()));
            h.advance(Duration.ofMillis(20));
            assertEquals(List.of("+" + NEWS, "+" + HELLO, "-" + MOH, "-" + NEWS, "-" + HELLO), fileEvents(h));
            EslEvent news = h.events(action("play-file-done")).get(1);
            assertEquals("8000", news.header("samples"), "news ran 1 s, up to the stop");
            assertEquals("0", h.events(action("play-file-done")).get(2).header("samples"), "hello never started");
            h.advance(Duration.ofMillis(40));
            assertEquals("+OK Stopped 1 files.\n", h.api("conference probe stop async"), "the hold music is back");
            assertEquals("+OK Stopped 1 files.\n", h.api("conference probe stop async"), "stopped, not closed yet: counted again");
            h.advance(Duration.ofMillis(20));
            assertEquals(4, h.events(action("play-file-done")).size(), "closed once");
        }
    }

    /** {@code stop current} stops the head only; the next file starts on the frame that closes it. Other arguments as mod_conference answers them. */
    @Test
    void stopCurrentStopsTheHeadAndOtherFormsAnswerAsFreeSwitch() throws Exception {
        try (SimHarness h = alone()) {
            h.api("conference probe play " + NEWS);
            h.api("conference probe play " + HELLO);
            assertEquals("+OK Stopped 1 files.\n", h.api("conference probe stop current"));
            h.advance(Duration.ofMillis(20));
            assertEquals(List.of("+" + NEWS, "+" + HELLO, "-" + NEWS), fileEvents(h));
            h.advance(Duration.ofMillis(2_460 + 20));
            assertEquals(List.of("+" + NEWS, "+" + HELLO, "-" + NEWS, "-" + HELLO), fileEvents(h), "hello played whole from that frame");
            assertEquals("19678", h.events(action("play-file-done")).get(1).header("samples"));
            String id = h.events(action("add-member")).get(0).header("Member-ID");
            assertEquals("stop <[current|all|async|last]> [<member_id>]", h.api("conference probe stop last"));
            assertEquals("stop <[current|all|async|last]> [<member_id>]", h.api("conference probe stop 5"));
            assertEquals("+OK Stopped 0 files.\n", h.api("conference probe stop all " + id), "a member's own files: none");
            assertEquals("-ERR Member: 9999 not found.\n", h.api("conference probe stop current 9999"));
            assertEquals("+OK Stopped 0 files.\n", h.api("conference probe STOP Current"), "the hold music is not the current file");
            assertEquals("+OK Stopped 1 files.\n", h.api("conference probe stop ALL"), "the hold music plays on beside the list");
        }
    }

    /** Fact 3: a file played right after a stop is announced at once, before the stopped files' play-file-done, and plays after them. */
    @Test
    void aFilePlayedRightAfterAStopWaitsForTheStoppedOnes() throws Exception {
        try (SimHarness h = alone()) {
            h.api("conference probe play " + NEWS);
            h.api("conference probe play " + HELLO);
            h.advance(Duration.ofMillis(500));
            assertEquals("+OK Stopped 3 files.\n", h.api("conference probe stop"));
            assertEquals("+OK (play) Playing file " + NEWS + "\n", h.api("conference probe play " + NEWS));
            h.settle();
            assertEquals(List.of("+" + NEWS, "+" + HELLO, "+" + NEWS), fileEvents(h));
            h.advance(Duration.ofMillis(40));
            assertEquals(List.of("+" + NEWS, "+" + HELLO, "+" + NEWS, "-" + MOH, "-" + NEWS, "-" + HELLO), fileEvents(h));
            // started on the frame that closed hello: 5502 ms and a frame from there
            h.advance(Duration.ofMillis(5_480));
            assertEquals(6, fileEvents(h).size(), "the new news started on the frame that closed hello");
            h.advance(Duration.ofMillis(60));
            assertEquals("-" + NEWS, fileEvents(h).get(6));
            assertEquals("44019", h.events(action("play-file-done")).get(3).header("samples"));
        }
    }

    /**
     * Fact 4: file_seek acts on the head of the list. Right after a stop the head is the stopped
     * file: the seek answers as usual but is lost with it, and the file played next starts from its
     * start. With nothing stopped the same seek moves the file.
     */
    @Test
    void aSeekRightAfterAStopIsLostOnTheStoppedFile() throws Exception {
        try (SimHarness h = alone()) {
            assertEquals("-ERR no reply\n", h.api("conference probe file_seek 1000"), "hold music only: nothing in the list");
            h.api("conference probe play " + NEWS);
            h.advance(Duration.ofSeconds(1));
            h.api("conference probe stop");
            String t9 = "{t=9}" + LONG;
            h.api("conference probe play " + t9);
            assertEquals("+OK seek to position 200000\n", h.api("conference probe file_seek 25000"));
            h.advance(Duration.ofSeconds(20));
            assertFalse(fileEvents(h).contains("-" + t9), "t=9 plays from its start: " + fileEvents(h));
            h.advance(Duration.ofSeconds(11));
            EslEvent done = h.await(e -> action("play-file-done").test(e) && t9.equals(e.header("File")));
            assertEquals("240000", done.header("samples"), "played whole");

            String t10 = "{t=10}" + LONG;
            h.api("conference probe play " + t10);
            h.advance(Duration.ofSeconds(1));
            assertEquals("+OK seek to position 200000\n", h.api("conference probe file_seek 25000"));
            h.advance(Duration.ofMillis(5_000));
            assertFalse(fileEvents(h).contains("-" + t10));
            h.advance(Duration.ofMillis(40));
            assertTrue(fileEvents(h).contains("-" + t10), "moved to 25 s, it ended 5 s later: " + fileEvents(h));
        }
    }
}
