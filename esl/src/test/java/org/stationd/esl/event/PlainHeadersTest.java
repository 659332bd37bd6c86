package org.stationd.esl.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stationd.esl.codec.ContentType;
import org.stationd.esl.testing.EventOracle;

/**
 * The plain event view reads every header as the oracle's map does: random events with repeated,
 * long, short, non-ASCII and malformed names, more than 64 headers, and values with escapes,
 * multibyte and malformed text.
 */
class PlainHeadersTest {
    private static final List<byte[]> NAMES = List.of(
            ascii("Event-Name"), ascii("Unique-ID"), ascii("Job-UUID"), ascii("Job-UUIE"), ascii("A"), ascii("Ab"), ascii("variable_sip_h_X-Very-Long-Header-Name-Here"),
            ascii("variable_sip_h_X-Very-Long-Header-Name-Herf"), ascii("Event-Sequence"), ascii("Event-Date-GMT"), ascii("12345678"),
            ascii("1234567"), ascii("123456789"), utf8("Grüße"), utf8("variable_名前"), new byte[] {'x', (byte) 0xff, 'y'},
            new byte[] {(byte) 0xe2, (byte) 0x82}, utf8("\uFFFD"), new byte[] {(byte) 0xc3});
    private static final List<String> VALUES = List.of("", "plain", "a%20b", "%E2%82%AC", "100%", "%4", "%ZZ", "a+b", "Grüße%20x",
            "\u00ff%41", "ARRAY%3A%3Aa%7C%3Ab", "%F0%9F%8E%99 mic");

    @Test
    void readsLikeTheOracle() {
        Random random = new Random(20261204);
        for (int round = 0; round < 2000; round++) {
            byte[] event = randomEvent(random);
            EslEvent e = EslEvents.parse(ContentType.EVENT_PLAIN, event);
            EventOracle.Event expected = EventOracle.plain(event);
            assertEquals(new ArrayList<>(expected.headers().entrySet()), new ArrayList<>(e.headers().entrySet()), () -> new String(event, StandardCharsets.UTF_8));
            EslEvent once = EslEvents.parse(ContentType.EVENT_PLAIN, event);   // the one-pass view, before any map is built
            assertEquals(new ArrayList<>(expected.headers().entrySet()), new ArrayList<>(once.headersOnce().entrySet()), () -> new String(event, StandardCharsets.UTF_8));
            assertEquals(expected.headers(), once.headersOnce());
            EslEvent fresh = EslEvents.parse(ContentType.EVENT_PLAIN, event);   // lookups before the map is built
            for (Map.Entry<String, String> h : expected.headers().entrySet()) {
                assertEquals(h.getValue(), fresh.header(h.getKey()), h.getKey());
            }
            assertNull(fresh.header("Absent-Header"));
            assertNull(fresh.header("Grüße-nicht"));
        }
    }

    private static byte[] randomEvent(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int headers = 1 + random.nextInt(random.nextBoolean() ? 8 : 150);
        for (int i = 0; i < headers; i++) {
            out.writeBytes(random.nextInt(4) == 0 ? ascii("h" + random.nextInt(500)) : NAMES.get(random.nextInt(NAMES.size())));
            out.writeBytes(ascii(random.nextInt(8) == 0 ? ":" : ": "));
            out.writeBytes(utf8(VALUES.get(random.nextInt(VALUES.size()))));
            if (random.nextInt(10) == 0) {
                out.write(0xe2);   // a malformed sequence inside a value
            }
            out.write('\n');
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
