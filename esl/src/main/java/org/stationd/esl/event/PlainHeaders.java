package org.stationd.esl.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stationd.esl.codec.PercentDecoder;

/**
 * The headers of a {@code text/event-plain} event as a view over the event's bytes. Reading an
 * event costs one pass over its lines, which checks them and notes where each name and value lies,
 * and where the few headers every reader asks for are ({@code Event-Name}, {@code Unique-ID},
 * {@code Job-UUID}, {@code Content-Length}). That pass is all the socket's thread does; a lookup
 * of any other name first builds a {@link NameTable} (hashes, open addressing), on the thread of
 * whoever asks, so the socket's thread does not pay for it. A value is decoded (percent-decoded
 * only when it holds a {@code %}) on its first access and kept.
 *
 * <p>It reads exactly as the map it replaces would: names and values as UTF-8, the value after
 * one optional space, a repeated name keeps its first place with its last value. The bytes are
 * the event's own (the frame's body array, never reused), so a listener may keep the event.
 * Lazily filled fields are Strings, an unmodifiable map or a table with final fields, each written
 * once: a race at worst builds or decodes twice, and final-field semantics publish them safely.
 */
final class PlainHeaders {
    static final int NAME_START = 0;
    static final int NAME_END = 1;
    static final int VALUE_START = 2;
    static final int VALUE_END = 3;
    static final int FIELDS = 4;

    private static final byte[] EVENT_NAME = ascii("Event-Name");
    private static final byte[] UNIQUE_ID = ascii("Unique-ID");
    private static final byte[] JOB_UUID = ascii("Job-UUID");
    private static final byte[] CONTENT_LENGTH = ascii("Content-Length");

    final byte[] data;
    final int count;
    final int[] at;                   // FIELDS ints per header: where its name and value lie
    private final long asciiNames;    // bit i (i < 64): header i's name is ASCII; later headers are checked on use
    private final int eventName;      // index of the last header of that name, -1 if none
    private final int uniqueId;
    private final int jobUuid;
    private final int contentLength;
    private final String[] values;    // decoded on first access
    private final int bodyStart;      // just past the blank line (or the end)
    private NameTable table;
    private Map<String, String> map;

    private PlainHeaders(byte[] data, int count, int[] at, long asciiNames, int[] known, int bodyStart) {
        this.data = data;
        this.count = count;
        this.at = at;
        this.asciiNames = asciiNames;
        this.eventName = known[0];
        this.uniqueId = known[1];
        this.jobUuid = known[2];
        this.contentLength = known[3];
        this.bodyStart = bodyStart;
        this.values = new String[count];
    }

    /**
     * Finds the header lines up to the blank line, with plain byte loops: not eight bytes at a
     * time through a VarHandle, which is no faster once compiled and many times slower before,
     * and a short-lived client or a loaded machine runs a good share of its events before the
     * JIT's last tier.
     */
    static PlainHeaders index(byte[] data) {
        int n = data.length;
        int capacity = Math.max(16, n / 16);   // FreeSWITCH's header lines average 15-20 bytes
        int[] at = new int[FIELDS * capacity];
        int[] known = {-1, -1, -1, -1};
        long ascii = 0;
        int count = 0;
        int pos = 0;
        while (pos < n) {
            int high = 0;
            int i = pos;
            for (; i < n; i++) {
                byte b = data[i];
                if (b == ':' || b == '\n') {
                    break;
                }
                high |= b;
            }
            if (i == n || data[i] == '\n') {   // no colon on this line: the blank line, or a bad line
                int lineEnd = i > pos && data[i - 1] == '\r' ? i - 1 : i;
                if (lineEnd == pos) {
                    pos = i == n ? n : i + 1;
                    break;
                }
                throw badLine(pos);
            }
            int colon = i;
            if (colon == pos) {
                throw badLine(pos);
            }
            int lf = colon + 1;
            while (lf < n && data[lf] != '\n') {
                lf++;
            }
            int lineEnd = lf;
            if (data[lineEnd - 1] == '\r') {   // never the colon, so the value stays after it
                lineEnd--;
            }
            int valueStart = colon + 1;
            if (valueStart < lineEnd && data[valueStart] == ' ') {
                valueStart++;
            }
            if (count * FIELDS == at.length) {
                at = Arrays.copyOf(at, at.length * 2);
            }
            int f = count * FIELDS;
            at[f + NAME_START] = pos;
            at[f + NAME_END] = colon;
            at[f + VALUE_START] = valueStart;
            at[f + VALUE_END] = lineEnd;
            if (high >= 0) {
                if (count < 64) {
                    ascii |= 1L << count;
                }
                noteKnown(data, pos, colon, count, known);
            }
            count++;
            pos = lf == n ? n : lf + 1;
        }
        return new PlainHeaders(data, count, at, ascii, known, pos);
    }

    /** Notes header {@code index} if its (ASCII) name is one of the few every reader asks for. */
    private static void noteKnown(byte[] data, int from, int to, int index, int[] known) {
        switch (to - from) {
            case 10 -> { if (same(data, from, EVENT_NAME)) known[0] = index; }
            case 9 -> { if (same(data, from, UNIQUE_ID)) known[1] = index; }
            case 8 -> { if (same(data, from, JOB_UUID)) known[2] = index; }
            case 14 -> { if (same(data, from, CONTENT_LENGTH)) known[3] = index; }
            default -> { }
        }
    }

    /** A plain loop, last byte first (names of one length differ mostly at the end): Arrays.equals is slow before the JIT's last tier. */
    private static boolean same(byte[] data, int from, byte[] name) {
        for (int k = name.length - 1; k >= 0; k--) {
            if (data[from + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    private static EventFormatException badLine(int pos) {
        return new EventFormatException("plain event line without 'Name: value' at byte " + pos + " of the event");
    }

    int bodyStart() {
        return bodyStart;
    }

    /** The decoded value of the header, or null if absent. */
    String get(String name) {
        int i = switch (name) {
            case "Event-Name" -> eventName;
            case "Unique-ID" -> uniqueId;
            case "Job-UUID" -> jobUuid;
            case "Content-Length" -> contentLength;
            default -> table().find(this, name);
        };
        return i < 0 ? null : value(i);
    }

    private NameTable table() {
        NameTable t = table;
        if (t == null) {
            t = new NameTable(this);
            table = t;
        }
        return t;
    }

    /** All headers in wire order, decoded; built once, on first call. */
    Map<String, String> asMap() {
        Map<String, String> m = map;
        if (m == null) {
            LinkedHashMap<String, String> built = new LinkedHashMap<>(count * 4 / 3 + 1);
            for (int i = 0; i < count; i++) {
                built.put(name(i), value(i));
            }
            m = Collections.unmodifiableMap(built);
            map = m;
        }
        return m;
    }

    String name(int i) {
        int f = i * FIELDS;
        return new String(data, at[f + NAME_START], at[f + NAME_END] - at[f + NAME_START], StandardCharsets.UTF_8);
    }

    private String value(int i) {
        String v = values[i];
        if (v == null) {
            int f = i * FIELDS;
            v = PercentDecoder.decode(data, at[f + VALUE_START], at[f + VALUE_END]);
            values[i] = v;
        }
        return v;
    }

    boolean asciiName(int i) {
        if (i < 64) {
            return (asciiNames & (1L << i)) != 0;
        }
        int f = i * FIELDS;
        for (int p = at[f + NAME_START]; p < at[f + NAME_END]; p++) {
            if (data[p] < 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
