package org.stationd.esl.event;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One FreeSWITCH event, whatever format it arrived in (plain, JSON or XML): its headers, decoded,
 * in the order FreeSWITCH sent them, and its own body (e.g. a BACKGROUND_JOB's result).
 *
 * <p>A plain event is a view over its bytes ({@link PlainHeaders}): a header is decoded when it is
 * first read, and the map of all headers is built only if {@link #headers()} is called.
 */
public final class EslEvent {
    /** FreeSWITCH's value for a variable that is set but undefined. */
    public static final String UNDEFINED = "_undef_";

    public enum Format { PLAIN, JSON, XML }

    private final Format format;
    private final Map<String, String> headers;   // null for a plain event read from its bytes
    private final PlainHeaders plain;
    private final int bodyLength;                // of a plain event's body, -1 when it has none
    private String body;                         // a plain event's: decoded on first call

    public EslEvent(Format format, Map<String, String> headers, String body) {
        this(Collections.unmodifiableMap(new LinkedHashMap<>(headers)), format, body);
    }

    /** Keeps {@code headers} without a copy: for the parsers, which hand over a map no one else holds. */
    static EslEvent owning(Format format, Map<String, String> headers, String body) {
        return new EslEvent(Collections.unmodifiableMap(headers), format, body);
    }

    private EslEvent(Map<String, String> unmodifiable, Format format, String body) {
        this.format = format;
        this.headers = unmodifiable;
        this.plain = null;
        this.bodyLength = -1;
        this.body = body;
    }

    /** A plain event over its bytes; its body, if any, is the {@code bodyLength} bytes just past its blank line. */
    EslEvent(PlainHeaders plain, int bodyLength) {
        this.format = Format.PLAIN;
        this.headers = null;
        this.plain = plain;
        this.bodyLength = bodyLength;
    }

    private String get(String name) {
        return plain != null ? plain.get(name) : headers.get(name);
    }

    public Format format() {
        return format;
    }

    /** {@code Event-Name}, e.g. {@code CHANNEL_ANSWER} or {@code CUSTOM}. */
    public String name() {
        return get("Event-Name");
    }

    /** {@code Event-Subclass} of CUSTOM events, e.g. {@code conference::maintenance}; null otherwise. */
    public String subclass() {
        return get("Event-Subclass");
    }

    /** {@code Unique-ID}: the channel this event is about; null for events of no channel. */
    public String uniqueId() {
        return get("Unique-ID");
    }

    /** {@code Job-UUID} of a BACKGROUND_JOB. */
    public String jobUuid() {
        return get("Job-UUID");
    }

    /** The header as sent (decoded), or null if absent. {@code _undef_} is returned as is. */
    public String header(String name) {
        return get(name);
    }

    /** The header's value, or null if it is absent or {@code _undef_}. */
    public String value(String name) {
        String v = get(name);
        return UNDEFINED.equals(v) ? null : v;
    }

    /** A channel variable ({@code variable_<name>}), or null if unset or {@code _undef_}. */
    public String variable(String name) {
        return value("variable_" + name);
    }

    /**
     * A header's values as a list: FreeSWITCH sends arrays as {@code ARRAY::a|:b|:c}; a plain value
     * is a list of one; an absent header an empty list.
     */
    public List<String> values(String name) {
        String v = value(name);
        if (v == null) {
            return List.of();
        }
        return ArrayValue.split(v);
    }

    public long longValue(String name, long fallback) {
        String v = value(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** {@code Event-Sequence}, FreeSWITCH's global event counter; -1 if absent. */
    public long sequence() {
        return longValue("Event-Sequence", -1);
    }

    /** {@code Event-Date-Timestamp} in microseconds since the epoch; -1 if absent. */
    public long timestampMicros() {
        return longValue("Event-Date-Timestamp", -1);
    }

    /** The event's own body (not the frame's), or null when it has none. */
    public String body() {
        String b = body;
        if (b == null && bodyLength >= 0) {
            b = new String(plain.data(), plain.bodyStart(), bodyLength, StandardCharsets.UTF_8);
            body = b;
        }
        return b;
    }

    public boolean hasBody() {
        return plain != null ? bodyLength >= 0 : body != null;
    }

    /** All headers in wire order, decoded, unmodifiable. */
    public Map<String, String> headers() {
        return plain != null ? plain.asMap() : headers;
    }

    /**
     * All headers, in wire order, decoded, unmodifiable, for one pass over them: a plain event's are
     * read from its bytes as the pass goes, without building the map {@link #headers()} keeps.
     */
    public Map<String, String> headersOnce() {
        return plain != null ? plain.view() : headers;
    }

    /** Whether some header's name starts with {@code prefix} (ASCII), e.g. whether the event carries channel variables. */
    public boolean hasHeaderStartingWith(String prefix) {
        return plain != null ? plain.anyNameStartsWith(prefix) : headers.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    public boolean is(String eventName) {
        return eventName.equals(name());
    }

    @Override
    public String toString() {
        String sub = subclass();
        return "EslEvent{" + name() + (sub != null ? "/" + sub : "") + (uniqueId() != null ? " " + uniqueId() : "") + "}";
    }
}
