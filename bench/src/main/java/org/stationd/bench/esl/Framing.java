package org.stationd.bench.esl;

/**
 * Just enough of the Event Socket framing to find where a frame ends: a header block ended by a
 * blank line, then {@code Content-Length} bytes. Used to cut the captures into frames and by the
 * framing-only reader; it reads no header but {@code Content-Length} and {@code Content-Type}.
 */
final class Framing {
    private Framing() {}

    private static final byte[] CONTENT_LENGTH = "Content-Length:".getBytes();
    private static final byte[] EVENT_PLAIN = "Content-Type: text/event-plain".getBytes();

    /** Index just past the blank line that ends the header block at {@code from}, or -1 if not within {@code to}. */
    static int headerEnd(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n' && i > from && b[i - 1] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Index just past the frame at {@code from}, or -1 when it is not complete within {@code to}. */
    static int frameEnd(byte[] b, int from, int to) {
        int headerEnd = headerEnd(b, from, to);
        if (headerEnd < 0) {
            return -1;
        }
        long end = (long) headerEnd + contentLength(b, from, headerEnd);
        return end <= to ? (int) end : -1;
    }

    /** The Content-Length of the header block [from, headerEnd), 0 if it has none. */
    static int contentLength(byte[] b, int from, int headerEnd) {
        int at = indexOf(b, CONTENT_LENGTH, from, headerEnd);
        if (at < 0) {
            return 0;
        }
        int i = at + CONTENT_LENGTH.length;
        while (b[i] == ' ') {
            i++;
        }
        int n = 0;
        while (b[i] >= '0' && b[i] <= '9') {
            n = n * 10 + (b[i++] - '0');
        }
        return n;
    }

    static boolean isPlainEvent(byte[] b, int from, int headerEnd) {
        return indexOf(b, EVENT_PLAIN, from, headerEnd) >= 0;
    }

    /** A header must start its line: at {@code from} or after a newline. */
    private static int indexOf(byte[] b, byte[] what, int from, int to) {
        outer:
        for (int i = from; i + what.length <= to; i++) {
            if (i > from && b[i - 1] != '\n') {
                continue;
            }
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
