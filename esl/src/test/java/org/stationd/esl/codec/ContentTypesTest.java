package org.stationd.esl.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.codec.Decoding.decodeAll;
import static org.stationd.esl.codec.Decoding.decodeInChunks;
import static org.stationd.esl.codec.Decoding.utf8;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.event.EslEvents;
import org.stationd.esl.testing.Captures;
import org.stationd.esl.testing.RawFrame;

/** Each Content-Type mod_event_socket sends, recorded where we have it and built by hand where not. */
class ContentTypesTest {

    @Test
    void recordedContentTypesAreAllRecognised() {
        Set<String> seen = new TreeSet<>();
        for (String capture : CaptureDecodeTest.EXPECTED_FILES) {
            if (capture.startsWith("10")) {
                continue;   // covered frame by frame in CaptureDecodeTest; only its four types
            }
            for (EslFrame f : decodeAll(Captures.recvStream(capture))) {
                seen.add(f.contentType());
                boolean hasLength = f.rawHeaders().containsKey("Content-Length");
                if (ContentType.requiresBody(f.contentType())) {
                    assertTrue(hasLength, f.toString());
                }
                if (!hasLength) {
                    assertFalse(f.hasBody(), f.toString());
                }
            }
        }
        assertEquals(new TreeSet<>(List.of(ContentType.AUTH_REQUEST, ContentType.COMMAND_REPLY, ContentType.API_RESPONSE,
                ContentType.EVENT_PLAIN, ContentType.EVENT_JSON, ContentType.DISCONNECT_NOTICE)), seen);
    }

    @Test
    void contentTypeClassification() {
        for (String t : List.of(ContentType.EVENT_PLAIN, ContentType.EVENT_JSON, ContentType.EVENT_XML)) {
            assertTrue(ContentType.isEvent(t), t);
            assertTrue(ContentType.requiresBody(t), t);
        }
        assertTrue(ContentType.requiresBody(ContentType.API_RESPONSE));
        assertTrue(ContentType.requiresBody(ContentType.LOG_DATA));
        for (String t : List.of(ContentType.AUTH_REQUEST, ContentType.COMMAND_REPLY, ContentType.DISCONNECT_NOTICE,
                ContentType.RUDE_REJECTION, ContentType.LOG_DATA, ContentType.API_RESPONSE)) {
            assertFalse(ContentType.isEvent(t), t);
        }
        for (String t : List.of(ContentType.AUTH_REQUEST, ContentType.COMMAND_REPLY, ContentType.DISCONNECT_NOTICE, ContentType.RUDE_REJECTION)) {
            assertFalse(ContentType.requiresBody(t), t);
        }
    }

    /** mod_event_socket's answer to a client its ACL refuses; the socket closes after it. */
    @Test
    void rudeRejection() {
        String text = "Content-Type: text/rude-rejection\nContent-Length: 24\n\nAccess Denied, go away.\n";
        EslFrame f = single(text);
        assertEquals(ContentType.RUDE_REJECTION, f.contentType());
        assertEquals("Access Denied, go away.\n", f.bodyText());
        assertFalse(f.isEvent());
    }

    /** {@code log <level>} output: Content-Length before the Log-* headers. */
    @Test
    void logData() {
        String line = "2026-11-22 06:27:15.123456 [NOTICE] switch_channel.c:1142 New Channel loopback/park-a [6d7c7ede]\n";
        String text = "Content-Type: log/data\nContent-Length: " + utf8(line).length + "\nLog-Level: 5\nText-Channel: 3\n"
                + "Log-File: switch_channel.c\nLog-Func: switch_channel_set_name\nLog-Line: 1142\n"
                + "User-Data: 6d7c7ede-358c-4cef-9d78-5d2c6efdaf9c\n\n" + line;
        EslFrame f = single(text);
        assertEquals(ContentType.LOG_DATA, f.contentType());
        assertEquals("5", f.header("Log-Level"));
        assertEquals("6d7c7ede-358c-4cef-9d78-5d2c6efdaf9c", f.header("User-Data"));
        assertEquals(line, f.bodyText());
    }

