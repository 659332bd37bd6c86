package org.stationd.esl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.client.CaptureReplayTest.WAIT;
import static org.stationd.esl.client.CaptureReplayTest.get;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stationd.esl.session.EslConnectionClosedException;

/** A switch that stops answering (no reply, no HEARTBEAT) is probed, given up on, and reconnected to. */
class WatchdogTest {
    private static final String STATUS = RecordedSession.load("01_auth_api.jsonl").frame(4).raw();

    @Test
    void silentSwitchIsProbedThenDroppedAndReconnected() throws Exception {
        ScriptedEslServer.Script silent = (peer, n) -> {
            peer.login("ClueCon");
            peer.drainUntilClosed();   // reads the probe, never answers
        };
        ScriptedEslServer.Script healthy = (peer, n) -> {
            peer.login("ClueCon");
            String cmd;
            while ((cmd = peer.readCommand()) != null) {
                if (cmd.equals("exit\n\n")) {
                    peer.send(ScriptedPeer.commandReply("+OK bye"));
                    return;
                }
                assertEquals("api status\n\n", cmd);
                peer.send(STATUS);
            }
        };
        ConnectionRecorder conn = new ConnectionRecorder();
        try (ScriptedEslServer fs = ScriptedEslServer.start(51, silent, healthy);
             EslClient client = EslClient.connect(fs.options("ClueCon")
                     .withIdleTimeout(Duration.ofMillis(200))
                     .withCommandTimeout(Duration.ofMillis(1000)))) {
            client.addConnectionListener(conn);
            conn.await("reconnected", 1, WAIT);

            assertEquals(List.of("disconnected", "reconnected"), conn.calls().subList(0, 2));
            EslConnectionClosedException cause = assertInstanceOf(EslConnectionClosedException.class, conn.causes().getFirst());
            assertTrue(cause.getMessage().contains("stopped answering (heartbeat watchdog)"), cause.getMessage());
            assertTrue(fs.received(0).contains("api status\n\n"), "the silent switch was probed: " + fs.received(0));
            assertTrue(get(client.api("status")).text().startsWith("UP "));
            assertEquals("+OK bye", get(client.exit()).replyText());
        }
    }
}
