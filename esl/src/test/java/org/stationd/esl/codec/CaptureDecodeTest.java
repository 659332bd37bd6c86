package org.stationd.esl.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.codec.Decoding.decodeAll;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.event.EslEvents;
import org.stationd.esl.testing.Captures;
import org.stationd.esl.testing.EventOracle;
import org.stationd.esl.testing.RawFrame;

/** Every received frame of every capture, decoded, against an independent reading of the file. */
class CaptureDecodeTest {
    static final List<String> EXPECTED_FILES = List.of(
            "01_auth_api.jsonl", "02_auth_fail.jsonl", "03_station_playback_plain.jsonl",
            "04_news_conference_json.jsonl", "06_outbound_socket.jsonl", "08_filter_and_errors.jsonl",
            "09_fs_restart.jsonl", "10_churn_plain.jsonl");

    static Stream<String> captures() {
        List<String> present = Captures.all().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(present.containsAll(EXPECTED_FILES), () -> "captures missing from " + Captures.dir() + ": " + present);
        return present.stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyFrameMatchesTheRecording(String file) {
        List<Captures.Record> records = Captures.load(file);
        List<RawFrame> expected = RawFrame.of(records);
        List<EslFrame> frames = decodeAll(Captures.recvStream(file));
        Decoding.assertFrames(expected, frames, file);

        for (int i = 0; i < frames.size(); i++) {
            EslFrame frame = frames.get(i);
            RawFrame raw = expected.get(i);
            String where = file + " frame " + i;
            assertEquals(raw.contentType(), frame.contentType(), where);
            String length = raw.header("Content-Length");
            assertEquals(length == null ? 0 : Integer.parseInt(length), frame.body().length, where);
            if (frame.isEvent()) {
                assertEvent(raw, EslEvents.parse(frame), where);
            } else {
                Map<String, String> decoded = new java.util.LinkedHashMap<>();
                raw.headers().forEach(e -> decoded.put(e.getKey(), EventOracle.percentDecode(e.getValue())));
                assertEquals(decoded, frame.headers(), where);
            }
        }
    }

    private static void assertEvent(RawFrame raw, EslEvent event, String where) {
        EventOracle.Event oracle = EventOracle.of(raw.contentType(), raw.body());
        assertEquals(new ArrayList<>(oracle.headers().entrySet()), new ArrayList<>(event.headers().entrySet()), where);
        assertEquals(oracle.body(), event.body(), where);
        assertEquals(oracle.headers().get("Event-Name"), event.name(), where);
        assertEquals(oracle.headers().get("Unique-ID"), event.uniqueId(), where);
        assertEquals(oracle.headers().get("Job-UUID"), event.jobUuid(), where);
        assertTrue(event.name() != null && !event.name().isEmpty(), where + ": event without a name");
    }

    @Test
    void authAndApiReplies() {
        List<EslFrame> frames = decodeAll(Captures.recvStream("01"));
        assertEquals(ContentType.AUTH_REQUEST, frames.get(0).contentType());
        assertEquals("+OK accepted", frames.get(1).replyText());
        assertEquals("127.0.0.1", frames.get(3).bodyText(), "global_getvar has no trailing newline");
        assertEquals("-ERR not_a_command Command not found!\n", frames.get(4).bodyText());
        assertEquals("{\"row_count\": 0}\n", frames.get(5).bodyText());
        assertEquals(ContentType.DISCONNECT_NOTICE, frames.getLast().contentType());

        List<EslFrame> failed = decodeAll(Captures.recvStream("02"));
        assertEquals("-ERR invalid", failed.get(1).replyText());
        assertEquals("Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n", failed.get(2).bodyText());
    }

    @Test
    void outboundConnectReplyCarriesChannelDataInItsHeaders() {
        EslFrame reply = decodeAll(Captures.recvStream("06")).getFirst();
        RawFrame raw = RawFrame.of(Captures.load("06")).getFirst();
        List<String> names = new ArrayList<>(reply.rawHeaders().keySet());

        assertEquals(ContentType.COMMAND_REPLY, reply.contentType());
        assertEquals(0, reply.body().length);
        assertEquals(List.of("Content-Type", "Reply-Text", "Socket-Mode", "Control"), names.subList(names.size() - 4, names.size()));
        assertEquals("%2BOK%0A", reply.rawHeaders().get("Reply-Text"));
        assertEquals("+OK\n", reply.replyText());
        assertEquals("async", reply.header("Socket-Mode"));
        assertEquals("full", reply.header("Control"));
        assertEquals("127.0.0.1:8084 async full", reply.header("variable_current_application_data"));
        assertEquals("fd00::2", reply.header("FreeSWITCH-IPv6"));
        assertEquals(raw.headers().size(), names.size());

        EslEvent data = EslEvents.fromConnectReply(reply);
        assertEquals("CHANNEL_DATA", data.name());
        assertEquals(raw.header("Unique-ID"), data.uniqueId());
        assertEquals(reply.header("Unique-ID"), data.variable("call_uuid"));
        assertEquals("s3", data.variable("station_id"));
    }

    @Test
    void outboundDisconnectNotices() {
        List<EslFrame> frames = decodeAll(Captures.recvStream("06"));
        List<EslFrame> notices = frames.stream().filter(f -> f.contentType().equals(ContentType.DISCONNECT_NOTICE)).toList();
        assertEquals(2, notices.size());
        EslFrame linger = notices.get(0);
        assertEquals("linger", linger.header("Content-Disposition"));
        assertEquals("-1", linger.header("Linger-Time"));
        assertEquals(0, linger.body().length);
        EslFrame bye = notices.get(1);
        assertEquals("disconnect", bye.header("Content-Disposition"));
        assertTrue(bye.bodyText().startsWith("Disconnected, goodbye."));
        assertEquals(bye, frames.getLast());
    }

    @Test
    void plainBackgroundJobsCarryTheirResultAsInnerBody() {
        List<EslEvent> jobs = events("03", "BACKGROUND_JOB");
        assertEquals(2, jobs.size());
        assertEquals("status", jobs.get(0).header("Job-Command"));
        assertTrue(jobs.get(0).body().startsWith("UP 0 years"), jobs.get(0).body());
        assertEquals(Integer.parseInt(jobs.get(0).header("Content-Length")), Decoding.utf8(jobs.get(0).body()).length);
        String originated = originationUuids("03").getFirst();
        assertEquals("+OK " + originated + "\n", jobs.get(1).body());

        List<EslEvent> failed = events("08", "BACKGROUND_JOB");
        assertEquals(1, failed.size());
        assertEquals("-ERR NO_ROUTE_DESTINATION\n", failed.getFirst().body());
    }

    @Test
    void bgapiReplyJobUuidMatchesTheBackgroundJob() {
        List<EslFrame> frames = decodeAll(Captures.recvStream("03"));
        List<String> replyJobs = frames.stream()
                .filter(f -> f.contentType().equals(ContentType.COMMAND_REPLY) && f.header("Job-UUID") != null)
                .map(f -> {
                    assertEquals("+OK Job-UUID: " + f.header("Job-UUID"), f.replyText());
                    return f.header("Job-UUID");
                })
                .toList();
        assertEquals(events("03", "BACKGROUND_JOB").stream().map(EslEvent::jobUuid).toList(), replyJobs);
    }

    @Test
    void jsonBackgroundJobsCarryTheirResultInUnderscoreBody() {
        List<EslEvent> jobs = events("04", "BACKGROUND_JOB");
        List<String> uuids = originationUuids("04");
        assertEquals(5, uuids.size());
        assertEquals(uuids.stream().sorted().map(u -> "+OK " + u + "\n").toList(),
                jobs.stream().map(EslEvent::body).sorted().toList());
        jobs.forEach(j -> {
            assertEquals(EslEvent.Format.JSON, j.format());
            assertNull(j.header("_body"));
            assertEquals("originate", j.header("Job-Command"));
        });
    }

    @Test
    void conferenceEventsAreCustomWithSubclass() {
        List<EslEvent> conf = events("04", "CUSTOM").stream().filter(e -> "conference::maintenance".equals(e.subclass())).toList();
        List<String> actions = conf.stream().map(e -> e.header("Action")).toList();
        assertEquals(1, actions.stream().filter("conference-create"::equals).count());
        assertEquals(5, actions.stream().filter("add-member"::equals).count());
        assertEquals(5, actions.stream().filter("kick-member"::equals).count());
        assertEquals(5, actions.stream().filter("del-member"::equals).count());
        assertEquals("conference-destroy", actions.getLast());
        assertTrue(conf.stream().anyMatch(e -> "play-file-done".equals(e.header("Action")) && e.header("File").endsWith("/news.wav")));
    }

    @Test
    void shutdownNoticeIsFollowedByOneMoreEvent() {
        List<EslFrame> frames = decodeAll(Captures.recvStream("09"));
        EslFrame notice = frames.get(frames.size() - 2);
        assertEquals(ContentType.DISCONNECT_NOTICE, notice.contentType());
        assertEquals("The system is being shut down.\n", notice.bodyText());
        assertEquals("MODULE_UNLOAD", EslEvents.parse(frames.getLast()).name());
        assertTrue(frames.stream().filter(EslFrame::isEvent).anyMatch(f -> EslEvents.parse(f).is("SHUTDOWN")));
    }

    /** Totals stated in the captures' README, a third source besides the file and the decoder. */
    @Test
    void churnCaptureTotals() {
        List<EslFrame> frames = decodeAll(Captures.recvStream("10"));
        assertEquals(11_404, frames.size());
        Map<String, Long> types = countBy(frames.stream().map(EslFrame::contentType));
        assertEquals(Map.of(ContentType.AUTH_REQUEST, 1L, ContentType.COMMAND_REPLY, 603L,
                ContentType.EVENT_PLAIN, 10_799L, ContentType.DISCONNECT_NOTICE, 1L), types);

        List<EslEvent> events = frames.stream().filter(EslFrame::isEvent).map(EslEvents::parse).toList();
        Map<String, Long> names = countBy(events.stream().map(EslEvent::name));
        assertEquals(2597L, names.get("CHANNEL_STATE"));
        assertEquals(1000L, names.get("CHANNEL_CALLSTATE"));
        assertEquals(800L, names.get("CODEC"));
        assertEquals(400L, names.get("CHANNEL_DESTROY"));
        assertEquals(200L, names.get("BACKGROUND_JOB"));
        assertEquals(1L, names.get("HEARTBEAT"));
        assertEquals(10_799L, names.values().stream().mapToLong(Long::longValue).sum());

        List<String> results = events.stream().filter(e -> e.is("BACKGROUND_JOB")).map(EslEvent::body).sorted().toList();
        assertEquals(originationUuids("10").stream().map(u -> "+OK " + u + "\n").sorted().toList(), results);
        assertTrue(events.stream().filter(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && "playback".equals(e.header("Application")))
                .allMatch(e -> "FILE PLAYED".equals(e.header("Application-Response"))));
    }

    private static List<EslEvent> events(String capture, String name) {
        return decodeAll(Captures.recvStream(capture)).stream()
                .filter(EslFrame::isEvent).map(EslEvents::parse).filter(e -> e.is(name)).toList();
    }

    /** The {@code origination_uuid}s of the originates the client sent, read from the send records. */
    private static List<String> originationUuids(String capture) {
        return Captures.send(capture).stream()
                .map(Captures.Record::raw)
                .filter(r -> r.contains("originate {origination_uuid="))
                .map(r -> r.substring(r.indexOf("origination_uuid=") + 17, r.indexOf(',', r.indexOf("origination_uuid="))))
                .toList();
    }

    private static Map<String, Long> countBy(Stream<String> values) {
        return values.collect(java.util.stream.Collectors.groupingBy(v -> v, java.util.stream.Collectors.counting()));
    }
}
