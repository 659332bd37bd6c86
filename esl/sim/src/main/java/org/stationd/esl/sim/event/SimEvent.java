package org.stationd.esl.sim.event;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stationd.esl.command.EventFormat;

/**
 * One event the simulated switch fires: headers in FreeSWITCH's order (duplicates allowed, as
 * FreeSWITCH sends e.g. {@code Channel-Write-Codec-Name} twice), values unencoded, and an
 * optional body. Encoded once per format on first use, however many connections receive it.
 */
public final class SimEvent {
    private final String name;
    private final String subclass;
    private final long sequence;
    private final String[] names;
    private final String[] values;
    private final int size;
    private final String body;
    private volatile byte[] plain;
    private volatile byte[] json;
    private volatile byte[] xml;

    SimEvent(String name, String subclass, long sequence, String[] names, String[] values, int size, String body) {
        this.name = name;
        this.subclass = subclass;
        this.sequence = sequence;
        this.names = names;
        this.values = values;
        this.size = size;
        this.body = body;
    }

    public String name() {
        return name;
    }

    /** Event-Subclass of a CUSTOM event, else null. */
    public String subclass() {
        return subclass;
    }

    public long sequence() {
        return sequence;
    }

    /** The first header of that name (case-insensitive, as FreeSWITCH's lookups are), or null. */
    public String header(String headerName) {
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(headerName)) {
                return values[i];
            }
        }
        return null;
    }

    public String uniqueId() {
        return header("Unique-ID");
    }

    public String body() {
        return body;
    }

    public int headerCount() {
        return size;
    }

    public String headerName(int i) {
        return names[i];
    }

    public String headerValue(int i) {
        return values[i];
    }

    /** Headers in order; duplicates kept. */
    public List<Map.Entry<String, String>> headers() {
        List<Map.Entry<String, String>> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]));
        }
        return list;
    }

    /** Headers as a map (first occurrence wins), for tests and listeners. */
    public Map<String, String> headerMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            m.putIfAbsent(names[i], values[i]);
        }
        return m;
    }

    /** The complete frame (outer headers + event) in the given format. */
    public byte[] frame(EventFormat format) {
        switch (format) {
            case PLAIN -> {
                byte[] b = plain;
                if (b == null) {
                    plain = b = EventEncoding.plainFrame(this);
                }
                return b;
            }
            case JSON -> {
                byte[] b = json;
                if (b == null) {
                    json = b = EventEncoding.jsonFrame(this);
                }
                return b;
            }
            default -> {
                byte[] b = xml;
                if (b == null) {
                    xml = b = EventEncoding.xmlFrame(this);
                }
                return b;
            }
        }
    }

    String[] names() {
        return Arrays.copyOf(names, size);
    }

    @Override
    public String toString() {
        return "SimEvent{" + name + (subclass != null ? "/" + subclass : "") + " #" + sequence + (uniqueId() != null ? " " + uniqueId() : "") + "}";
    }
}
