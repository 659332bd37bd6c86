package org.stationd.esl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.client.CaptureReplayTest.WAIT;
import static org.stationd.esl.client.CaptureReplayTest.get;
import static org.stationd.esl.client.ScriptedPeer.commandReply;
import static org.stationd.esl.client.ScriptedPeer.plainEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.dispatch.Gap;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.session.BackgroundJob;
import org.stationd.esl.session.EslConnectionClosedException;

/** The connection drops: what was pending fails clearly, the client comes back and asks for the same events. */
class ReconnectTest {
    private static final String A = "5246390d-2bc4-43c1-8ee3-1eeb307b01bd";
    private static final String STATUS = RecordedSession.load("01_auth_api.jsonl").frame(4).raw();
    private static final String ORIGINATE = "originate loopback/park/stations &park()";

    /** auth, then the subscription exactly as the client must (re-)apply it: event, filter, nixevent. */
    private static void loginAndSubscriptions(ScriptedPeer peer) throws Exception {
        peer.login("ClueCon");
        peer.expect("event plain ALL\n\n");
        peer.send(commandReply("+OK event listener enabled plain"));
        peer.expect("filter Unique-ID " + A + "\n\n");
        peer.send(commandReply("+OK filter added. [Unique-ID]=[" + A + "]"));
        peer.expect("nixevent HEARTBEAT\n\n");
        peer.send(commandReply("+OK events nixed"));
    }

    @Test
    void dropFailsEverythingPendingThenReconnectsAndResubscribes() throws Exception {
        ScriptedEslServer.Script first = (peer, n) -> {
            loginAndSubscriptions(peer);
            peer.send(plainEvent("CHANNEL_CREATE", A, 1), plainEvent("CHANNEL_ANSWER", A, 2));
            String job1 = peer.expectBgapi("bgapi " + ORIGINATE + "\n\n");
            peer.send(commandReply("+OK Job-UUID: " + job1, "Job-UUID: " + job1));
            String job2 = peer.expectBgapi("bgapi status\n\n");
            peer.send(commandReply("+OK Job-UUID: " + job2, "Job-UUID: " + job2));
            peer.expect("api status\n\n");
            peer.expect("api version\n\n");
            String cut = plainEvent("CHANNEL_HANGUP", A, 3);
            peer.send(cut.substring(0, cut.length() / 2));   // and the switch is gone, mid-frame
        };
        ScriptedEslServer.Script second = (peer, n) -> {
            loginAndSubscriptions(peer);
            peer.send(plainEvent("CHANNEL_HANGUP", A, 10), plainEvent("CHANNEL_DESTROY", A, 11));
            peer.expect("api status\n\n");
            peer.send(STATUS);
            peer.expect("exit\n\n");
            peer.send(commandReply("+OK bye"));
        };
        EventRecorder rec = new EventRecorder();
        ConnectionRecorder conn = new ConnectionRecorder();
        try (ScriptedEslServer fs = ScriptedEslServer.start(41, first, second);
             EslClient client = EslClient.connect(fs.options("ClueCon"))) {
            client.addListener(rec);
            client.addConnectionListener(conn);
            assertTrue(get(client.events(EventFormat.PLAIN, "ALL")).isOk());
            assertTrue(get(client.filter("Unique-ID", A)).isOk());
            assertTrue(get(client.nixevent("HEARTBEAT")).isOk());
            rec.awaitEvents(2, WAIT);

            BackgroundJob originate = client.bgapi(ORIGINATE);
            assertTrue(get(originate.accepted()).isOk());
            BackgroundJob status = client.bgapi("status");
            assertTrue(get(status.accepted()).isOk());
            List<CompletableFuture<?>> pending = new ArrayList<>(List.of(
                    client.api("status"), client.api("version"), originate.result(), status.result()));

            for (CompletableFuture<?> f : pending) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> get(f));
                EslConnectionClosedException closed = assertInstanceOf(EslConnectionClosedException.class, e.getCause());
                assertTrue(closed.getMessage().startsWith("connection to /127.0.0.1:" + fs.port() + " closed"), closed.getMessage());
            }
            assertTrue(assertThrows(ExecutionException.class, () -> get(originate.result()))
                    .getCause().getMessage().contains("'" + ORIGINATE + "' (" + originate.jobUuid() + ")"), "the job's error names the job");

            conn.await("reconnected", 1, WAIT);
            rec.awaitEvents(4, WAIT);
            assertTrue(get(client.api("status")).text().startsWith("UP "));
            assertEquals("+OK bye", get(client.exit()).replyText());

            assertEquals(List.of("disconnected", "reconnected"), conn.calls().subList(0, 2));
            assertEquals(List.of("auth ClueCon\n\n", "event plain ALL\n\n", "filter Unique-ID " + A + "\n\n", "nixevent HEARTBEAT\n\n"),
                    fs.received(1).subList(0, 4), "subscriptions re-applied in order");

