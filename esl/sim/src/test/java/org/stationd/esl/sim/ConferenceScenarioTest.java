package org.stationd.esl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.stationd.esl.event.EslEvent;
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
}
