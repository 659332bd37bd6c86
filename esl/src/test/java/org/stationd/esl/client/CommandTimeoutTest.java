package org.stationd.esl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.client.CaptureReplayTest.get;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.session.ApiResponse;
import org.stationd.esl.session.CommandReply;
import org.stationd.esl.session.EslTimeoutException;

/** A command FreeSWITCH does not answer in time fails alone; its late reply is not handed to the next command. */
class CommandTimeoutTest {
    private static final String STATUS = RecordedSession.load("01_auth_api.jsonl").frame(4).raw();

    @Test
    void lateApiReplyIsNotTakenForTheNextCommand() throws Exception {
        ScriptedEslServer.Script script = (peer, n) -> {
            peer.login("ClueCon");
            peer.expect("api originate loopback/park/stations &park()\n\n");   // no answer yet
            peer.expect("api status\n\n");                                    // sent after the first timed out
            peer.send(ScriptedPeer.apiResponse("+OK late-originate\n"), STATUS);
            peer.expect("exit\n\n");
            peer.send(ScriptedPeer.commandReply("+OK bye"));
        };
        try (ScriptedEslServer fs = ScriptedEslServer.start(31, script);
             EslClient client = EslClient.connect(fs.options("ClueCon").withCommandTimeout(Duration.ofMillis(400)))) {
            CompletableFuture<ApiResponse> slow = client.api("originate loopback/park/stations &park()");
            ExecutionException e = assertThrows(ExecutionException.class, () -> get(slow));
            assertInstanceOf(EslTimeoutException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("originate") && e.getCause().getMessage().contains("400 ms"), e.getCause().getMessage());

            ApiResponse status = get(client.api("status"));
            assertEquals(RecordedSession.load("01_auth_api.jsonl").frame(4).body(), status.body(), "status gets its own reply, not the late one");
            assertTrue(client.isConnected());
            assertEquals("+OK bye", get(client.exit()).replyText());
        }
    }

    @Test
    void lateCommandReplyIsNotTakenForTheNextCommand() throws Exception {
        // had the timed-out slot been dropped, the command/reply would meet 'api status' and the session would close
        ScriptedEslServer.Script script = (peer, n) -> {
            peer.login("ClueCon");
            peer.expect("event plain ALL\n\n");
            peer.expect("api status\n\n");
            peer.send(ScriptedPeer.commandReply("+OK event listener enabled plain"), STATUS);
            peer.expect("event plain CHANNEL_ANSWER\n\n");
            peer.send(ScriptedPeer.commandReply("+OK event listener enabled plain"));
            peer.expect("exit\n\n");
            peer.send(ScriptedPeer.commandReply("+OK bye"));
        };
        try (ScriptedEslServer fs = ScriptedEslServer.start(32, script);
             EslClient client = EslClient.connect(fs.options("ClueCon").withCommandTimeout(Duration.ofMillis(400)))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> get(client.events(EventFormat.PLAIN, "ALL")));
            assertInstanceOf(EslTimeoutException.class, e.getCause());
            assertTrue(get(client.api("status")).text().startsWith("UP "));
            CommandReply next = get(client.events(EventFormat.PLAIN, "CHANNEL_ANSWER"));
            assertEquals("+OK event listener enabled plain", next.replyText());
            assertEquals("+OK bye", get(client.exit()).replyText());
        }
    }
}
