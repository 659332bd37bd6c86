package org.stationd.esl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.sim.support.SimHarness.named;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stationd.esl.client.ConnectionListener;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.dispatch.Gap;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.sim.channel.HangupCause;
import org.stationd.esl.sim.support.Prompts;
import org.stationd.esl.sim.support.SimHarness;

/** Each fault the simulator can inject, seen through the real client. */
class FaultScenarioTest {

    private static EslClientOptions reconnecting() {
        return EslClientOptions.of("127.0.0.1", 1, "ClueCon").withReconnect(true, Duration.ofMillis(50), Duration.ofMillis(200));
    }

    /**
     * A switch whose connection is backed up: the originate runs at once and places its call, only
     * the reply comes later than the client waits; the call's events follow, late too, in order.
     */
    @Test
    void slowRepliesComeTooLateWhileTheCommandRunsAtOnce() throws Exception {
        EslClientOptions impatient = EslClientOptions.of("127.0.0.1", 1, "ClueCon").withCommandTimeout(Duration.ofMillis(300));
        try (SimHarness h = SimHarness.start(SimOptions.defaults(), impatient)) {
            h.sim.faults().slowReplies(Duration.ofMillis(1000));
            String a = UUID.randomUUID().toString();
            var job = h.client.bgapi("originate {origination_uuid=" + a + "}loopback/answer_park/stations &park()").result();
            var late = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class, () -> job.get(5, TimeUnit.SECONDS));
            assertTrue(late.getCause() instanceof org.stationd.esl.session.EslTimeoutException, late.toString());
            assertTrue(h.sim.calls().stream().anyMatch(c -> c.uuid().equals(a)), "the switch placed the call all the same");
            h.await(named("CHANNEL_ANSWER", a));   // its events still come, a second late
            List<String> order = h.events().stream().filter(e -> a.equals(e.uniqueId())).map(EslEvent::name).toList();
            assertTrue(order.indexOf("CHANNEL_CREATE") >= 0 && order.indexOf("CHANNEL_CREATE") < order.indexOf("CHANNEL_ANSWER"), order.toString());
            h.sim.faults().slowReplies(Duration.ZERO);
            assertTrue(h.api("status").contains("UP"), "replies come in time again");
        }
    }

    @Test
    void droppedConnectionIsHealedByTheClient() throws Exception {
        try (SimHarness h = SimHarness.start(SimOptions.defaults(), reconnecting())) {
            CountDownLatch back = new CountDownLatch(1);
            h.client.addConnectionListener(new ConnectionListener() {
                @Override
                public void onConnected(boolean reconnect) {
                    if (reconnect) {
                        back.countDown();
                    }
                }
            });
            assertEquals(1, h.sim.faults().dropConnections());
            assertTrue(back.await(10, TimeUnit.SECONDS), "client reconnected");
            long deadline = System.nanoTime() + SimHarness.WAIT.toNanos();
            while (h.gaps().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(Gap.Reason.RECONNECTED, h.gaps().get(0).reason());
            // the subscription was re-applied: events flow again
            String uuid = h.sim.placeCall("5550001", "1000");
            h.await(named("CHANNEL_PARK", uuid));
        }
    }

    @Test
    void shutdownHangsUpNoticesRefusesThenComesBack() throws Exception {
        try (SimHarness h = SimHarness.start(SimOptions.defaults(), reconnecting())) {
            String coreBefore = h.sim.coreUuid();
            String a = UUID.randomUUID().toString();
            assertTrue(h.api("originate {origination_uuid=" + a + "}loopback/answer_park/stations &park()").startsWith("+OK " + a));
            CountDownLatch down = new CountDownLatch(1);
            CountDownLatch up = new CountDownLatch(1);
            h.client.addConnectionListener(new ConnectionListener() {
                @Override
                public void onConnected(boolean reconnect) {
                    up.countDown();
                }

                @Override
                public void onDisconnected(Throwable cause) {
                    down.countDown();
                }
            });
            Faults.Outage outage = h.sim.faults().shutdown(Duration.ofSeconds(3));
            h.advance(Duration.ofMillis(1100));
            outage.down().get(5, TimeUnit.SECONDS);
            h.await(named("SHUTDOWN"));
            EslEvent hangup = h.await(named("CHANNEL_HANGUP", a));
            assertEquals("SYSTEM_SHUTDOWN", hangup.header("Hangup-Cause"));
            assertTrue(down.await(5, TimeUnit.SECONDS), "the switch closed the connection");
            // while down, the port refuses connections
            assertTrue(refused(h.sim.port()), "connection refused while down");
            h.advance(Duration.ofSeconds(3));
            outage.backUp().get(5, TimeUnit.SECONDS);
            assertTrue(up.await(10, TimeUnit.SECONDS), "client reconnected once the switch was back");
            assertNotEquals(coreBefore, h.sim.coreUuid(), "a restarted switch has a new Core-UUID");
            assertTrue(h.sim.calls().isEmpty());
            assertTrue(h.api("status").startsWith("UP 0 years, 0 days, 0 hours, 0 minutes"));
        }
    }

    private static boolean refused(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void farEndHangsUpMidPrompt() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            String uuid = h.sim.placeCall("5551234", "1000");
            h.await(named("CHANNEL_PARK", uuid));
            h.api("uuid_answer " + uuid);
            h.client.sendmsg(uuid, SendMsg.execute("playback", Prompts.STATIONS + "prompt.wav").eventUuid("p")).join();
            h.advance(Duration.ofMillis(20));
            h.await(named("PLAYBACK_START", uuid));
            h.sim.faults().farEndHangsUp(uuid, Duration.ofMillis(1000), HangupCause.NORMAL_CLEARING);
            h.advance(Duration.ofMillis(1100));
            EslEvent stop = h.await(named("PLAYBACK_STOP", uuid));
            // a hang-up is not a break: the real switch says done and PLAYBACK ERROR (DifferentialTest)
            assertEquals("done", stop.header("Playback-Status"));
            assertEquals("1000", stop.variable("playback_ms"));
            EslEvent done = h.await(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && "p".equals(e.header("Application-UUID")));
            assertEquals("hangup", done.header("Answer-State"));
            assertEquals("PLAYBACK ERROR", done.header("Application-Response"));
            assertEquals("NORMAL_CLEARING", h.await(named("CHANNEL_HANGUP_COMPLETE", uuid)).header("Hangup-Cause"));
        }
    }

    @Test
    void phoneDropsAfterTenSeconds() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            // user/1005 answers after 0.5 s and hangs up 10 s later (sim.yaml)
            var job = h.client.bgapi("originate user/1005 &park()");
            job.accepted().join();   // the switch has the command before time moves
            h.advance(Duration.ofMillis(600));
            String uuid = job.result().get(5, TimeUnit.SECONDS).text().substring(4);
            h.await(named("CHANNEL_PARK", uuid));
            h.advance(Duration.ofSeconds(9));
            assertTrue(h.events(named("CHANNEL_HANGUP", uuid)).isEmpty(), "still up after 9.5 s");
            h.advance(Duration.ofSeconds(2));
            assertEquals("NORMAL_CLEARING", h.await(named("CHANNEL_HANGUP", uuid)).header("Hangup-Cause"));
        }
    }

    @Test
    void originatesThatFail() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            var never = h.client.bgapi("originate {originate_timeout=5}user/1002 &park()");
            var busy = h.client.bgapi("originate user/1003 &park()");
            var down = h.client.bgapi("originate user/1004 &park()");
            var unknown = h.client.bgapi("originate user/4242 &park()");
            var noRoute = h.client.bgapi("originate loopback/no_such_extension/stations &park()");
            var parked = h.client.bgapi("originate {originate_timeout=3}loopback/park/stations &park()");
            for (var j : List.of(never, busy, down, unknown, noRoute, parked)) {
                j.accepted().join();
            }
            h.advance(Duration.ofMillis(100));
            assertEquals("-ERR USER_BUSY", busy.result().get(5, TimeUnit.SECONDS).text());
            assertEquals("-ERR NETWORK_OUT_OF_ORDER", down.result().get(5, TimeUnit.SECONDS).text());
            assertEquals("-ERR USER_NOT_REGISTERED", unknown.result().get(5, TimeUnit.SECONDS).text());
            assertEquals("-ERR NO_ROUTE_DESTINATION", noRoute.result().get(5, TimeUnit.SECONDS).text());
            assertTrue(!never.result().isDone(), "still ringing");
            h.advance(Duration.ofSeconds(3));
            assertEquals("-ERR NO_ANSWER", parked.result().get(5, TimeUnit.SECONDS).text());
            h.advance(Duration.ofSeconds(2));
            assertEquals("-ERR NO_ANSWER", never.result().get(5, TimeUnit.SECONDS).text());
            h.advance(Duration.ofMillis(100));
            assertTrue(h.sim.calls().isEmpty(), "nothing left behind: " + h.sim.calls());
        }
    }
}
