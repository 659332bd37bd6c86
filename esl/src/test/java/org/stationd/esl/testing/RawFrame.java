package org.stationd.esl.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A recorded frame read the simple way, independently of the production decoder: the header block
 * is everything up to the first blank line, the body is the rest (the recorder stored exactly one
 * frame per record). Used as the oracle the decoder is checked against.
 *
 * @param offset byte offset of the frame in its stream, as the sum of the preceding frames' lengths
 */
public record RawFrame(List<Map.Entry<String, String>> headers, byte[] body, long offset, int length) {

    public static RawFrame parse(String raw, long offset) {
        int split = raw.indexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("recorded frame has no blank line at offset " + offset);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line : raw.substring(0, split).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon < 0) {
                throw new IllegalArgumentException("recorded header line without ': ' at offset " + offset + ": " + line);
            }
            headers.add(Map.entry(line.substring(0, colon), line.substring(colon + 2)));
        }
        byte[] body = raw.substring(split + 2).getBytes(StandardCharsets.UTF_8);
        return new RawFrame(List.copyOf(headers), body, offset, raw.getBytes(StandardCharsets.UTF_8).length);
    }

    /** The recv frames of a capture, with their stream offsets. */
    public static List<RawFrame> of(List<Captures.Record> records) {
        List<RawFrame> frames = new ArrayList<>();
        long offset = 0;
        for (Captures.Record r : records) {
            if (!r.isRecv()) {
                continue;
            }
            RawFrame f = parse(r.raw(), offset);
            frames.add(f);
            offset += f.length();
        }
        return frames;
    }

    /** Frames given as their exact texts, one frame each, in stream order. */
    public static List<RawFrame> ofTexts(List<String> raws) {
        List<RawFrame> frames = new ArrayList<>();
        long offset = 0;
        for (String raw : raws) {
            RawFrame f = parse(raw, offset);
            frames.add(f);
            offset += f.length();
        }
        return frames;
    }

    /** The same frame as seen by a decoder whose stream started {@code base} bytes later. */
    public RawFrame rebased(long base) {
        return new RawFrame(headers, body, offset - base, length);
    }

    /** The last value of a header (as sent), or null. */
    public String header(String name) {
        String value = null;
        for (Map.Entry<String, String> e : headers) {
            if (e.getKey().equals(name)) {
                value = e.getValue();
            }
        }
        return value;
    }

    public String contentType() {
        return header("Content-Type");
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isEvent() {
        String t = contentType();
        return t != null && t.startsWith("text/event-");
    }
}
