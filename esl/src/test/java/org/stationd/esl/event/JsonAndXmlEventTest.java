package org.stationd.esl.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.esl.codec.ContentType;

class JsonAndXmlEventTest {

    static EslEvent json(String body) {
        return EslEvents.parse(ContentType.EVENT_JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    static EslEvent xml(String body) {
        return EslEvents.parse(ContentType.EVENT_XML, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonValuesAreNotPercentDecodedAndBodyIsSeparate() {
        EslEvent e = json("{\"Event-Name\":\"BACKGROUND_JOB\",\"Event-Date-Local\":\"2026-11-22 06:27:21\",\"Literal\":\"100%20\","
                + "\"Job-UUID\":\"64e62ad6\",\"Content-Length\":\"41\",\"_body\":\"+OK df663a15\\n\"}");
        assertEquals("BACKGROUND_JOB", e.name());
        assertEquals("2026-11-22 06:27:21", e.header("Event-Date-Local"));
        assertEquals("100%20", e.header("Literal"));
        assertEquals("+OK df663a15\n", e.body());
        assertNull(e.header("_body"));
        assertEquals(List.of("Event-Name", "Event-Date-Local", "Literal", "Job-UUID", "Content-Length"), List.copyOf(e.headers().keySet()));
        assertEquals(EslEvent.Format.JSON, e.format());
    }

    @Test
    void jsonArraysNumbersAndNulls() {
        EslEvent e = json("{\"Event-Name\":\"CUSTOM\",\"Codecs\":[\"PCMU\",\"PCMA\"],\"Count\":3,\"Gone\":null,\"Obj\":{\"a\":\"b\"}}");
        assertEquals(List.of("PCMU", "PCMA"), e.values("Codecs"));
        assertEquals("3", e.header("Count"));
        assertEquals("", e.header("Gone"));
        assertEquals("", e.header("Obj"));
        assertFalse(e.hasBody());
    }

    @Test
    void malformedJson() {
        assertThrows(EventFormatException.class, () -> json(""));
        assertThrows(EventFormatException.class, () -> json("[\"Event-Name\"]"));
        assertThrows(EventFormatException.class, () -> json("{\"Event-Name\":\"X\""));
        assertThrows(EventFormatException.class, () -> json("{\"Event-Name\":\"X\",}"));
        assertThrows(EventFormatException.class, () -> json("{\"Event-Name\":\"\\uZZZZ\"}"));
        assertThrows(EventFormatException.class, () -> json("[".repeat(5000)));
        assertThrows(EventFormatException.class, () -> EslEvents.parse(ContentType.EVENT_JSON, new byte[] {'{', '"', (byte) 0xC3, '"'}));
    }

    @Test
    void xmlEventWithEscapesArraysAndBody() {
        EslEvent e = xml("<event>\n  <headers>\n    <Event-Name>CUSTOM</Event-Name>\n"
                + "    <Event-Subclass>conference%3A%3Amaintenance</Event-Subclass>\n"
                + "    <Unique-ID>df663a15-8c2e-4bc6-94c6-540f2316fdcf</Unique-ID>\n"
                + "    <Caller-Caller-ID-Name>Outbound%20Call</Caller-Caller-ID-Name>\n"
                + "    <Tag>a</Tag>\n    <Tag>b%7Cc</Tag>\n    <Tag>d</Tag>\n"
                + "    <variable_undefined>_undef_</variable_undefined>\n    <Empty></Empty>\n"
                + "  </headers>\n  <Content-Length>19</Content-Length>\n  <body>&lt;b&gt; &amp; ü\nline</body>\n</event>");
        assertEquals("CUSTOM", e.name());
        assertEquals("conference::maintenance", e.subclass());
        assertEquals("df663a15-8c2e-4bc6-94c6-540f2316fdcf", e.uniqueId());
        assertEquals("Outbound Call", e.header("Caller-Caller-ID-Name"));
        assertEquals(List.of("a", "b|c", "d"), e.values("Tag"));
        assertNull(e.variable("undefined"));
        assertEquals("", e.header("Empty"));
        assertEquals("<b> & ü\nline", e.body());
        assertEquals(EslEvent.Format.XML, e.format());
    }

    @Test
    void xmlEventWithoutBody() {
        EslEvent e = xml("<event><headers><Event-Name>HEARTBEAT</Event-Name><Event-Sequence>42</Event-Sequence></headers></event>");
        assertEquals("HEARTBEAT", e.name());
        assertEquals(42, e.sequence());
        assertFalse(e.hasBody());
    }

    @Test
    void malformedXml() {
        assertThrows(EventFormatException.class, () -> xml(""));
        assertThrows(EventFormatException.class, () -> xml("<event><headers><Event-Name>X</headers></event>"));
        assertThrows(EventFormatException.class, () -> xml("<notevent><headers/></notevent>"));
        assertThrows(EventFormatException.class, () -> xml("<event><headers><Event-Name>X<b/></Event-Name></headers></event>"));
        assertThrows(EventFormatException.class, () -> xml("<event><headers><Event-Name>&undefined;</Event-Name></headers></event>"));
    }

    /** Invalid UTF-8 is replaced, as in plain events, and nothing is printed behind the logger's back. */
    @Test
    void invalidUtf8InXmlIsReplacedSilently() {
        byte[] doc = "<event><headers><Event-Name>X\u00ffY</Event-Name></headers></event>".getBytes(StandardCharsets.ISO_8859_1);
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        EslEvent e;
        try {
            e = EslEvents.parse(ContentType.EVENT_XML, doc);
        } finally {
            System.setErr(err);
        }
        assertEquals("X\uFFFDY", e.name());
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    /** A switch is trusted, but a DTD must still not make us read local files. */
    @Test
    void xmlExternalEntitiesAreNotResolved(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET");
        String doc = "<?xml version=\"1.0\"?><!DOCTYPE event [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<event><headers><Event-Name>&x;</Event-Name></headers></event>";
        try {
            EslEvent e = xml(doc);
            assertFalse(String.valueOf(e.name()).contains("SECRET"), "external entity was resolved");
        } catch (EventFormatException expected) {
            // refusing the document is fine too
        }
    }
}
