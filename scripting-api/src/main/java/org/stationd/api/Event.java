package org.stationd.api;

import java.util.Map;
import java.util.Objects;

/**
 * Something that happened, handed to a program's handler. Which fields are set depends on
 * {@link #getKind()}; the others are null. Groovy reads them as properties ({@code e.digit}),
 * JavaScript too ({@code e.digit}).
 *
 * <pre>{@code
 * on.dtmf { e -> if (e.digit == '1') e.call.play('thanks.wav') }     // Groovy
 * dtmf(e) { if (e.digit === '1') e.call.play('thanks.wav'); }          // JavaScript
 * }</pre>
 */
public final class Event {
    private final EventKind kind;
    private final Call call;
    private final Call other;
    private final Conference conference;
    private final String cause;
    private final String digit;
    private final String digits;
    private final String file;
    private final String status;
    private final Double seconds;
    private final String line;
    private final String from;
    private final String to;
    private final String text;
    private final String topic;
    private final Object data;
    private final String timer;
    private final String name;
    private final Map<String, String> headers;

    private Event(Builder b) {
        this.kind = Objects.requireNonNull(b.kind, "kind");
        this.call = b.call;
        this.other = b.other;
        this.conference = b.conference;
        this.cause = b.cause;
        this.digit = b.digit;
        this.digits = b.digits;
        this.file = b.file;
        this.status = b.status;
        this.seconds = b.seconds;
        this.line = b.line;
        this.from = b.from;
        this.to = b.to;
        this.text = b.text;
        this.topic = b.topic;
        this.data = b.data;
        this.timer = b.timer;
        this.name = b.name;
        this.headers = b.headers == null ? Map.of() : Map.copyOf(b.headers);
    }

    public static Builder of(EventKind kind) {
        return new Builder(kind);
    }

    public EventKind getKind() { return kind; }
    /** The call this is about. */
    public Call getCall() { return call; }
    /** The other call of a bridge. */
    public Call getOther() { return other; }
    public Conference getConference() { return conference; }
    /** Why a call failed or ended, as FreeSWITCH names it: {@code NORMAL_CLEARING}, {@code USER_BUSY}, {@code NO_ANSWER}… */
    public String getCause() { return cause; }
    /** One key: {@code 0}-{@code 9}, {@code *}, {@code #}. */
    public String getDigit() { return digit; }
    /** Digits collected by {@code call.collect}. */
    public String getDigits() { return digits; }
    public String getFile() { return file; }
    public String getStatus() { return status; }
    /** Length of a recording, or seconds left before the slot ends (wrap-up). */
    public Double getSeconds() { return seconds; }
    /** The station line an incoming call arrived on (its name in stations.yaml, e.g. {@code call-in}). */
    public String getLine() { return line; }
    public String getFrom() { return from; }
    public String getTo() { return to; }
    public String getText() { return text; }
    public String getTopic() { return topic; }
    /** A message's data: JSON-like (maps, lists, strings, numbers, booleans, null). */
    public Object getData() { return data; }
    /** The name given to the timer. */
    public String getTimer() { return timer; }
    /** A raw ESL event's name, e.g. {@code CHANNEL_PROGRESS}. */
    public String getName() { return name; }
    /** A raw ESL event's headers. */
    public Map<String, String> getHeaders() { return headers; }

    @Override
    public String toString() {
        return call == null ? describe() : describe() + " (call " + call.getId() + ")";
    }

    /** A short human description: {@code dtmf 5}, {@code hangup NORMAL_CLEARING}, {@code playbackDone jingle.wav done}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(kind.handlerName());
        if (digit != null) sb.append(' ').append(digit);
        if (digits != null) sb.append(" '").append(digits).append('\'');
        if (file != null) sb.append(' ').append(file.contains("://") ? file : file.substring(file.lastIndexOf('/') + 1));
        if (status != null) sb.append(' ').append(status);
        if (cause != null) sb.append(' ').append(cause);
        if (conference != null) sb.append(' ').append(conference.getName());
        if (topic != null) sb.append(' ').append(topic);
        if (timer != null) sb.append(' ').append(timer);
        if (name != null) sb.append(' ').append(name);
        return sb.toString();
    }

    /** Builds events; used by the runtime and by program tests. */
    public static final class Builder {
        private final EventKind kind;
        private Call call, other;
        private Conference conference;
        private String cause, digit, digits, file, status, line, from, to, text, topic, timer, name;
        private Double seconds;
        private Object data;
        private Map<String, String> headers;

        private Builder(EventKind kind) { this.kind = kind; }

        public Builder call(Call v) { call = v; return this; }
        public Builder other(Call v) { other = v; return this; }
        public Builder conference(Conference v) { conference = v; return this; }
        public Builder cause(String v) { cause = v; return this; }
        public Builder digit(String v) { digit = v; return this; }
        public Builder digits(String v) { digits = v; return this; }
        public Builder file(String v) { file = v; return this; }
        public Builder status(String v) { status = v; return this; }
        public Builder seconds(Double v) { seconds = v; return this; }
        public Builder line(String v) { line = v; return this; }
        public Builder from(String v) { from = v; return this; }
        public Builder to(String v) { to = v; return this; }
        public Builder text(String v) { text = v; return this; }
        public Builder topic(String v) { topic = v; return this; }
        public Builder data(Object v) { data = v; return this; }
        public Builder timer(String v) { timer = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder headers(Map<String, String> v) { headers = v; return this; }

        public Event build() { return new Event(this); }
    }
}
