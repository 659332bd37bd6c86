package org.stationd.esl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.sim.support.SimHarness.named;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.sim.support.Prompts;
import org.stationd.esl.sim.support.SimHarness;

/** Dialplan applications run through sendmsg and api commands, over the real client. */
class ApplicationsTest {

    private static String answeredCall(SimHarness h) {
        String uuid = h.sim.placeCall("5551234", "1000");
        h.await(named("CHANNEL_PARK", uuid));
        h.api("uuid_answer " + uuid);
        h.await(named("CHANNEL_ANSWER", uuid));
        return uuid;
    }

    private static List<String> apps(SimHarness h, String uuid, String event) {
        return h.events(named(event, uuid)).stream().map(e -> e.header("Application")).toList();
    }

    @Test
    void missingFileIsFileNotFoundWithoutPlaybackEvents() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            String uuid = answeredCall(h);
            h.client.sendmsg(uuid, SendMsg.execute("playback", "/nowhere/missing.wav").eventUuid("m")).join();
            h.advance(Duration.ofMillis(40));
            EslEvent done = h.await(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && "m".equals(e.header("Application-UUID")));
            assertEquals("FILE NOT FOUND", done.header("Application-Response"));   // as the real switch (DifferentialTest)
            assertTrue(h.events(named("PLAYBACK_START", uuid)).isEmpty());
        }
    }

    @Test
    void withoutEventLockASecondPlaybackRunsInsideTheFirstWithItQueues() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            String uuid = answeredCall(h);
            String hello = Prompts.STATIONS + "hello.wav";       // 2.46 s
            String bye = Prompts.STATIONS + "goodbye.wav";       // 0.82 s
            h.client.sendmsg(uuid, SendMsg.execute("playback", hello).eventUuid("outer")).join();
            h.advance(Duration.ofMillis(500));
            h.client.sendmsg(uuid, SendMsg.execute("playback", bye).eventUuid("inner")).join();
            h.advance(Duration.ofMillis(900));
            // the inner one finished while the outer one waited
            EslEvent inner = h.await(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && "inner".equals(e.header("Application-UUID")));
            assertEquals("FILE PLAYED", inner.header("Application-Response"));
            assertTrue(h.events(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && "outer".equals(e.header("Application-UUID"))).isEmpty());
            h.advance(Duration.ofSeconds(3));
            h.await(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && "outer".equals(e.header("Application-UUID")));

            // with event-lock the second waits its turn
            h.client.sendmsg(uuid, SendMsg.execute("playback", hello).eventUuid("first")).join();
            h.advance(Duration.ofMillis(100));
            h.client.sendmsg(uuid, SendMsg.execute("playback", bye).eventUuid("second").eventLock(true)).join();
            h.advance(Duration.ofSeconds(2));
            assertTrue(h.events(e -> e.is("CHANNEL_EXECUTE") && "second".equals(e.header("Application-UUID"))).isEmpty());
            h.advance(Duration.ofSeconds(2));
            List<String> order = h.events(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && e.header("Application-UUID") != null
                    && List.of("first", "second").contains(e.header("Application-UUID"))).stream().map(e -> e.header("Application-UUID")).toList();
            assertEquals(List.of("first", "second"), order);
        }
    }

    @Test
    void loopsRepeatTheApplication() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            String uuid = answeredCall(h);
            h.client.sendmsg(uuid, SendMsg.execute("playback", "tone_stream://%(100,100,440)").eventUuid("l").loops(3)).join();
            h.advance(Duration.ofSeconds(1));
            List<EslEvent> runs = h.events(e -> e.is("CHANNEL_EXECUTE") && "l".equals(e.header("Application-UUID")));
            assertEquals(List.of("1", "2", "3"), runs.stream().map(e -> e.variable("current_loop")).toList());
            assertEquals(1, h.events(named("PRIVATE_COMMAND", uuid)).size(), "one PRIVATE_COMMAND for the message");
        }
    }

    @Test
    void broadcastTransferAndVariables() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            String uuid = answeredCall(h);
            assertEquals("+OK\n", h.api("uuid_setvar " + uuid + " show_name Morning Jazz"));
            assertEquals("Morning Jazz", h.api("uuid_getvar " + uuid + " show_name"));
            assertEquals("_undef_", h.api("uuid_getvar " + uuid + " nothing_here"));
            assertEquals("true", h.api("uuid_exists " + uuid));
            assertEquals("+OK Message queued\n", h.api("uuid_broadcast " + uuid + " " + Prompts.STATIONS + "goodbye.wav aleg"));
            h.advance(Duration.ofSeconds(1));
            EslEvent played = h.await(named("PLAYBACK_STOP", uuid));
            assertTrue(played.header("Playback-File-Path").endsWith("goodbye.wav"));
            assertTrue(h.events(named("PRIVATE_COMMAND", uuid)).isEmpty(), "a broadcast is not a socket command");

            assertEquals("+OK\n", h.api("uuid_transfer " + uuid + " echo XML stations"));
            h.advance(Duration.ofMillis(100));
            assertEquals(List.of("park", "answer", "echo"), apps(h, uuid, "CHANNEL_EXECUTE").stream().filter(a -> !a.equals("playback")).toList());
            assertEquals("echo", h.sim.call(uuid).application());
            assertEquals("-ERR No such channel!\n", h.api("uuid_transfer 1234 echo"));
        }
    }

    @Test
    void showChannelsAndCalls() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            assertEquals("{\"row_count\": 0}\n", h.api("show channels as json"));
            assertEquals("\n0 total.\n", h.api("show channels count"));
            String a = answeredCall(h);
            String b = answeredCall(h);
            h.api("uuid_bridge " + a + " " + b);
            h.settle();
            String channels = h.api("show channels as json");
            assertTrue(channels.startsWith("{\"row_count\":2,\"rows\":[{\"uuid\":\""), channels);
            String calls = h.api("show calls");
            assertTrue(calls.contains(a) && calls.contains(b) && calls.endsWith("\n\n1 total.\n"), calls);
            assertTrue(h.api("show channels as xml").startsWith("<result row_count=\"2\">"));
            assertTrue(h.api("hupall NORMAL_CLEARING").startsWith("+OK"));
            h.advance(Duration.ofMillis(100));
            assertEquals("{\"row_count\": 0}\n", h.api("show channels as json"));
        }
    }

    @Test
    void xmlAndJsonEventsReachTheClient() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            h.client.events(EventFormat.XML, "CHANNEL_PARK").join();
            String uuid = h.sim.placeCall("5557777", "1000");
            EslEvent park = h.await(named("CHANNEL_PARK", uuid));
            assertEquals(EslEvent.Format.XML, park.format());
            assertEquals("5557777", park.header("Caller-Caller-ID-Number"));
            h.client.events(EventFormat.JSON, "CHANNEL_ANSWER").join();
            h.api("uuid_answer " + uuid);
            EslEvent answer = h.await(named("CHANNEL_ANSWER", uuid));
            assertEquals(EslEvent.Format.JSON, answer.format());
            assertEquals("answered", answer.header("Answer-State"));
        }
    }

    @Test
    void dtmfThroughLoopbackAndPlaybackTerminators() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            String a = java.util.UUID.randomUUID().toString();
            assertTrue(h.api("originate {origination_uuid=" + a + "}loopback/answer_park/stations &park()").startsWith("+OK"));
            EslEvent bPark = h.await(e -> e.is("CHANNEL_PARK") && a.equals(e.variable("other_loopback_leg_uuid")));
            String b = bPark.uniqueId();
            h.api("uuid_setvar " + b + " playback_terminators #");
            h.client.sendmsg(b, SendMsg.execute("playback", Prompts.STATIONS + "prompt.wav").eventUuid("t")).join();
            h.advance(Duration.ofMillis(500));
            assertEquals("+OK " + a + " sent DTMF 1#.\n", h.api("uuid_send_dtmf " + a + " 1#"));
            h.advance(Duration.ofMillis(100));
            List<EslEvent> dtmf = h.events(named("DTMF", b));
            assertEquals(List.of("1", "#"), dtmf.stream().map(e -> e.header("DTMF-Digit")).toList());
            assertEquals("UNKNOWN", dtmf.get(0).header("DTMF-Source"));
            EslEvent stop = h.await(named("PLAYBACK_STOP", b));
            assertEquals("break", stop.header("Playback-Status"));
            assertEquals("#", stop.variable("playback_terminator_used"));
            assertEquals("-ERR no such session\n", h.api("uuid_send_dtmf 00000000-0000-0000-0000-000000000000 1"));
        }
    }

    /** module_exists answers as mod_commands does: the bundled switch has no TTS engine and no mod_sms; a default simulator speaks. */
    @Test
    void moduleExistsAnswersForTheModulesTheSwitchHas() throws Exception {
        try (SimHarness h = SimHarness.start(org.stationd.esl.sim.SimOptions.defaults().withDialplan(org.stationd.esl.sim.dialplan.Dialplan.bundledStations()),
                org.stationd.esl.client.EslClientOptions.of("127.0.0.1", 1, "ClueCon"))) {
            assertEquals("true", h.api("module_exists mod_conference"));
            assertEquals("true", h.api("module_exists mod_loopback"));
            assertEquals("false", h.api("module_exists mod_flite"));
            assertEquals("false", h.api("module_exists mod_sms"));
            assertEquals("false", h.api("module_exists mod_nonsense"));
        }
        try (SimHarness h = SimHarness.start()) {
            assertEquals("true", h.api("module_exists mod_flite"));
        }
    }
}