            // on the lane of channel A: the old events, the gap, then the new connection's events
            Thread laneOfA = rec.items().stream().filter(i -> i.what() instanceof EslEvent).findFirst().orElseThrow().thread();
            List<String> lane = rec.items().stream().filter(i -> i.thread() == laneOfA)
                    .map(i -> i.what() instanceof EslEvent e ? e.name() : "gap:" + ((Gap) i.what()).reason()).toList();
            assertEquals(List.of("CHANNEL_CREATE", "CHANNEL_ANSWER", "gap:RECONNECTED", "CHANNEL_HANGUP", "CHANNEL_DESTROY"), lane);
            assertEquals(List.of("10", "11"), rec.events().subList(2, 4).stream().map(e -> e.header("Event-Sequence")).toList(),
                    "nothing of the half-sent frame was delivered");
        }
    }

    @Test
    void switchShutdownThenComesBack_09() throws Exception {
        RecordedSession cap = RecordedSession.load("09_fs_restart.jsonl");
        ScriptedEslServer.Script restarted = (peer, n) -> {
            peer.login("ClueCon");
            peer.expect("event plain ALL\n\n");
            peer.send(commandReply("+OK event listener enabled plain"), plainEvent("HEARTBEAT", null, 999_999));
            peer.expect("exit\n\n");
            peer.send(commandReply("+OK bye"));
        };
        EventRecorder rec = new EventRecorder();
        ConnectionRecorder conn = new ConnectionRecorder();
        try (ScriptedEslServer fs = ScriptedEslServer.start(43, ScriptedEslServer.replaying(cap), restarted);
             EslClient client = EslClient.connect(fs.options("ClueCon").withDispatch(1, 1024))) {
            client.addListener(rec);
            client.addConnectionListener(conn);
            assertTrue(get(client.events(EventFormat.PLAIN, "ALL")).isOk());
            assertEquals("+OK f12e2933-1f03-40b9-ac57-2857d55713e8", get(client.api(CaptureReplayTest.apiArgument(cap.frame(5)))).text());
            assertEquals("+OK", get(client.api("fsctl shutdown")).text());
            conn.await("reconnected", 1, WAIT);
            rec.awaitEvents(cap.events().size() + 1, WAIT);
            assertEquals("+OK bye", get(client.exit()).replyText());

            List<String> tail = rec.items().subList(rec.items().size() - 3, rec.items().size()).stream()
                    .map(i -> i.what() instanceof EslEvent e ? e.name() : "gap:" + ((Gap) i.what()).reason()).toList();
            assertEquals(List.of("MODULE_UNLOAD", "gap:RECONNECTED", "HEARTBEAT"), tail,
                    "the event after the shutdown notice is delivered, then the gap, then the new connection's events");
            assertEquals(cap.events().size(), rec.events().size() - 1);
            assertEquals(List.of("disconnected", "reconnected"), conn.calls().subList(0, 2));
        }
    }

    @Test
    void closeDuringAReconnectLeavesNoConnectionBehind() throws Exception {
        CountDownLatch authSent = new CountDownLatch(1);
        CountDownLatch clientClosed = new CountDownLatch(1);
        ScriptedEslServer.Script drops = (peer, n) -> peer.login("ClueCon");
        ScriptedEslServer.Script slowLogin = (peer, n) -> {
            peer.send(ScriptedPeer.AUTH_REQUEST);
            peer.expect("auth ClueCon\n\n");
            authSent.countDown();
            assertTrue(clientClosed.await(10, TimeUnit.SECONDS));
            peer.send(commandReply("+OK accepted"));
            peer.expectEof();   // the client must hang up, not keep a connection nobody owns
        };
        EventLoopGroup shared = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (ScriptedEslServer fs = ScriptedEslServer.start(44, drops, slowLogin)) {
            EslClient client = EslClient.connect(fs.options("ClueCon"), shared);
            assertTrue(authSent.await(10, TimeUnit.SECONDS));
            client.close();
            clientClosed.countDown();
            fs.awaitScripts(2, WAIT);
        } finally {
            shared.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void refusedPasswordOnReconnectStopsRetrying() throws Exception {
        ScriptedEslServer.Script first = (peer, n) -> {
            peer.login("ClueCon");
            peer.expect("api status\n\n");
            peer.send(STATUS);
        };
        ScriptedEslServer.Script refused = ScriptedEslServer.replaying(RecordedSession.load("02_auth_fail.jsonl")
                .map(s -> s.replace("auth WrongPassword", "auth ClueCon")));   // the password was changed on the switch
        ConnectionRecorder conn = new ConnectionRecorder();
        try (ScriptedEslServer fs = ScriptedEslServer.start(42, first, refused);
             EslClient client = EslClient.connect(fs.options("ClueCon"))) {
            client.addConnectionListener(conn);
            assertTrue(get(client.api("status")).text().startsWith("UP "));
            conn.await("disconnected", 1, WAIT);
            fs.awaitScripts(2, WAIT);
            conn.await("gave up", 1, WAIT);   // nothing is scheduled after this
            assertEquals(2, fs.connections(), "a refused password is not retried");
            assertEquals(List.of("disconnected", "gave up"), conn.calls());
        }
    }
}