    @Test
    void disconnectNoticeForms() {
        EslFrame linger = decodeAll(Captures.recvStream("06")).stream()
                .filter(f -> "linger".equals(f.header("Content-Disposition"))).findFirst().orElseThrow();
        assertEquals(ContentType.DISCONNECT_NOTICE, linger.contentType());
        assertEquals("loopback/outbound_socket-b", linger.header("Channel-Name"));
        assertFalse(linger.hasBody());

        List<EslFrame> restart = decodeAll(Captures.recvStream("09"));
        EslFrame shutdown = restart.stream().filter(f -> f.contentType().equals(ContentType.DISCONNECT_NOTICE)).findFirst().orElseThrow();
        assertEquals("The system is being shut down.\n", shutdown.bodyText());

        // without Content-Length a notice has no body: the next bytes are the next frame
        List<EslFrame> bare = decodeAll(utf8("Content-Type: text/disconnect-notice\n\nContent-Type: auth/request\n\n"));
        assertEquals(2, bare.size());
        assertFalse(bare.get(0).hasBody());
        assertEquals(ContentType.AUTH_REQUEST, bare.get(1).contentType());
    }

    /** {@code event xml}: switch_event_xmlize's layout, values url-encoded, arrays as repeated elements. */
    @Test
    void xmlEventThroughTheDecoder() {
        String body = "+OK 6d7c7ede-358c-4cef-9d78-5d2c6efdaf9c\n";
        String xml = "<event>\n  <headers>\n"
                + "    <Event-Name>BACKGROUND_JOB</Event-Name>\n"
                + "    <Core-UUID>2a019aa2-a721-4505-bce4-99e8418905da</Core-UUID>\n"
                + "    <Event-Date-Local>2026-11-22%2006%3A27%3A15</Event-Date-Local>\n"
                + "    <Job-UUID>88a2716b-39d8-426b-9bf6-da4a3dbe08bc</Job-UUID>\n"
                + "    <Job-Command>originate</Job-Command>\n"
                + "    <Job-Command-Arg>%7Borigination_uuid%3D6d7c7ede%2Cstation_id%3Ds1%7Dloopback/park/stations%20%26park()</Job-Command-Arg>\n"
                + "    <Station-Name>Radio%20Gr%C3%BC%C3%9Fe</Station-Name>\n"
                + "    <Codec-List>PCMU</Codec-List>\n    <Codec-List>PCMA</Codec-List>\n    <Codec-List>L16</Codec-List>\n"
                + "  </headers>\n"
                + "  <Content-Length>" + utf8(body).length + "</Content-Length>\n"
                + "  <body>" + body + "</body>\n</event>";
        String text = Synthetic.event(ContentType.EVENT_XML, xml);
        List<EslFrame> frames = decodeInChunks(utf8(text + text), pos -> 1);
        assertEquals(2, frames.size());
        Decoding.assertFrames(RawFrame.ofTexts(List.of(text, text)), frames, "xml");

        EslEvent e = EslEvents.parse(frames.get(0));
        assertEquals(EslEvent.Format.XML, e.format());
        assertEquals("BACKGROUND_JOB", e.name());
        assertEquals("88a2716b-39d8-426b-9bf6-da4a3dbe08bc", e.jobUuid());
        assertEquals("2026-11-22 06:27:15", e.header("Event-Date-Local"));
        assertEquals("{origination_uuid=6d7c7ede,station_id=s1}loopback/park/stations &park()", e.header("Job-Command-Arg"));
        assertEquals("Radio Grüße", e.header("Station-Name"));
        assertEquals(List.of("PCMU", "PCMA", "L16"), e.values("Codec-List"));
        assertEquals(body, e.body());
        assertNull(e.uniqueId());
        assertFalse(e.headers().containsKey("Content-Length"), "the root's Content-Length is framing, not a header");
    }

    private static EslFrame single(String text) {
        List<EslFrame> frames = decodeInChunks(utf8(text), pos -> 3);
        assertEquals(1, frames.size());
        Decoding.assertFrame(RawFrame.parse(text, 0), frames.getFirst(), text);
        return frames.getFirst();
    }
}
