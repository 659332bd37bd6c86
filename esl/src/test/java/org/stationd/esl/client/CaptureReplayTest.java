package org.stationd.esl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stationd.esl.command.EslCommands;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.session.ApiResponse;
import org.stationd.esl.session.BackgroundJob;
import org.stationd.esl.session.CommandReply;

/**
 * The inbound client against real FreeSWITCH transcripts: a {@link ScriptedEslServer} replays each
 * capture (writes cut at random, seeded) and checks every command the client sends against the
 * recorded one.
 */
class CaptureReplayTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void authApiAndExit_01() throws Exception {
        RecordedSession cap = RecordedSession.load("01_auth_api.jsonl");
        String leg = "ab74a6ab-1239-436c-b280-da75051de931";
        try (ScriptedEslServer fs = ScriptedEslServer.start(1, ScriptedEslServer.replaying(cap));
             EslClient client = EslClient.connect(fs.options("ClueCon"))) {
            ConnectionRecorder conn = new ConnectionRecorder();
            client.addConnectionListener(conn);
            assertTrue(client.isConnected());

            ApiResponse status = get(client.api("status"));
            assertEquals(cap.frame(4).body(), status.body());
            assertTrue(status.text().startsWith("UP 0 years"), status.text());
            assertFalse(status.isError());

            ApiResponse ip = get(client.api("global_getvar local_ip_v4"));
            assertEquals("127.0.0.1", ip.body(), "no trailing newline in this one");

            ApiResponse unknown = get(client.api("not_a_command"));
            assertTrue(unknown.isError());
            assertEquals("not_a_command Command not found!", unknown.errorText());

            assertEquals(0, JSON.readTree(get(client.api("show channels as json")).body()).get("row_count").asInt());
            ApiResponse originate = get(client.api(apiArgument(cap.frame(11))));
            assertEquals("+OK " + leg, originate.text());

            JsonNode channels = JSON.readTree(get(client.api("show channels as json")).body());
            assertEquals(2, channels.get("row_count").asInt());
            assertEquals(leg, channels.get("rows").get(0).get("uuid").asText());

            assertEquals("+OK", get(client.api("uuid_kill " + leg)).text());
            assertEquals("{\"row_count\": 0}\n", get(client.api("show channels as json")).body());

            CommandReply bye = get(client.exit());
            assertEquals("+OK bye", bye.replyText());
            assertTrue(bye.isOk());
            conn.await("disconnected", 1, WAIT);
            fs.awaitScripts(1, WAIT);
            assertFalse(client.isConnected());
            assertEquals(List.of("disconnected"), conn.calls(), "exit is a goodbye: no reconnect");
            assertEquals(cap.sends(), fs.received(0));
        }
    }

    @Test
    void plainEventsBgapiSendmsgDtmf_03() throws Exception {
        RecordedSession cap = RecordedSession.load("03_station_playback_plain.jsonl");
        String a = "6d7c7ede-358c-4cef-9d78-5d2c6efdaf9c";
        String b = "85971bae-16e2-4b1d-83b0-1188f5225314";
        EventRecorder rec = new EventRecorder();
        try (ScriptedEslServer fs = ScriptedEslServer.start(3, ScriptedEslServer.replaying(cap));
             EslClient client = EslClient.connect(fs.options("ClueCon"))) {
            client.addListener(rec);
            assertEquals("+OK event listener enabled plain", get(client.events(EventFormat.PLAIN, "ALL")).replyText());

            BackgroundJob status = client.bgapi("status");
            CommandReply accepted = get(status.accepted());
            assertEquals("+OK Job-UUID: " + status.jobUuid(), accepted.replyText(), "the reply names our own Job-UUID");
            assertEquals(status.jobUuid(), accepted.header("Job-UUID"));
            assertEquals(innerBody(cap.frame(8)), get(status.result()).body());

            BackgroundJob originate = client.bgapi(apiArgument(cap.frame(9)));
            assertTrue(get(originate.accepted()).isOk());
            rec.awaitEvent(e -> e.is("CHANNEL_PARK") && b.equals(e.uniqueId()), WAIT);
            assertFalse(originate.result().isDone(), "the originate finishes only once the B leg is answered");

            assertEquals("+OK", get(client.api("uuid_answer " + b)).text());
            assertEquals("+OK " + a, get(originate.result()).text());

            rec.awaitEvent(e -> e.is("CHANNEL_PARK") && a.equals(e.uniqueId()), WAIT);
            String tone = "710cbde7-94da-459d-b5a4-ef78b3e248b2";
            assertTrue(get(client.sendmsg(b, SendMsg.execute("playback", "tone_stream://%(500,500,440);loops=3").eventUuid(tone))).isOk());
            rec.awaitEvent(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && tone.equals(e.header("Application-UUID")), WAIT);
            EslEvent done = find(rec, e -> e.is("CHANNEL_EXECUTE_COMPLETE") && tone.equals(e.header("Application-UUID")));
            assertEquals("FILE PLAYED", done.header("Application-Response"));
            assertEquals("tone_stream://%(500,500,440);loops=3", done.header("Application-Data"));

            String wav = "531bc790-6816-44e3-81b9-6f1fa00216e1";
            assertTrue(get(client.sendmsg(b, SendMsg.execute("playback", "/usr/local/freeswitch/share/freeswitch/sounds/stations/hello.wav").eventUuid(wav))).isOk());
            rec.await(() -> count(rec, "PLAYBACK_START") == 2, WAIT, "the WAV's PLAYBACK_START");
            assertEquals("+OK " + a + " sent DTMF 12.", get(client.api("uuid_send_dtmf " + a + " 12")).text());
            rec.awaitEvent(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && wav.equals(e.header("Application-UUID")), WAIT);
            assertEquals("+OK " + b + " received DTMF 9.", get(client.api("uuid_recv_dtmf " + b + " 9")).text());
            rec.awaitEvent(e -> e.is("DTMF") && "9".equals(e.header("DTMF-Digit")), WAIT);

            assertTrue(get(client.sendmsg(b, SendMsg.hangup("NORMAL_CLEARING"))).isOk());
            rec.awaitEvents(cap.events().size(), WAIT);
            assertEquals("+OK bye", get(client.exit()).replyText());

            assertSameEventsPerChannel(cap, rec);
            List<String> digits = rec.events().stream().filter(e -> e.is("DTMF")).map(e -> e.uniqueId() + ":" + e.header("DTMF-Digit")).toList();
            assertEquals(List.of(b + ":1", b + ":2", b + ":9"), digits);
            assertEquals(List.of(a, b), rec.events().stream().filter(e -> e.is("CHANNEL_DESTROY")).map(EslEvent::uniqueId).sorted().toList(),
                    "both legs destroyed (lanes run in parallel, so only per-channel order is defined)");
            fs.awaitScripts(1, WAIT);
            assertEquals(cap.sends().size(), fs.received(0).size());
        }
    }

    @Test
    void jsonEventsAndConference_04() throws Exception {
        RecordedSession cap = RecordedSession.load("04_news_conference_json.jsonl");
        EventRecorder rec = new EventRecorder();
        try (ScriptedEslServer fs = ScriptedEslServer.start(4, ScriptedEslServer.replaying(cap));
             EslClient client = EslClient.connect(fs.options("ClueCon"))) {
            client.addListener(rec);
            assertEquals("+OK event listener enabled json", get(client.events(EventFormat.JSON, "ALL")).replyText());

            List<BackgroundJob> jobs = new ArrayList<>();
            List<String> legs = new ArrayList<>();
            for (RecordedSession.Frame f : cap.frames()) {
                if (f.isSend() && f.raw().startsWith("bgapi originate")) {
                    String arg = f.raw().substring("bgapi ".length(), f.raw().length() - 2);
                    legs.add(arg.substring(arg.indexOf("origination_uuid=") + 17, arg.indexOf(',')));
                    BackgroundJob job = client.bgapi(arg);
                    assertTrue(get(job.accepted()).isOk());
                    jobs.add(job);
                }
            }
            assertEquals(5, jobs.size());
            for (int i = 0; i < jobs.size(); i++) {
                assertEquals("+OK " + legs.get(i), get(jobs.get(i).result()).text());
            }
            assertEquals(cap.frame(179).body(), get(client.api("conference news list")).body());
            assertEquals("+OK (play) Playing file /usr/local/freeswitch/share/freeswitch/sounds/stations/news.wav",
                    get(client.api("conference news play /usr/local/freeswitch/share/freeswitch/sounds/stations/news.wav")).text());
            assertEquals("+OK kicked 15\n+OK kicked 14\n+OK kicked 13\n+OK kicked 12\n+OK kicked 11\n", get(client.api("conference news kick all")).body());
            rec.awaitEvents(cap.events().size(), WAIT);
            assertEquals("+OK bye", get(client.exit()).replyText());

            assertSameEventsPerChannel(cap, rec);
            assertTrue(rec.events().stream().allMatch(e -> e.format() == EslEvent.Format.JSON));
            List<EslEvent> conference = rec.events().stream().filter(e -> "conference::maintenance".equals(e.subclass())).toList();
            assertTrue(conference.stream().allMatch(e -> e.is("CUSTOM")));
            List<String> actions = conference.stream().map(e -> e.header("Action")).toList();
            List<String> expectedActions = cap.events().stream()
                    .map(f -> jsonField(f, "Action", "Event-Subclass"))
                    .filter(s -> s != null && s.endsWith("|conference::maintenance"))
                    .map(s -> s.substring(0, s.indexOf('|'))).toList();
            assertEquals(expectedActions.stream().sorted().toList(), actions.stream().sorted().toList());
            assertEquals(5, actions.stream().filter("add-member"::equals).count());
            assertEquals(5, actions.stream().filter("kick-member"::equals).count());
            assertEquals(5, actions.stream().filter("del-member"::equals).count());
            assertTrue(actions.contains("conference-create") && actions.contains("conference-destroy") && actions.contains("play-file-done"));
            EslEvent newsDone = find(rec, e -> "play-file-done".equals(e.header("Action")) && e.header("File") != null && e.header("File").endsWith("news.wav"));
            assertEquals("news", newsDone.header("Conference-Name"));
        }
    }

    @Test
    void filtersNixeventNoeventsAndErrors_08() throws Exception {
        RecordedSession cap = RecordedSession.load("08_filter_and_errors.jsonl");
        String a = "5246390d-2bc4-43c1-8ee3-1eeb307b01bd";
        EventRecorder rec = new EventRecorder();
        try (ScriptedEslServer fs = ScriptedEslServer.start(8, ScriptedEslServer.replaying(cap));
             EslClient client = EslClient.connect(fs.options("ClueCon"))) {
            client.addListener(rec);
            assertTrue(get(client.events(EventFormat.PLAIN, "ALL")).isOk());
            assertEquals("+OK " + a, get(client.api(apiArgument(cap.frame(5)))).text());
            rec.awaitEvent(e -> e.is("CHANNEL_PARK") && a.equals(e.uniqueId()), WAIT);

            assertEquals("+OK filter added. [Unique-ID]=[" + a + "]", get(client.filter("Unique-ID", a)).replyText());
            String first = "58495665-c1cf-4716-a0c2-6a5ed56ec7cf";
            assertTrue(get(client.sendmsg(a, SendMsg.execute("playback", "tone_stream://%(300,0,440)").eventUuid(first))).isOk());
            rec.awaitEvent(e -> e.is("PRIVATE_COMMAND") && a.equals(e.uniqueId()), WAIT);
            assertEquals("+OK filter deleted. [Unique-ID][" + a + "]", get(client.filterDelete("Unique-ID", a)).replyText());

            CommandReply bare = CommandReply.of(get(client.send(EslCommands.raw("filter delete"))));
            assertFalse(bare.isOk());
            assertEquals("-ERR invalid syntax", bare.replyText());
            assertEquals("+OK filter deleted. [all][]", get(client.filterDeleteAll()).replyText());
            assertEquals("+OK events nixed", get(client.nixevent("CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE")).replyText());
            String second = "a932ee54-64ec-48ce-9850-b041fd45f4dd";
            assertTrue(get(client.sendmsg(a, SendMsg.execute("playback", "tone_stream://%(300,0,440)").eventUuid(second))).isOk());
            rec.await(() -> count(rec, "PRIVATE_COMMAND") == 2, WAIT, "the second playback's PRIVATE_COMMAND");
            assertEquals("+OK no longer listening for events", get(client.noevents()).replyText());

            assertEquals("+OK", get(client.api("uuid_kill " + a)).text());
            CommandReply noSession = get(client.sendmsg("5e71764e-fba7-4320-9601-121cdf9db441", SendMsg.execute("playback", "tone_stream://%(300,0,440)")));
            assertFalse(noSession.isOk());
            assertEquals("-ERR invalid session id [5e71764e-fba7-4320-9601-121cdf9db441]", noSession.replyText());
            ApiResponse noChannel = get(client.api("uuid_kill 3cd4a325-c56f-4eb5-aff4-55c682089e2d"));
            assertTrue(noChannel.isError());
            assertEquals("No such channel!", noChannel.errorText());

            // FreeSWITCH's own behaviour, bypassing the client: a bgapi while not subscribed gets no BACKGROUND_JOB
            String missing = "originate {station_id=s9}loopback/does_not_exist/stations &park()";
            CommandReply unsubscribed = CommandReply.of(get(client.send(EslCommands.raw("bgapi " + missing))));
            assertTrue(unsubscribed.replyText().startsWith("+OK Job-UUID: "));
            assertEquals("+OK event listener enabled plain", get(client.events(EventFormat.PLAIN, "BACKGROUND_JOB")).replyText());
            BackgroundJob job = client.bgapi(missing);
            ApiResponse result = get(job.result());
            assertTrue(result.isError());
            assertEquals("NO_ROUTE_DESTINATION", result.errorText());

            assertEquals(cap.frame(74).body(), get(client.api("show application")).body());
            ApiResponse modules = get(client.api("show modules"));
            assertEquals(cap.frame(76).body(), modules.body());
            assertTrue(modules.body().length() > 30_000);
            assertEquals("+OK bye", get(client.exit()).replyText());

            rec.awaitEvents(cap.events().size(), WAIT);
            assertSameEventsPerChannel(cap, rec);
            fs.awaitScripts(1, WAIT);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code api X\n\n} or {@code bgapi X\n\n} → {@code X}. */
    static String apiArgument(RecordedSession.Frame send) {
        String raw = send.raw();
        return raw.substring(raw.indexOf(' ') + 1, raw.length() - 2);
    }

    /** The body of a plain event with a body (e.g. a BACKGROUND_JOB's result). */
    static String innerBody(RecordedSession.Frame event) {
        String body = event.body();
        return body.substring(body.indexOf("\n\n") + 2);
    }

    private static String jsonField(RecordedSession.Frame f, String field, String other) {
        try {
            JsonNode n = JSON.readTree(f.body());
            return n.has(field) ? n.get(field).asText() + "|" + (n.has(other) ? n.get(other).asText() : "") : null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Polls a condition that has no notification of its own (counters, flags). */
    static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(5);
        }
    }

    static long count(EventRecorder rec, String name) {
        return rec.events().stream().filter(e -> e.is(name)).count();
    }

    static EslEvent find(EventRecorder rec, java.util.function.Predicate<EslEvent> p) {
        return rec.events().stream().filter(p).findFirst().orElseThrow(() -> new AssertionError("no such event among " + rec.events().size()));
    }

    /** Every recorded event arrived, and per channel in the recorded order (name and FreeSWITCH's Event-Sequence). */
    static void assertSameEventsPerChannel(RecordedSession cap, EventRecorder rec) {
        Map<String, List<RecordedSession.Expected>> expected = cap.eventsByChannel();
        Map<String, List<EslEvent>> actual = rec.eventsByChannel();
        assertEquals(expected.keySet(), actual.keySet(), "channels");
        expected.forEach((uuid, list) -> {
            List<String> want = list.stream().map(e -> e.name() + "#" + e.sequence()).toList();
            List<String> got = actual.get(uuid).stream().map(e -> e.name() + "#" + e.header("Event-Sequence")).toList();
            assertEquals(want, got, "events of channel '" + uuid + "'");
        });
        assertEquals(cap.events().size(), rec.events().size());
    }
}
