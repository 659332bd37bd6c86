package org.stationd.esl.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * FreeSWITCH URL-encodes header values of plain events and of the outbound {@code connect} reply.
 * This decodes {@code %XX} escapes only ({@code +} stays a plus, as FreeSWITCH never encodes
 * spaces as {@code +}) and leaves a malformed escape exactly as it is: a bad header must not cost
 * us the whole event.
 */
public final class PercentDecoder {
    private PercentDecoder() {}

    public static String decode(String s) {
        int first = s.indexOf('%');
        if (first < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] prefix = s.substring(0, first).getBytes(StandardCharsets.UTF_8);
        out.write(prefix, 0, prefix.length);
        int i = first;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < n && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write((hex(s.charAt(i + 1)) << 4) | hex(s.charAt(i + 2)));
                i += 3;
            } else {
                int end = i + 1;
                // copy one code point (possibly a surrogate pair) as UTF-8
                if (Character.isHighSurrogate(c) && end < n && Character.isLowSurrogate(s.charAt(end))) {
                    end++;
                }
                byte[] b = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i = end;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** Characters FreeSWITCH's {@code switch_url_encode} escapes besides controls and non-ASCII. */
    private static final String UNSAFE = "\r\n #%&+:;<=>?@[\\]^`{|}\"";

    /** The inverse, byte for byte as FreeSWITCH's {@code switch_url_encode} does it (used by the simulated switch). */
    public static String encode(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte value : bytes) {
            int b = value & 0xff;
            if (b < ' ' || b > '~' || UNSAFE.indexOf(b) >= 0) {
                sb.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xf));
            } else {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    private static final String HEX = "0123456789ABCDEF";
}
