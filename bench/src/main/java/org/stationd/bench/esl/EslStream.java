package org.stationd.bench.esl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.stationd.esl.testing.Captures;

/**
 * The byte stream every client of the comparison reads: the {@code text/event-plain} frames that
 * the real FreeSWITCH sent in the plain-event captures (03, 08, 09, 10: 11,4xx events), exactly
 * as recorded, the whole set repeated. The peers read plain events only, so JSON (04) is left out.
 */
final class EslStream {
    static final List<String> CAPTURES = List.of("03", "08", "09", "10");

    /** The event frames of one pass, each the exact wire bytes. */
    final List<byte[]> frames;

    private EslStream(List<byte[]> frames) {
        this.frames = frames;
    }

    static EslStream fromCaptures() {
        List<byte[]> frames = new ArrayList<>();
        for (String capture : CAPTURES) {
            byte[] bytes = Captures.recvStream(capture);
            int pos = 0;
            while (pos < bytes.length) {
                int end = Framing.frameEnd(bytes, pos, bytes.length);
                if (end < 0) {
                    throw new IllegalStateException("capture " + capture + " ends inside a frame at byte " + pos);
                }
                if (Framing.isPlainEvent(bytes, pos, Framing.headerEnd(bytes, pos, end))) {
                    byte[] frame = new byte[end - pos];
                    System.arraycopy(bytes, pos, frame, 0, frame.length);
                    frames.add(frame);
                }
                pos = end;
            }
        }
        return new EslStream(List.copyOf(frames));
    }

    int eventsPerPass() {
        return frames.size();
    }

    long bytesPerPass() {
        long n = 0;
        for (byte[] f : frames) {
            n += f.length;
        }
        return n;
    }

    /** The stream cut into chunks of about {@code size} bytes at frame boundaries, so a reply can go between two chunks. */
    List<byte[]> chunks(int passes, int size) {
        List<byte[]> chunks = new ArrayList<>();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(size + 64 * 1024);
        for (int p = 0; p < passes; p++) {
            for (byte[] f : frames) {
                chunk.writeBytes(f);
                if (chunk.size() >= size) {
                    chunks.add(chunk.toByteArray());
                    chunk.reset();
                }
            }
        }
        if (chunk.size() > 0) {
            chunks.add(chunk.toByteArray());
        }
        return chunks;
    }

    /** The event text of a frame (its body), for the reference check. */
    static String body(byte[] frame) {
        int headerEnd = Framing.headerEnd(frame, 0, frame.length);
        return new String(frame, headerEnd, frame.length - headerEnd, StandardCharsets.UTF_8);
    }
}
