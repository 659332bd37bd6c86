package org.stationd.esl.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stationd.esl.client.EventRecorder;
import org.stationd.esl.client.RecordedSession;
import org.stationd.esl.client.ScriptedPeer;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.event.EslEvent;

/**
 * EslOutboundServer against capture 06: the test plays FreeSWITCH's {@code socket} application,
 * connecting to the server and answering its commands with the recorded frames.
 */
class OutboundServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RecordedSession CAP = RecordedSession.load("06_outbound_socket.jsonl");
    private static final String CALL = "942b3b49-a921-4731-a33c-8ffcc894147d";
    private static final String ANSWER_ID = "233b2f06-8a83-433d-8035-3e2a7b2c802a";
    private static final String PLAYBACK_ID = "43e82951-d782-4e34-87dc-d818e86fc7d8";
    private static final String WAV = "/usr/local/freeswitch/share/freeswitch/sounds/stations/hello.wav";

    /** What the handler saw of one call. */
    static final class Call {
        final EventRecorder events = new EventRecorder();
        final List<String> notices = new CopyOnWriteArrayList<>();
        final List<String> replies = new CopyOnWriteArrayList<>();
        final CompletableFuture<OutboundSession> done = new CompletableFuture<>();
        volatile OutboundSession session;
    }

    /**
     * The recorded client's steps: myevents, linger, answer, play, hang up, each app awaited by its
     * Application-UUID; on the linger notice it says exit (and waits for the reply, off the event loop).
     */
    private static OutboundHandler handler(Map<String, Call> calls) {
        return s -> {
            Call call = calls.computeIfAbsent(s.uuid(), k -> new Call());
            call.session = s;
            try {
                s.addListener(call.events);
                s.onDisconnectNotice(disposition -> {
                    call.notices.add(disposition);
                    if (disposition.equals("linger")) {
                        call.replies.add(s.exit().join().replyText());
                    }
                });
                call.replies.add(s.myevents().join().replyText());
                call.replies.add(s.linger().join().replyText());
                call.replies.add(s.execute(SendMsg.execute("answer").eventUuid(ANSWER_ID)).join().replyText());
                call.events.awaitEvent(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && ANSWER_ID.equals(e.header("Application-UUID")), WAIT);
                call.replies.add(s.execute(SendMsg.execute("playback", WAV).eventUuid(PLAYBACK_ID)).join().replyText());
                call.events.awaitEvent(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && PLAYBACK_ID.equals(e.header("Application-UUID")), WAIT);
                call.replies.add(s.hangup("NORMAL_CLEARING").join().replyText());
                call.done.complete(s);
            } catch (Throwable t) {
                call.done.completeExceptionally(t);
            }
        };
    }

    /** Plays FreeSWITCH's side of one call; returns when the recorded session has ended (socket closed). */
    private static void playFreeSwitch(int port, RecordedSession cap, long seed) throws Exception {
        try (ScriptedPeer fs = new ScriptedPeer(new Socket(InetAddress.getLoopbackAddress(), port), new Random(seed))) {
            fs.replay(cap);
        }
    }

    private static void assertCall(Call call, String uuid, RecordedSession cap) throws Exception {
        OutboundSession s = call.done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        s.closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(List.of("linger", "disconnect"), call.notices);
        assertEquals(List.of("+OK Events Enabled", "+OK will linger", "+OK", "+OK", "+OK", "+OK bye"), call.replies);
        assertTrue(!s.isOpen());

        EslEvent data = s.channelData();
        assertEquals(uuid, s.uuid());
        assertEquals("CHANNEL_DATA", data.name());
        assertEquals("loopback/outbound_socket-b", data.header("Channel-Name"));
        assertEquals("Outbound Call", data.header("Caller-Callee-ID-Name"), "URL-decoded");
        assertEquals("127.0.0.1:8084 async full", data.variable("current_application_data"));
        assertEquals("s3", data.variable("station_id"));
        assertEquals("+OK\n", data.header("Reply-Text"));
        assertEquals("async", data.header("Socket-Mode"));

        List<String> want = new ArrayList<>();
        cap.events().forEach(f -> want.add(f.expected().name() + "#" + f.expected().sequence()));
        List<String> got = call.events.events().stream().map(e -> e.name() + "#" + e.header("Event-Sequence")).toList();
        assertEquals(want, got, "all events, in order");
        assertTrue(call.events.events().stream().allMatch(e -> uuid.equals(e.uniqueId())));
    }

    @Test
    void replaysTheRecordedCall_06() throws Exception {
        Map<String, Call> calls = new ConcurrentHashMap<>();
        try (EslOutboundServer server = EslOutboundServer.start("127.0.0.1", 0, handler(calls), WAIT)) {
            playFreeSwitch(server.port(), CAP, 6);
            assertCall(calls.get(CALL), CALL, CAP);
        }
    }

    @Test
    void twoConcurrentCallsAreIndependent() throws Exception {
        String other = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
        RecordedSession otherCap = CAP.map(s -> s.replace(CALL, other));
        Map<String, Call> calls = new ConcurrentHashMap<>();
        try (EslOutboundServer server = EslOutboundServer.start("127.0.0.1", 0, handler(calls), WAIT)) {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> play(server.port(), CAP, 61));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> play(server.port(), otherCap, 62));
            CompletableFuture.allOf(first, second).get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
            assertEquals(2, calls.size());
            assertCall(calls.get(CALL), CALL, CAP);
            assertCall(calls.get(other), other, otherCap);
        }
    }

    private static void play(int port, RecordedSession cap, long seed) {
        try {
            playFreeSwitch(port, cap, seed);
        } catch (Exception e) {
            throw new AssertionError("playing FreeSWITCH for " + cap, e);
        }
    }
}
