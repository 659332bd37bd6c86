package org.stationd.esl.sim.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.event.EslEvents;
import org.stationd.esl.sim.clock.VirtualClock;

/** The three wire forms, read back with the project's own parsers. */
class EventEncodingTest {
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-11-22T06:27:15.259086Z"));
    private final Events events = new Events(clock, new Identity("core", "vm", "vm", "192.0.2.2", "fd00::2", ZoneOffset.UTC), 1589);

    private SimEvent job() {
        return events.create("BACKGROUND_JOB", Sites.BACKGROUND_JOB)
                .add("Job-UUID", "88a2716b").add("Job-Command", "originate").add("Job-Command-Arg", "{a=b}loopback/x &park()")
                .add("Channel-Write-Codec-Name", "L16").add("Channel-Write-Codec-Name", "L16")
                .body("+OK 6d7c\n").build();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void plainIsUrlEncodedWithInnerContentLength() {
        String s = text(job().frame(EventFormat.PLAIN));
        String head = s.substring(0, s.indexOf("\n\n"));
        assertTrue(head.startsWith("Content-Length: "));
        assertTrue(head.endsWith("Content-Type: text/event-plain"));
        assertTrue(s.contains("FreeSWITCH-IPv6: fd00%3A%3A2\n"));
        assertTrue(s.contains("Event-Date-GMT: Sun,%2022%20Nov%202026%2006%3A27%3A15%20GMT\n"));
        assertTrue(s.contains("Event-Date-Timestamp: 1795328835259086\n"));
        assertTrue(s.contains("Job-Command-Arg: %7Ba%3Db%7Dloopback/x%20%26park()\n"));
        assertTrue(s.endsWith("Content-Length: 9\n\n+OK 6d7c\n"));
        EslEvent e = EslEvents.parse("text/event-plain", s.substring(s.indexOf("\n\n") + 2).getBytes(StandardCharsets.UTF_8));
        assertEquals("{a=b}loopback/x &park()", e.header("Job-Command-Arg"));
        assertEquals("+OK 6d7c\n", e.body());
        assertEquals(1589, e.sequence());
    }

    @Test
    void jsonIsCompactAllStringsWithBody() {
        String s = text(job().frame(EventFormat.JSON));
        String json = s.substring(s.indexOf("\n\n") + 2);
        assertTrue(json.startsWith("{\"Event-Name\":\"BACKGROUND_JOB\",\"Core-UUID\":\"core\""));
        assertTrue(json.contains("\"Channel-Write-Codec-Name\":\"L16\",\"Channel-Write-Codec-Name\":\"L16\""), "duplicates kept, as cJSON does");
        assertTrue(json.endsWith("\"Content-Length\":\"9\",\"_body\":\"+OK 6d7c\\n\"}"));
        EslEvent e = EslEvents.parse("text/event-json", json.getBytes(StandardCharsets.UTF_8));
        assertEquals("+OK 6d7c\n", e.body());
        assertEquals("fd00::2", e.header("FreeSWITCH-IPv6"));
    }

    @Test
    void xmlIsIndentedAndReadable() {
        String s = text(job().frame(EventFormat.XML));
        String xml = s.substring(s.indexOf("\n\n") + 2);
        assertTrue(xml.startsWith("<event>\n  <headers>\n    <Event-Name>BACKGROUND_JOB</Event-Name>\n"), xml);
        assertTrue(xml.contains("    <FreeSWITCH-IPv6>fd00%3A%3A2</FreeSWITCH-IPv6>\n"));
        assertTrue(xml.endsWith("  </headers>\n  <Content-Length>9</Content-Length>\n  <body>+OK 6d7c\n  </body>\n</event>\n"), xml);
        EslEvent e = EslEvents.parse("text/event-xml", xml.getBytes(StandardCharsets.UTF_8));
        assertEquals("{a=b}loopback/x &park()", e.header("Job-Command-Arg"));
        assertEquals("originate", e.header("Job-Command"));
    }

    @Test
    void frameLengthCountsBytesNotChars() {
        SimEvent e = events.create("CUSTOM", Sites.API).add("Name", "Café ☕").body("ünïcode").build();
        for (EventFormat f : EventFormat.values()) {
            String s = text(e.frame(f));
            int declared = Integer.parseInt(s.substring("Content-Length: ".length(), s.indexOf('\n')));
            assertEquals(declared, s.substring(s.indexOf("\n\n") + 2).getBytes(StandardCharsets.UTF_8).length, f.name());
        }
    }

    @Test
    void customEventsPutTheSubclassFirst() {
        SimEvent e = events.custom("conference::maintenance", Sites.CONF_CREATE).add("Action", "conference-create").build();
        assertEquals("Event-Subclass", e.headerName(0));
        assertEquals("Event-Name", e.headerName(1));
        assertEquals("CUSTOM", e.name());
        assertEquals("conference::maintenance", e.subclass());
    }
}
