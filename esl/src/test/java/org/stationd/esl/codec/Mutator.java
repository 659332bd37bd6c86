package org.stationd.esl.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Damages a frame the ways a broken peer or a bug might: flipped bytes, cuts, repeats, garbage, wrong lengths. */
final class Mutator {
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private final Random random;

    Mutator(Random random) {
        this.random = random;
    }

    static byte[] garbage(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    byte[] mutate(byte[] frame) {
        byte[] f = frame.clone();
        return switch (random.nextInt(9)) {
            case 0 -> flipBytes(f);
            case 1 -> Arrays.copyOf(f, random.nextInt(f.length + 1));                   // truncate
            case 2 -> splice(f, random.nextInt(f.length + 1), segment(f));              // duplicate a piece
            case 3 -> splice(f, random.nextInt(f.length + 1), garbage(random, 1 + random.nextInt(64)));
            case 4, 5 -> alterContentLength(f);
            case 6 -> delete(f);
            case 7 -> splice(f, random.nextInt(f.length + 1), "\n\n".getBytes(StandardCharsets.US_ASCII));   // early blank line
            default -> concat(flipBytes(f), frame.clone());                            // a damaged frame, then an intact one
        };
    }

    private byte[] flipBytes(byte[] f) {
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n && f.length > 0; i++) {
            int at = random.nextInt(f.length);
            f[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (f[at] ^ (1 << random.nextInt(8)));
        }
        return f;
    }

    private byte[] segment(byte[] f) {
        int from = random.nextInt(f.length + 1);
        int to = Math.min(f.length, from + random.nextInt(200));
        return Arrays.copyOfRange(f, from, to);
    }

    private byte[] delete(byte[] f) {
        int from = random.nextInt(f.length + 1);
        int to = Math.min(f.length, from + 1 + random.nextInt(100));
        return concat(Arrays.copyOf(f, from), Arrays.copyOfRange(f, to, f.length));
    }

    /** Rewrites the digits after one of the frame's Content-Length headers (outer or an event's inner one). */
    private byte[] alterContentLength(byte[] f) {
        int[] hits = new int[8];
        int count = 0;
        for (int i = 0; i + CONTENT_LENGTH.length <= f.length && count < hits.length; i++) {
            if (Arrays.equals(f, i, i + CONTENT_LENGTH.length, CONTENT_LENGTH, 0, CONTENT_LENGTH.length)) {
                hits[count++] = i + CONTENT_LENGTH.length;
            }
        }
        if (count == 0) {
            return flipBytes(f);
        }
        int start = hits[random.nextInt(count)];
        int end = start;
        while (end < f.length && end - start < 9 && f[end] >= '0' && f[end] <= '9') {
            end++;
        }
        long n = end > start ? Long.parseLong(new String(f, start, end - start, StandardCharsets.US_ASCII)) : 0;
        String replacement = switch (random.nextInt(8)) {
            case 0 -> Long.toString(n + 1 + random.nextInt(50));
            case 1 -> Long.toString(Math.max(0, n - 1 - random.nextInt(50)));
            case 2 -> "0";
            case 3 -> "-" + n;
            case 4 -> "99999999999999999999";
            case 5 -> Long.toString(n * 1000);
            case 6 -> "";
            default -> "1x" + n;
        };
        byte[] r = replacement.getBytes(StandardCharsets.US_ASCII);
        return concat(concat(Arrays.copyOf(f, start), r), Arrays.copyOfRange(f, end, f.length));
    }

    private static byte[] splice(byte[] f, int at, byte[] insert) {
        return concat(concat(Arrays.copyOf(f, at), insert), Arrays.copyOfRange(f, at, f.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
