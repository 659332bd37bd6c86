package org.stationd.esl.codec;

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
        if (s.indexOf('%') < 0) {
            return s;
        }
        // '%' and hex digits are ASCII, and UTF-8 never uses ASCII bytes inside a multibyte
        // sequence, so escapes found in the encoded bytes are exactly those found in the text
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return unescape(bytes, 0, bytes.length, firstPercent(bytes, 0, bytes.length));
    }

    /**
     * The same decoding for a value still in its wire bytes {@code [from, to)}, read as UTF-8:
     * without a {@code %} it is one String; with one, escapes are replaced in the bytes. Only a
     * value that has both an escape and non-ASCII bytes takes the path through a String, since
     * its malformed UTF-8 must become U+FFFD before, not after, the escapes are decoded.
     */
    public static String decode(byte[] b, int from, int to) {
        int first = -1;
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            byte x = b[i];
            if (x == '%' && first < 0) {
                first = i;
            }
            ascii &= x >= 0;
        }
        if (first < 0) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        if (!ascii) {
            return decode(new String(b, from, to - from, StandardCharsets.UTF_8));
        }
        return unescape(b, from, to, first);
    }

    private static int firstPercent(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '%') {
                return i;
            }
        }
        return to;
    }

    /** Replaces well-formed {@code %XX} escapes in {@code [from, to)}, the first '%' at {@code first}, and reads the result as UTF-8. */
    private static String unescape(byte[] b, int from, int to, int first) {
        byte[] out = new byte[to - from];
        int n = first - from;
        System.arraycopy(b, from, out, 0, n);
        int i = first;
        while (i < to) {
            byte c = b[i];
            int hi;
            int lo;
            if (c == '%' && i + 2 < to && (hi = hex(b[i + 1])) >= 0 && (lo = hex(b[i + 2])) >= 0) {
                out[n++] = (byte) ((hi << 4) | lo);
                i += 3;
            } else {
                out[n++] = c;
                i++;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(int c) {
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
