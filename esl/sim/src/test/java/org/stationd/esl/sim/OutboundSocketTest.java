package org.stationd.esl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.stationd.esl.codec.EslFrame;
import org.stationd.esl.event.EslEvents;
import org.stationd.esl.sim.clock.VirtualClock;
import org.stationd.esl.sim.dialplan.DialplanLoader;
import org.stationd.esl.sim.support.RawEsl;

/** The socket application: how the switch's connection to an outbound-socket server ends. */
class OutboundSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static SimSwitch start(VirtualClock clock, int port) throws Exception {
        String yaml = new String(OutboundSocketTest.class.getResourceAsStream("/org/stationd/esl/sim/sim.yaml").readAllBytes(), StandardCharsets.UTF_8)
                .replace("127.0.0.1:8084", "127.0.0.1:" + port);
        return SimSwitch.start(SimOptions.defaults().withPort(0).withClock(clock).withDialplan(DialplanLoader.parse(yaml, null)));
    }

    /** Starts an originate without waiting for it: the socket call is never answered, it would block until the timeout. */
    private static void originate(SimSwitch sim, String args) {
        sim.core().clock().run(() -> sim.core().api("originate", args, true));
    }

    private static EslFrame reply(RawEsl c, String cmd) {
        c.send(cmd + "\n\n");
        return c.await(f -> !f.isEvent(), WAIT);
    }

    @Test
    void lingerForAFewSecondsThenGoodbyeAndDestroy() throws Exception {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-11-22T06:00:00Z"));
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress()); SimSwitch sim = start(clock, server.getLocalPort())) {
            server.setSoTimeout(5000);
            String a = java.util.UUID.randomUUID().toString();
            originate(sim, "{origination_uuid=" + a + "}loopback/outbound_socket/stations &park()");
            try (RawEsl c = new RawEsl(server.accept())) {
                EslFrame data = reply(c, "connect");
                assertEquals("+OK\n", data.header("Reply-Text"));
                assertEquals("async", data.header("Socket-Mode"));
                assertEquals("full", data.header("Control"));
                assertEquals(a, EslEvents.fromConnectReply(data).variable("other_loopback_leg_uuid"));
                String b = data.header("Unique-ID");
                assertEquals("+OK Events Enabled", reply(c, "myevents").replyText());
                assertEquals("+OK will linger 5 seconds", reply(c, "linger 5").replyText());
                assertEquals(b, reply(c, "getvar uuid").replyText());
                clock.advanceMillis(40);
                c.await(f -> f.isEvent() && "CHANNEL_PARK".equals(EslEvents.parse(f).name()), WAIT);
                assertEquals("+OK", reply(c, "sendmsg\ncall-command: hangup\nhangup-cause: USER_BUSY").replyText());
                clock.advanceMillis(100);
                EslFrame linger = c.await(f -> "text/disconnect-notice".equals(f.contentType()), WAIT);
                assertEquals("linger", linger.header("Content-Disposition"));
                assertEquals("5", linger.header("Linger-Time"));
                assertTrue(sim.call(b) != null, "the session is kept while the socket lingers");
                clock.advance(Duration.ofSeconds(5));
                EslFrame bye = c.await(f -> "text/disconnect-notice".equals(f.contentType()), WAIT);
                assertEquals("disconnect", bye.header("Content-Disposition"));
                assertEquals(b, bye.header("Controlled-Session-UUID"));
                c.awaitEof(WAIT);
                // the close reaches the switch through Netty, then the destroy runs on the switch's clock
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (sim.call(b) != null && System.nanoTime() < deadline) {
                    sim.clock().drain(WAIT);
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                }
                assertEquals(null, sim.call(b), "destroyed once the socket closed");
            }
        }
    }

    @Test
    void withoutLingerTheSocketClosesAtHangup() throws Exception {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-11-22T06:00:00Z"));
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress()); SimSwitch sim = start(clock, server.getLocalPort())) {
            server.setSoTimeout(5000);
            originate(sim, "loopback/outbound_socket/stations &park()");
            try (RawEsl c = new RawEsl(server.accept())) {
                String b = reply(c, "connect").header("Unique-ID");
                clock.advanceMillis(40);
                sim.hangup(b, "NORMAL_CLEARING");
                clock.advanceMillis(100);
                EslFrame bye = c.await(f -> "text/disconnect-notice".equals(f.contentType()), WAIT);
                assertEquals("disconnect", bye.header("Content-Disposition"));
                c.awaitEof(WAIT);
            }
        }
    }

    @Test
    void unreachableServerEndsTheCall() throws Exception {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-11-22T06:00:00Z"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (SimSwitch sim = start(clock, port)) {
            // nothing listens: the socket application gives up and the extension ends, so the call does too
            var r = sim.core().clock().call(() -> sim.core().api("originate", "{originate_timeout=5}loopback/outbound_socket/stations &park()", false));
            for (int i = 0; i < 100 && !r.isDone(); i++) {
                Thread.sleep(20);            // the refused connect comes back through Netty
                clock.advanceMillis(20);
            }
            assertEquals("-ERR NORMAL_CLEARING\n", r.get(1, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void sessionsPerSecondLimit() throws Exception {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-11-22T06:00:00Z"));
        try (SimSwitch sim = SimSwitch.start(SimOptions.defaults().withPort(0).withClock(clock).withSessionsPerSecond(4))) {
            assertTrue(sim.api("originate loopback/answer_park/stations &park()").startsWith("+OK"));
            assertTrue(sim.api("originate loopback/answer_park/stations &park()").startsWith("+OK"));
            var third = sim.core().clock().call(() -> sim.core().api("originate", "loopback/answer_park/stations &park()", false));
            clock.advanceMillis(40);
            assertEquals("-ERR DESTINATION_OUT_OF_ORDER\n", third.join());
            clock.advance(Duration.ofSeconds(1));
            assertTrue(sim.api("originate loopback/answer_park/stations &park()").startsWith("+OK"));
        }
    }
}
