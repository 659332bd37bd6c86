package org.stationd.esl.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Byte scanning for {@link PlainHeaders}, eight bytes at a time (the classic "has a zero byte"
 * test on a little-endian word: its lowest marked byte is always a real match), and the name hash:
 * built from the length and the first and last eight bytes, so it costs the same for any name.
 */
final class NameScan {
    private NameScan() {}

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = ONES * '\n';
    private static final long COLONS = ONES * ':';

    /** Marks the bytes of {@code x} that are zero (the lowest mark is exact). */
    private static long zeros(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** The first LF in {@code [from, to)}; -1 if none. */
    static int indexOfLf(byte[] data, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long marks = zeros((long) LONGS.get(data, i) ^ LFS);
            if (marks != 0) {
                return i + (Long.numberOfTrailingZeros(marks) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first ':' or LF in {@code [from, to)}, or {@code to}; its index in the low 32 bits, and
     * bit 32 set when a byte before it is not ASCII.
     */
    static long colonOrLf(byte[] data, int from, int to) {
        long high = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(data, i);
            long marks = zeros(w ^ COLONS) | zeros(w ^ LFS);
            if (marks != 0) {
                int k = Long.numberOfTrailingZeros(marks) >>> 3;
                high |= w & HIGHS & ((1L << (k * 8)) - 1);
                return result(i + k, high);
            }
            high |= w & HIGHS;
        }
        for (; i < to; i++) {
            byte b = data[i];
            if (b == ':' || b == '\n') {
                break;
            }
            high |= b & 0x80;
        }
        return result(i, high);
    }

    private static long result(int index, long high) {
        return (high != 0 ? 1L << 32 : 0) | index;
    }

    /** The hash of the name in {@code [from, to)}, ASCII. */
    static int hash(byte[] data, int from, int to) {
        int len = to - from;
        long first = len >= 8 ? (long) LONGS.get(data, from) : tail(data, from, len);
        long last = len >= 8 ? (long) LONGS.get(data, to - 8) : first;
        return mix(len, first, last);
    }

    /** The hash {@link #hash(byte[], int, int)} gives the name's UTF-8 bytes. */
    static int hash(String name) {
        int len = name.length();
        long first = 0;
        long last = 0;
        for (int k = 0; k < len; k++) {
            char c = name.charAt(k);
            if (c >= 0x80) {
                byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
                return hash(bytes, 0, bytes.length);
            }
            if (k < 8) {
                first |= (long) c << (8 * k);
            }
            if (k >= len - 8) {
                last |= (long) c << (8 * (k - (len - 8)));
            }
        }
        return mix(len, first, len >= 8 ? last : first);
    }

    private static long tail(byte[] data, int from, int len) {
        long w = 0;
        for (int k = 0; k < len; k++) {
            w |= (data[from + k] & 0xffL) << (8 * k);
        }
        return w;
    }

    private static int mix(int len, long first, long last) {
        long h = (first * 0x9E3779B97F4A7C15L + last) * 0xC2B2AE3D27D4EB4FL + len;
        return (int) (h ^ (h >>> 32));
    }
}
