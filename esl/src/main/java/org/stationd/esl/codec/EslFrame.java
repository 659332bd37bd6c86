package org.stationd.esl.codec;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of the Event Socket stream as framed on the wire: the outer header block and the
 * body of exactly {@code Content-Length} bytes. Header values are kept as sent; {@link #header}
 * percent-decodes them (the outbound {@code connect} reply URL-encodes its channel data).
 */
public final class EslFrame {
    private final Map<String, String> rawHeaders;
    private final byte[] body;
    private final long offset;

    public EslFrame(Map<String, String> rawHeaders, byte[] body, long offset) {
        this(body, Collections.unmodifiableMap(new LinkedHashMap<>(rawHeaders)), offset);
    }

    /** Keeps {@code rawHeaders} without a copy: for the decoder, which hands over a map no one else holds. */
    static EslFrame owning(Map<String, String> rawHeaders, byte[] body, long offset) {
        return new EslFrame(body, Collections.unmodifiableMap(rawHeaders), offset);
    }

    private EslFrame(byte[] body, Map<String, String> unmodifiable, long offset) {
        this.rawHeaders = unmodifiable;
        this.body = body;
        this.offset = offset;
    }

    public String contentType() {
        return rawHeaders.getOrDefault("Content-Type", "");
    }

    /** The header's value, percent-decoded; null if absent. */
    public String header(String name) {
        String raw = rawHeaders.get(name);
        return raw == null ? null : PercentDecoder.decode(raw);
    }

    /** All headers in wire order, values as sent (not decoded). */
    public Map<String, String> rawHeaders() {
        return rawHeaders;
    }

    /** All headers in wire order, values percent-decoded. */
    public Map<String, String> headers() {
        Map<String, String> decoded = new LinkedHashMap<>();
        rawHeaders.forEach((k, v) -> decoded.put(k, PercentDecoder.decode(v)));
        return decoded;
    }

    public byte[] body() {
        return body;
    }

    public boolean hasBody() {
        return body.length > 0;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Byte offset of this frame's first byte in its connection's stream. */
    public long offset() {
        return offset;
    }

    /** {@code Reply-Text} of a command/reply, e.g. {@code +OK accepted}. */
    public String replyText() {
        return header("Reply-Text");
    }

    public boolean isEvent() {
        return ContentType.isEvent(contentType());
    }

    @Override
    public String toString() {
        return "EslFrame{" + contentType() + ", headers=" + rawHeaders.size() + ", body=" + body.length + "B @" + offset + "}";
    }
}
