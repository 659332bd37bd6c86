package org.stationd.esl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.esl.codec.EslFrame;
import org.stationd.esl.sim.clock.VirtualClock;
import org.stationd.esl.sim.support.Capture;
import org.stationd.esl.sim.support.CaptureComparison;
import org.stationd.esl.sim.support.CaptureReplay;
import org.stationd.esl.sim.support.Prompts;
import org.stationd.esl.sim.support.RawEsl;

/**
 * The proof: each capture of a real FreeSWITCH 1.10.12 is replayed against the simulator, command
 * for command at the capture's pace, and what comes back is compared with what FreeSWITCH sent,
 * allowing only {@link org.stationd.esl.sim.support.AllowedDifferences}.
 */
class CaptureProofTest {
    @TempDir
    Path sounds;
    private VirtualClock clock;
    private SimSwitch sim;

    @BeforeEach
    void start() throws Exception {
        Prompts.write(sounds);
        clock = new VirtualClock(Instant.parse("2026-11-22T06:27:12Z"));
        sim = SimSwitch.start(SimOptions.defaults().withPort(0).withClock(clock).withSounds(Prompts.FS_SOUNDS, sounds)
                .withZone(java.time.ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private List<String> replay(String file) throws Exception {
        return replay(file, false);
    }

    private List<String> replay(String file, boolean underLoad) throws Exception {
        assumeTrue(Capture.available(file), "capture " + file + " not found in " + Capture.dir());
        Capture cap = Capture.load(file);
        try (RawEsl conn = new RawEsl("127.0.0.1", sim.port())) {
            CaptureReplay.run(cap, sim, conn);
            conn.awaitEof(Duration.ofSeconds(5));
            return CaptureComparison.compare(cap.received(), conn.frames(), underLoad);
        }
    }

    private static void assertNoDifferences(List<String> problems) {
        assertEquals("", String.join("\n", problems), problems.size() + " difference(s) from FreeSWITCH");
    }

    @Test
    void authAndApi01() throws Exception {
        assertNoDifferences(replay("01_auth_api.jsonl"));
    }

    @Test
    void authFailure02() throws Exception {
        assertNoDifferences(replay("02_auth_fail.jsonl"));
    }

    @Test
    void stationPlayback03() throws Exception {
        assertNoDifferences(replay("03_station_playback_plain.jsonl"));
    }

    @Test
    void newsConferenceJson04() throws Exception {
        assertNoDifferences(replay("04_news_conference_json.jsonl"));
    }

    @Test
    void filterAndErrors08() throws Exception {
        assertNoDifferences(replay("08_filter_and_errors.jsonl"));
    }

    @Test
    void shutdown09() throws Exception {
        assertNoDifferences(replay("09_fs_restart.jsonl"));
    }

    /** 200 calls, up to 10 at a time, 10,799 events: the busiest capture. */
    @Test
    void churn10() throws Exception {
        assertNoDifferences(replay("10_churn_plain.jsonl", true));
    }

    /**
     * 06 is the outbound session: an unrecorded inbound connection started the call; the switch then
     * connected to the outbound-socket server. Here the test is that server, and replays the capture on
     * the connection the simulator makes to it.
     */
    @Test
    void outboundSocket06() throws Exception {
        String file = "06_outbound_socket.jsonl";
        assumeTrue(Capture.available(file), "capture " + file + " not found");
        Capture cap = Capture.load(file);
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            sim.close();
            String yaml = new String(getClass().getResourceAsStream("/org/stationd/esl/sim/sim.yaml").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("127.0.0.1:8084", "127.0.0.1:" + server.getLocalPort());
            clock = new VirtualClock(Instant.parse("2026-11-22T06:27:37Z"));
            sim = SimSwitch.start(SimOptions.defaults().withPort(0).withClock(clock).withSounds(Prompts.FS_SOUNDS, sounds)
                    .withZone(java.time.ZoneOffset.UTC).withDialplan(org.stationd.esl.sim.dialplan.DialplanLoader.parse(yaml, sounds)));
            server.setSoTimeout(5000);
            try (RawEsl trigger = new RawEsl("127.0.0.1", sim.port())) {
                trigger.send("auth ClueCon\n\n");
                trigger.send("bgapi originate {origination_uuid=98ee4925-3d8b-493a-828a-6d0601104247,station_id=s3}loopback/outbound_socket/stations &park()\n\n");
                try (RawEsl conn = new RawEsl(server.accept())) {
                    CaptureReplay.run(cap, sim, conn, true);
                    conn.awaitEof(Duration.ofSeconds(5));
                    assertNoDifferences(CaptureComparison.compare(cap.received(), conn.frames()));
                }
            }
        }
    }
}
