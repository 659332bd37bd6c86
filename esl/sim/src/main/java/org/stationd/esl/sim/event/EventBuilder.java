package org.stationd.esl.sim.event;

import java.util.Arrays;

/**
 * Collects an event's headers in order. Made by {@link Events}, which has already added the core
 * headers (Event-Name … Event-Sequence) and so fixed the sequence number at creation, as FreeSWITCH
 * does when it prepares an event; {@link #fire()} may come later (the API event is fired after its
 * command ran).
 */
public final class EventBuilder {
    private final Events events;
    private final String name;
    private final String subclass;
    private final long sequence;
    private String[] names = new String[96];
    private String[] values = new String[96];
    private int size;
    private String body;

    EventBuilder(Events events, String name, String subclass, long sequence) {
        this.events = events;
        this.name = name;
        this.subclass = subclass;
        this.sequence = sequence;
    }

    /** Adds a header; a null value adds nothing (FreeSWITCH skips unset values). */
    public EventBuilder add(String header, String value) {
        if (value == null) {
            return this;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = header;
        values[size] = value;
        size++;
        return this;
    }

    public EventBuilder add(String header, long value) {
        return add(header, Long.toString(value));
    }

    public EventBuilder add(String header, boolean value) {
        return add(header, value ? "true" : "false");
    }

    /** Adds a header only when the value is not empty (caller-profile fields). */
    public EventBuilder addIfNotEmpty(String header, String value) {
        if (value != null && !value.isEmpty()) {
            add(header, value);
        }
        return this;
    }

    public EventBuilder body(String body) {
        this.body = body;
        return this;
    }

    public String name() {
        return name;
    }

    public long sequence() {
        return sequence;
    }

    public SimEvent build() {
        return new SimEvent(name, subclass, sequence, names, values, size, body);
    }

    /** Builds and delivers the event to every sink. */
    public SimEvent fire() {
        SimEvent e = build();
        events.deliver(e);
        return e;
    }
}
