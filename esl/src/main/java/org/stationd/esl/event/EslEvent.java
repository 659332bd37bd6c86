package org.stationd.esl.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One FreeSWITCH event, whatever format it arrived in (plain, JSON or XML): its headers, decoded,
 * in the order FreeSWITCH sent them, and its own body (e.g. a BACKGROUND_JOB's result).
 */
public final class EslEvent {
    /** FreeSWITCH's value for a variable that is set but undefined. */
    public static final String UNDEFINED = "_undef_";

    public enum Format { PLAIN, JSON, XML }

    private final Format format;
    private final Map<String, String> headers;
    private final String body;

    public EslEvent(Format format, Map<String, String> headers, String body) {
        this.format = format;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body;
    }

    public Format format() {
        return format;
    }

    /** {@code Event-Name}, e.g. {@code CHANNEL_ANSWER} or {@code CUSTOM}. */
    public String name() {
        return headers.get("Event-Name");
    }

    /** {@code Event-Subclass} of CUSTOM events, e.g. {@code conference::maintenance}; null otherwise. */
    public String subclass() {
        return headers.get("Event-Subclass");
    }

    /** {@code Unique-ID}: the channel this event is about; null for events of no channel. */
    public String uniqueId() {
        return headers.get("Unique-ID");
    }

    /** {@code Job-UUID} of a BACKGROUND_JOB. */
    public String jobUuid() {
        return headers.get("Job-UUID");
    }

    /** The header as sent (decoded), or null if absent. {@code _undef_} is returned as is. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The header's value, or null if it is absent or {@code _undef_}. */
    public String value(String name) {
        String v = headers.get(name);
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
        return body;
    }

    public boolean hasBody() {
        return body != null;
    }

    public Map<String, String> headers() {
        return headers;
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
