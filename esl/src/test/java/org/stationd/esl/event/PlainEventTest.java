package org.stationd.esl.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stationd.esl.codec.ContentType;

class PlainEventTest {

    static EslEvent parse(String body) {
        return EslEvents.parse(ContentType.EVENT_PLAIN, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void headersAreDecodedLenientlyAndInOrder() {
        EslEvent e = parse("Event-Name: CUSTOM\nEvent-Subclass: radio%3A%3Aon_air\nBad-Escape: 100%ZZ\nTrailing: 50%\n"
                + "Short: %4\nEuro: %E2%82%AC\nPlus: a+b\nEmpty: \nUnique-ID: 85971bae-16e2-4b1d-83b0-1188f5225314\n\n");
        assertEquals("CUSTOM", e.name());
        assertEquals("radio::on_air", e.subclass());
        assertEquals("100%ZZ", e.header("Bad-Escape"));
        assertEquals("50%", e.header("Trailing"));
        assertEquals("%4", e.header("Short"));
        assertEquals("€", e.header("Euro"));
        assertEquals("a+b", e.header("Plus"));
        assertEquals("", e.header("Empty"));
        assertEquals("85971bae-16e2-4b1d-83b0-1188f5225314", e.uniqueId());
        assertEquals(List.of("Event-Name", "Event-Subclass", "Bad-Escape", "Trailing", "Short", "Euro", "Plus", "Empty", "Unique-ID"),
                List.copyOf(e.headers().keySet()));
        assertFalse(e.hasBody());
        assertNull(e.body());
        assertEquals(EslEvent.Format.PLAIN, e.format());
    }

    @Test
    void undefinedValues() {
        EslEvent e = parse("Event-Name: CHANNEL_EXECUTE\nvariable_station_id: _undef_\nApplication-Data: _undef_\nvariable_set: s1\n\n");
        assertEquals("_undef_", e.header("variable_station_id"));
        assertNull(e.variable("station_id"));
        assertNull(e.value("Application-Data"));
        assertEquals("_undef_", e.header("Application-Data"));
        assertEquals(List.of(), e.values("Application-Data"));
        assertEquals("s1", e.variable("set"));
        assertNull(e.variable("absent"));
    }

    @Test
    void arrayValues() {
        // switch_event_serialize url-encodes the whole "ARRAY::a|:b" string, separators included
        EslEvent e = parse("Event-Name: CHANNEL_DATA\nvariable_codecs: ARRAY%3A%3APCMU%7C%3APCMA%7C%3AL16\nvariable_one: ARRAY::only\n"
                + "variable_spaced: ARRAY%3A%3Aa%20b%7C%3A%7C%3Ac\nPlain: PCMU\n\n");
        assertEquals(List.of("PCMU", "PCMA", "L16"), e.values("variable_codecs"));
        assertEquals(List.of("only"), e.values("variable_one"));
        assertEquals(List.of("a b", "", "c"), e.values("variable_spaced"));
        assertEquals(List.of("PCMU"), e.values("Plain"));
        assertEquals(List.of(), e.values("Absent"));
        assertEquals("ARRAY::PCMU|:PCMA|:L16", e.header("variable_codecs"));
    }

    /** BACKGROUND_JOB: an inner Content-Length in bytes, and the body may hold blank lines and multibyte text. */
    @Test
    void innerBody() {
        String body = "+OK done\n\nline after a blank line: Grüße 🎙\n";
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        EslEvent e = parse("Event-Name: BACKGROUND_JOB\nJob-UUID: 88a2716b-39d8-426b-9bf6-da4a3dbe08bc\nJob-Command: status\n"
                + "Content-Length: " + length + "\n\n" + body);
        assertEquals(body, e.body());
        assertTrue(e.hasBody());
        assertEquals("88a2716b-39d8-426b-9bf6-da4a3dbe08bc", e.jobUuid());
        assertEquals(String.valueOf(length), e.header("Content-Length"));
    }

    @Test
    void bodyShorterThanTheFrameIsCutAtContentLength() {
        EslEvent e = parse("Event-Name: BACKGROUND_JOB\nContent-Length: 4\n\n+OK\nignored");
        assertEquals("+OK\n", e.body());
    }

    @Test
    void crlfLineEndsAndNumbers() {
        EslEvent e = parse("Event-Name: HEARTBEAT\r\nEvent-Sequence: 1590\r\nEvent-Date-Timestamp: 1795328835259086\r\nSession-Count: x\r\n\r\n");
        assertEquals("HEARTBEAT", e.name());
        assertEquals(1590, e.sequence());
        assertEquals(1795328835259086L, e.timestampMicros());
        assertEquals(-7, e.longValue("Session-Count", -7));
        assertEquals(-7, e.longValue("Absent", -7));
    }

    @Test
    void malformedPlainEvents() {
        assertThrows(EventFormatException.class, () -> parse("Event-Name: X\nno colon here\n\n"));
        assertThrows(EventFormatException.class, () -> parse(": no name\n\n"));
        assertThrows(EventFormatException.class, () -> parse("Event-Name: X\nContent-Length: 99\n\nshort"));
        assertThrows(EventFormatException.class, () -> parse("Event-Name: X\nContent-Length: many\n\nbody"));
        assertThrows(EventFormatException.class, () -> parse("Event-Name: X\nContent-Length: -1\n\nbody"));
        assertThrows(EventFormatException.class, () -> parse("Event-Name: X\nContent-Length: 99999999999\n\nbody"));
    }

    @Test
    void onlyEventContentTypesParse() {
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> EslEvents.parse(ContentType.API_RESPONSE, "Event-Name: X\n\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(ContentType.API_RESPONSE), e.getMessage());
    }
}
