package org.stationd.esl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stationd.esl.codec.EslFrame;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.event.EslEvents;
import org.stationd.esl.sim.clock.VirtualClock;
import org.stationd.esl.sim.support.RawEsl;

/** mod_event_socket's command handling, reply by reply, on a raw socket. */
class SocketCommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private VirtualClock clock;
    private SimSwitch sim;
    private RawEsl c;

    @BeforeEach
    void start() throws Exception {
        clock = new VirtualClock(Instant.parse("2026-11-22T06:00:00Z"));
        sim = SimSwitch.start(SimOptions.defaults().withPort(0).withClock(clock).withUser("1000@default", "secret"));
        c = new RawEsl("127.0.0.1", sim.port());
        assertEquals("auth/request", c.next(WAIT).contentType());
    }

    @AfterEach
    void stop() throws Exception {
        c.close();
        sim.close();
    }

    /** Sends a command and returns its reply, skipping events. */
    private EslFrame cmd(String line) {
        c.send(line + "\n\n");
        return c.await(f -> !f.isEvent(), WAIT);
    }

    private String reply(String line) {
        return cmd(line).replyText();
    }

    private EslEvent nextEvent(String name) {
        return EslEvents.parse(c.await(f -> f.isEvent() && name.equals(EslEvents.parse(f).name()), WAIT));
    }

    @Test
    void beforeAuthOnlyAuthAndExitWork() {
        assertEquals("-ERR command not found", reply("api status"));
        assertEquals("+OK accepted", reply("auth ClueCon"));
        assertEquals("api/response", cmd("api status").contentType());
    }

    @Test
    void userauth() throws Exception {
        EslFrame ok = cmd("userauth 1000@default:secret");
        assertEquals("+OK accepted", ok.replyText());
        assertEquals("all", ok.header("Allowed-Events"));
        try (RawEsl other = new RawEsl("127.0.0.1", sim.port())) {
            other.next(WAIT);
            other.send("userauth 1000@default:wrong\n\n");
            assertEquals("-ERR invalid", other.next(WAIT).replyText());
            assertEquals("text/disconnect-notice", other.next(WAIT).contentType());
            other.awaitEof(WAIT);
        }
    }

    @Test
    void eventSubscriptionsNixeventAndTheCustomQuirk() {
        reply("auth ClueCon");
        assertEquals("-ERR no keywords supplied", reply("event plain"));
        assertEquals("-ERR no keywords supplied", reply("event plain NOT_AN_EVENT"));
        assertEquals("+OK event listener enabled json", reply("event json ALL"));
        assertEquals("+OK event listener enabled plain", reply("event plain CHANNEL_CREATE"));
        assertEquals("+OK events nixed", reply("nixevent CHANNEL_CREATE"));
        // after nixevent the ALL flag is gone: a CUSTOM event needs its subclass named again
        reply("sendevent CUSTOM\nEvent-Subclass: station::test\nx: 1");
        reply("sendevent HEARTBEAT\nx: 2");
        EslEvent hb = nextEvent("HEARTBEAT");
        assertEquals("2", hb.header("x"));
        assertEquals("+OK event listener enabled plain", reply("event plain CUSTOM station::test"));
        reply("sendevent CUSTOM\nEvent-Subclass: station::test\nx: 3");
        EslEvent custom = nextEvent("CUSTOM");
        assertEquals("3", custom.header("x"), "the first CUSTOM event was not delivered");
        assertEquals("sendevent CUSTOM", custom.header("Command"));
        assertNotNull(custom.header("Event-UUID"));
        assertEquals("+OK no longer listening for events", reply("noevents"));
        assertEquals("-ERR not listening for events", reply("noevents"));
    }

    @Test
    void sendeventRepliesWithItsEventUuidAndCarriesTheBody() {
        reply("auth ClueCon");
        reply("event json CUSTOM station::news");
        c.send("sendevent CUSTOM\nEvent-Subclass: station::news\nContent-Length: 5\n\nhello");
        EslFrame r = c.await(f -> !f.isEvent(), WAIT);
        assertTrue(r.replyText().startsWith("+OK "));
        EslEvent e = nextEvent("CUSTOM");
        assertEquals("hello", e.body());
        assertEquals(r.replyText().substring(4), e.header("Event-UUID"));
    }

    @Test
    void filtersAddDeleteRegexAndNegative() {
        reply("auth ClueCon");
        reply("event plain CUSTOM a::b");
        assertEquals("-ERR invalid syntax", reply("filter Unique-ID"));
        assertEquals("+OK filter added. [x]=[/^keep/]", reply("filter x /^keep/"));
        assertEquals("+OK filter added. [y]=[-drop]", reply("filter y -drop"));
        reply("sendevent CUSTOM\nEvent-Subclass: a::b\nx: nope\nn: 1");
        reply("sendevent CUSTOM\nEvent-Subclass: a::b\nx: keep-me\ny: drop\nn: 2");
        reply("sendevent CUSTOM\nEvent-Subclass: a::b\nx: keep-me\ny: fine\nn: 3");
        assertEquals("3", nextEvent("CUSTOM").header("n"));
        assertEquals("+OK filter deleted. [y][-drop]", reply("filter delete y -drop"));
        assertEquals("+OK filter deleted. [all][]", reply("filter delete all"));
        assertEquals("-ERR invalid syntax", reply("filter delete"));
        assertEquals("-ERR command not found", reply("filter"));
    }

    @Test
    void sessionOnlyCommandsInInboundMode() {
        reply("auth ClueCon");
        assertEquals("-ERR not controlling a session", reply("linger"));
        assertEquals("-ERR not controlling a session", reply("nolinger"));
        assertEquals("-ERR not controlling a session.", reply("divert_events on"));
        assertEquals("+OK log level debug [7]", reply("log debug"));
        assertEquals("+OK log level  [7]", reply("log"));
        assertEquals("-ERR invalid log level", reply("log loud"));
        assertEquals("+OK no longer logging", reply("nolog"));
        assertEquals("-ERR not loging", reply("nolog"));
        assertEquals("-ERR command not found", reply("api"));
        assertEquals("-ERR command not found", reply("hello there"));
        assertEquals("-ERR invalid session id [nope]", reply("sendmsg nope\ncall-command: hangup"));
    }

    @Test
    void bgapiUsesTheClientsJobUuidAndOnlySubscribersGetTheResult() {
        reply("auth ClueCon");
        EslFrame r = cmd("bgapi status\nJob-UUID: my-job-1");
        assertEquals("+OK Job-UUID: my-job-1", r.replyText());
        assertEquals("my-job-1", r.header("Job-UUID"));
        reply("event plain BACKGROUND_JOB");
        cmd("bgapi version\nJob-UUID: my-job-2");
        EslEvent job = nextEvent("BACKGROUND_JOB");
        assertEquals("my-job-2", job.header("Job-UUID"), "my-job-1 finished before we subscribed");
        assertTrue(job.body().startsWith("FreeSWITCH Version 1.10.12-release"));
        cmd("bgapi no_such_thing");
        assertEquals("-ERR no_such_thing Command not found!\n", nextEvent("BACKGROUND_JOB").body());
    }

    @Test
    void myeventsForOneChannel() {
        reply("auth ClueCon");
        String a = sim.placeCall("5550001", "1000");
        String b = sim.placeCall("5550002", "1000");
        assertEquals("+OK Events Enabled", reply("myevents " + a));
        assertEquals("-ERR aready enabled.", reply("myevents " + a));
        cmd("api uuid_answer " + b);
        cmd("api uuid_answer " + a);
        EslEvent e = nextEvent("CHANNEL_ANSWER");
        assertEquals(a, e.uniqueId());
    }

    @Test
    void heartbeatEveryTwentySecondsOfSwitchTime() {
        reply("auth ClueCon");
        reply("event plain HEARTBEAT RE_SCHEDULE");
        clock.advance(Duration.ofSeconds(19));
        assertNull(c.next(Duration.ofMillis(200)));
        clock.advance(Duration.ofSeconds(1));
        EslEvent hb = nextEvent("HEARTBEAT");
        assertEquals("System Ready", hb.header("Event-Info"));
        assertEquals("20000", hb.header("Uptime-msec"));
        assertEquals("heartbeat", nextEvent("RE_SCHEDULE").header("Task-Desc"));
    }

    @Test
    void exitSaysGoodbye() {
        reply("auth ClueCon");
        assertEquals("+OK bye", reply("exit"));
        EslFrame notice = c.next(WAIT);
        assertEquals("text/disconnect-notice", notice.contentType());
        assertEquals("Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n", notice.bodyText());
        c.awaitEof(WAIT);
        // the server forgets the connection when its close completes, a moment after the client sees EOF
        long end = System.nanoTime() + 5_000_000_000L;
        while (sim.connectionCount() > 0 && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        assertFalse(sim.connectionCount() > 0);
    }
}
