package org.stationd.esl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.client.CaptureReplayTest.WAIT;
import static org.stationd.esl.client.CaptureReplayTest.eventually;
import static org.stationd.esl.client.CaptureReplayTest.get;
import static org.stationd.esl.client.ScriptedPeer.commandReply;
import static org.stationd.esl.client.ScriptedPeer.plainEvent;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.dispatch.DispatchStats;
import org.stationd.esl.dispatch.EventListener;
import org.stationd.esl.dispatch.Gap;
import org.stationd.esl.event.EslEvent;

/** Events reach listeners off the event loop, in order per channel, and a slow listener costs events, never replies. */
class DispatchTest {
    private static final String STATUS = RecordedSession.load("01_auth_api.jsonl").frame(4).raw();
    private static final List<String> CHANNELS = List.of("aaaaaaaa-0000-0000-0000-000000000001",
            "bbbbbbbb-0000-0000-0000-000000000002", "cccccccc-0000-0000-0000-000000000003");

    /** auth, 'event plain ALL', then {@code events}, then answers 'api status' and 'exit'. */
    private static ScriptedEslServer.Script sending(List<String> events) {
        return (peer, n) -> {
            peer.login("ClueCon");
            peer.expect("event plain ALL\n\n");
            peer.send(commandReply("+OK event listener enabled plain"));
            peer.send(events);
            peer.expect("api status\n\n");
            peer.send(STATUS);
            peer.expect("exit\n\n");
            peer.send(commandReply("+OK bye"));
        };
    }

    /** Events of three channels interleaved, and some of no channel; sequence numbers 1..n. */
    private static List<String> interleaved(int n) {
        List<String> events = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            events.add(plainEvent(i % 10 == 0 ? "HEARTBEAT" : "CHANNEL_STATE", i % 10 == 0 ? null : CHANNELS.get(i % 3), i));
        }
        return events;
    }

    /** A listener that holds its lane on the first event until released. */
    private static final class Blocking implements EventListener {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean blocked;

        @Override
        public void onEvent(EslEvent event) {
            if (entered.getCount() > 0) {
                blocked = true;
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                blocked = false;
            }
        }
    }

    @Test
    void listenersRunOffTheEventLoopInOrderPerChannel() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventRecorder rec = new EventRecorder();
        try (ScriptedEslServer fs = ScriptedEslServer.start(61, sending(interleaved(300)));
             EslClient client = EslClient.connect(fs.options("ClueCon"), group)) {
            client.addListener(rec);
            assertTrue(get(client.events(EventFormat.PLAIN, "ALL")).isOk());
            assertTrue(get(client.api("status")).text().startsWith("UP "));
            rec.awaitEvents(300, WAIT);

            for (EventRecorder.Item item : rec.items()) {
                assertFalse(group.next().inEventLoop(item.thread()), "delivered on the event loop: " + item);
                assertTrue(item.thread().getName().contains("-dispatch-"), item.thread().getName());
            }
            Map<String, List<EslEvent>> byChannel = rec.eventsByChannel();
            assertEquals(4, byChannel.size());
            byChannel.forEach((uuid, events) -> {
                List<Long> seq = events.stream().map(EslEvent::sequence).toList();
                assertEquals(seq.stream().sorted().toList(), seq, "order of channel '" + uuid + "'");
            });
            eventually(() -> client.stats().dispatched() == 300);
            assertEquals(new DispatchStats(300, 300, 0, 0, 0), client.stats());
            assertEquals("+OK bye", get(client.exit()).replyText());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aBlockedListenerDoesNotHoldUpReplies() throws Exception {
        Blocking slow = new Blocking();
        EventRecorder rec = new EventRecorder();
        try (ScriptedEslServer fs = ScriptedEslServer.start(62, sending(interleaved(50)));
             EslClient client = EslClient.connect(fs.options("ClueCon").withDispatch(1, 1024))) {
            client.addListener(slow);
            client.addListener(rec);
            assertTrue(get(client.events(EventFormat.PLAIN, "ALL")).isOk());
            assertTrue(slow.entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));

            assertTrue(get(client.api("status")).text().startsWith("UP "), "the reply came while the listener was blocked");
            assertTrue(slow.blocked);
            assertEquals(0, rec.events().size());
            DispatchStats held = client.stats();
            assertEquals(50, held.received());
            assertEquals(49, held.queueDepth());

            slow.release.countDown();
            rec.awaitEvents(50, WAIT);
            assertEquals(0, client.stats().dropped());
            assertEquals("+OK bye", get(client.exit()).replyText());
        }
    }

    @Test
    void overflowIsCountedAndReportedAsAGapWhereTheLossWas() throws Exception {
        List<String> burst = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            burst.add(plainEvent("CHANNEL_STATE", CHANNELS.getFirst(), i));
        }
        Blocking slow = new Blocking();
        EventRecorder rec = new EventRecorder();
        ScriptedEslServer.Script withTail = (peer, n) -> {
            peer.login("ClueCon");
            peer.expect("event plain ALL\n\n");
            peer.send(commandReply("+OK event listener enabled plain"), burst.getFirst());
            peer.expect("api status\n\n");   // sent once the listener holds event 1, so the rest meets a busy lane
            peer.send(burst.subList(1, burst.size()));
            peer.send(STATUS);
            peer.expect("api version\n\n");
            peer.send(plainEvent("CHANNEL_STATE", CHANNELS.getFirst(), 21), ScriptedPeer.apiResponse("FreeSWITCH Version 1.10.12\n"));
            peer.expect("exit\n\n");
            peer.send(commandReply("+OK bye"));
        };
        try (ScriptedEslServer fs = ScriptedEslServer.start(63, withTail);
             EslClient client = EslClient.connect(fs.options("ClueCon").withDispatch(1, 2))) {
            client.addListener(slow);
            client.addListener(rec);
            assertTrue(get(client.events(EventFormat.PLAIN, "ALL")).isOk());
            assertTrue(slow.entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(get(client.api("status")).text().startsWith("UP "));   // so all 20 events were read

            // event 1 is with the listener, 2 and 3 fill the queue of 2, 4..20 are dropped
            assertEquals(new DispatchStats(20, 0, 17, 2, 0), client.stats());
            slow.release.countDown();
            rec.awaitGaps(1, WAIT);
            assertTrue(get(client.api("version")).text().startsWith("FreeSWITCH"));
            rec.awaitEvents(4, WAIT);

            List<String> seen = rec.items().stream()
                    .map(i -> i.what() instanceof EslEvent e ? String.valueOf(e.sequence()) : "gap:" + ((Gap) i.what()).reason()).toList();
            assertEquals(List.of("1", "2", "3", "gap:OVERFLOW", "21"), seen, "the gap sits where the events were lost");
            assertTrue(rec.gaps().getFirst().detail().contains("17"), rec.gaps().getFirst().detail());
            eventually(() -> client.stats().dispatched() == 4);   // counted once every listener had it
            assertEquals(new DispatchStats(21, 4, 17, 0, 0), client.stats());
            assertEquals("+OK bye", get(client.exit()).replyText());
        }
    }
}
