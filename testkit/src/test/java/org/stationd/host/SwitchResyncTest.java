package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.sim.channel.HangupCause;
import org.stationd.testing.Show;

/**
 * The switch goes away under a playlist on the simulated switch: its calls end while the link is
 * down (their hang-ups never reach the host), or it shuts down and starts again. The host shows
 * it down, asks it what survived once it is back, the program hears the hang-up, and the station
 * is back on air. The same on the real switch: {@code live.SwitchRestartLiveTest}.
 */
class SwitchResyncTest {
    private static final Duration BACK = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Show playlist() throws Exception {
        return Show.in(dir).program(Show.programFile("playlist.groovy"))
                .media("jingle.wav", 0.3).media("music-1.wav", 1)
                .station("kla", s -> s.program("playlist.groovy").transmitter("user/3001")
                        .settings("{ jingle: jingle.wav, music: [music-1.wav] }"))
                .start();
    }

    @Test
    void callsThatEndedWhileTheLinkWasDownReachTheProgramAsHangups() throws Exception {
        try (Show show = playlist()) {
            show.await("music plays", () -> show.aired("kla").contains("music-1.wav"));
            String tx = show.station("kla").station().getTransmitter().getId();
            show.sim().faults().refuseConnections(Duration.ofSeconds(2));
            show.sim().faults().dropConnections();
            show.await("status shows the switch down", () -> switchState(show).startsWith("down since"));
            show.sim().faults().hangupAll(HangupCause.NORMAL_CLEARING);   // nobody hears it: the link is down
            assertEquals(Set.of(tx), show.station("kla").liveCallIds(), "the station cannot know yet");

            show.await("the program hears its transmitter hang up", BACK, () -> show.lines().contains("kla call hangup LOST_WHILE_DISCONNECTED"));
            show.await("back on air", BACK, () -> show.lines().stream().filter("kla state playing"::equals).count() == 2);
            show.await("status shows the switch up", () -> switchState(show).startsWith("up"));
            assertTrue(switchState(show).contains("1 call(s) lost on 1 station(s), LOST_WHILE_DISCONNECTED"), switchState(show));
            assertTrue(show.entered("kla", "reconnecting"), "the program's own hang-up handling ran");
            assertTrue(show.errors().isEmpty(), show.errors().toString());
        }
    }

    @Test
    void aShutdownThenRestartBringsThePlaylistBackOnAir() throws Exception {
        try (Show show = playlist()) {
            show.await("music plays", () -> show.aired("kla").contains("music-1.wav"));
            var outage = show.sim().faults().shutdown(Duration.ofSeconds(4));
            show.await("status shows the switch away", () -> !switchState(show).startsWith("up"));
            outage.down().join();
            show.await("status shows the switch down", () -> switchState(show).startsWith("down since"));
            show.await("back on air", BACK, () -> show.lines().stream().filter("kla state playing"::equals).count() == 2);
            assertTrue(show.lines().contains("kla call hangup SYSTEM_SHUTDOWN"), String.join("\n", show.lines()));
            assertTrue(!show.entered("kla", "off-air"), "a failed redial while the switch was away is not the end of the show");
            show.await("status shows the switch up", () -> switchState(show).startsWith("up"));
            assertTrue(show.errors().isEmpty(), show.errors().toString());
        }
    }

    @Test
    void aCallTheSwitchPlacedAfterTheLinkLostItsOriginateIsHungUp() throws Exception {
        try (Show show = Show.in(dir).program(Show.programFile("playlist.groovy"))
                .media("jingle.wav", 0.3).media("music-1.wav", 1)
                .phone("3009", "{ answer_after_ms: 3000 }")
                .station("kla", s -> s.program("playlist.groovy").transmitter("user/3009")
                        .settings("{ jingle: jingle.wav, music: [music-1.wav] }"))
                .start();
             EslClient fs = EslClient.connect(EslClientOptions.of("127.0.0.1", show.sim().port(), "ClueCon"))) {
            show.await("the transmitter rings on the switch", () -> !show.station("kla").liveCallIds().isEmpty()
                    && channels(fs).containsAll(show.station("kla").liveCallIds()));
            String first = show.station("kla").liveCallIds().iterator().next();
            show.sim().faults().refuseConnections(Duration.ofSeconds(1));
            show.sim().faults().dropConnections();   // the originate's answer is lost: it will come 3 s later, to nobody
            show.await("on air", BACK, () -> show.aired("kla").contains("music-1.wav"));
            assertTrue(!show.station("kla").owns(first), "the station gave the lost originate up");
            show.await("the switch holds exactly the station's calls", BACK, () -> channels(fs).equals(show.station("kla").liveCallIds()));
            assertTrue(show.errors().isEmpty(), show.errors().toString());
        }
    }

    private static Set<String> channels(EslClient fs) {
        try {
            return SwitchResync.uuids(fs.api("show channels as json").get(5, java.util.concurrent.TimeUnit.SECONDS).body());
        } catch (Exception e) {
            return Set.of("(cannot ask the switch: " + e.getMessage() + ")");
        }
    }

    @Test
    void readsTheChannelListInBothShapesFreeSwitchSendsAndRefusesAnythingElse() throws Exception {
        assertEquals(Set.of(), SwitchResync.uuids("{\"row_count\": 0}\n"));
        assertEquals(Set.of("a1", "b2"), SwitchResync.uuids("{\"row_count\":2,\"rows\":[{\"uuid\":\"a1\",\"name\":\"loopback/tx1-a\"},"
                + "{\"uuid\":\"b2\",\"name\":\"loopback/tx1-b\"}]}\n"));
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> SwitchResync.uuids("-ERR no reply\n"));
    }

    private static String switchState(Show show) {
        try {
            return String.valueOf(show.host().status().get("switchState"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
