package org.stationd.esl.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stationd.esl.testing.EventOracle;

class PercentDecoderTest {
    private static final String SPECIAL = "%+:; \n\r&=";

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "2026-11-22%2006%3A27%3A15 | 2026-11-22 06:27:15",
            "%E2%82%AC                 | €",
            "Gr%c3%bc%C3%9Fe           | Grüße",
            "%F0%9F%8E%99              | 🎙",
            "a+b                       | a+b",
            "100%ZZ                    | 100%ZZ",
            "trailing%                 | trailing%",
            "short%4                   | short%4",
            "%%41                      | %A",
            "%                         | %",
            "%%                        | %%",
            "ünchanged%20ü             | ünchanged ü",
    })
    void decodesLeniently(String encoded, String decoded) {
        assertEquals(decoded, PercentDecoder.decode(encoded));
    }

    @Test
    void connectReplyText() {
        assertEquals("+OK\n", PercentDecoder.decode("%2BOK%0A"));
    }

    @Test
    void valueWithoutEscapesIsReturnedAsIs() {
        String plain = "CHANNEL_ANSWER";
        assertSame(plain, PercentDecoder.decode(plain));
    }

    /** Invalid UTF-8 after decoding becomes U+FFFD; it never throws. */
    @Test
    void invalidUtf8BecomesReplacementCharacter() {
        assertEquals("a\uFFFDb", PercentDecoder.decode("a%FFb"));
        assertEquals("\uFFFD", PercentDecoder.decode("%E2%82"));
    }

    /** Against java.net.URLDecoder (behind EventOracle) on random mixes of escapes, junk and non-ASCII. */
    @Test
    void agreesWithAnIndependentDecoderOnRandomInput() {
        String alphabet = "%%%%0123456789abcdefABCDEFGZz+ :/€ü🎙";
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(24);
            for (int j = 0; j < n; j++) {
                int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
                sb.appendCodePoint(cp);
            }
            String s = sb.toString();
            assertEquals(EventOracle.percentDecode(s), PercentDecoder.decode(s), s);
        }
    }

    @Test
    void encodeIsTheInverseOfDecode() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(30);
            for (int j = 0; j < n; j++) {
                int cp = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> 0x80 + random.nextInt(0x700);
                    case 2 -> 0x1F300 + random.nextInt(0x300);
                    default -> SPECIAL.charAt(random.nextInt(SPECIAL.length()));
                };
                sb.appendCodePoint(cp);
            }
            String s = sb.toString();
            String encoded = PercentDecoder.encode(s);
            assertEquals(s, PercentDecoder.decode(encoded), encoded);
            assertEquals(-1, encoded.indexOf('\n'), "encoded values stay on one header line");
        }
    }
}
