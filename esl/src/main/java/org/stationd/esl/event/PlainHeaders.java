package org.stationd.esl.event;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.stationd.esl.codec.PercentDecoder;

/**
 * The headers of a {@code text/event-plain} event as a view over the event's bytes: one pass finds
 * where each {@code Name: value} line lies and hashes its name ({@link NameScan}); a name is then
 * looked up in a small open-addressing table and matched against the bytes without allocating, and
 * a value is decoded (percent-decoded only when it holds a {@code %}) on its first access and kept.
 *
 * <p>It reads exactly as the map it replaces would: names and values as UTF-8, the value after
 * one optional space, a repeated name keeps its first place with its last value. The bytes are
 * the event's own (the frame's body array, never reused), so a listener may keep the event.
 * Lazily filled fields are Strings or an unmodifiable map written once: a race at worst decodes
 * twice, and final-field semantics publish them safely.
 */
final class PlainHeaders {
    private static final int NAME_START = 0;
    private static final int NAME_END = 1;
    private static final int VALUE_START = 2;
    private static final int VALUE_END = 3;
    private static final int FIELDS = 4;

    private final byte[] data;
    private final int count;
    private final int[] at;          // FIELDS ints per header: where its name and value lie
    private final int[] hashes;      // per header: NameScan's hash of the name
    private final long asciiNames;   // bit i (i < 64): header i's name is ASCII; later headers are checked on use
    private final int[] table;       // slot -> header index + 1, 0 = empty; the last of a repeated name wins
    private final String[] values;   // decoded on first access
    private final int bodyStart;     // just past the blank line (or the end)
    private final boolean repeatedNames;   // a name on two lines: only the built map reads those as a map does
    private Map<String, String> map;

    private PlainHeaders(byte[] data, int count, int[] at, int[] hashes, long asciiNames, int bodyStart) {
        this.data = data;
        this.count = count;
        this.at = at;
        this.hashes = hashes;
        this.asciiNames = asciiNames;
        this.bodyStart = bodyStart;
        this.values = new String[count];
        this.table = new int[tableSize(count)];
        boolean repeated = false;
        for (int i = 0; i < count; i++) {
            repeated |= put(i);
        }
        this.repeatedNames = repeated;
    }

    /** Indexes the header lines up to the blank line. */
    static PlainHeaders index(byte[] data) {
        int n = data.length;
        int capacity = Math.max(16, n / 16);   // FreeSWITCH's header lines average 15-20 bytes
        int[] at = new int[FIELDS * capacity];
        int[] hashes = new int[capacity];
        long ascii = 0;
        int count = 0;
        int pos = 0;
        while (pos < n) {
            // the name up to its colon, then the value up to its LF, both eight bytes at a time
            long stop = NameScan.colonOrLf(data, pos, n);
            int i = (int) stop;
            boolean asciiName = (stop >>> 32) == 0;
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
            int lf = NameScan.indexOfLf(data, colon + 1, n);
            int lineEnd = lf < 0 ? n : lf;
            if (data[lineEnd - 1] == '\r') {   // never the colon, so the value stays after it
                lineEnd--;
            }
            int h = asciiName ? NameScan.hash(data, pos, colon)
                    : NameScan.hash(new String(data, pos, colon - pos, StandardCharsets.UTF_8));   // as the name decodes, so bytes that decode alike match alike
            int valueStart = colon + 1;
            if (valueStart < lineEnd && data[valueStart] == ' ') {
                valueStart++;
            }
            if (count == hashes.length) {
                at = Arrays.copyOf(at, at.length * 2);
                hashes = Arrays.copyOf(hashes, hashes.length * 2);
            }
            int f = count * FIELDS;
            at[f + NAME_START] = pos;
            at[f + NAME_END] = colon;
            at[f + VALUE_START] = valueStart;
            at[f + VALUE_END] = lineEnd;
            hashes[count] = h;
            if (asciiName && count < 64) {
                ascii |= 1L << count;
            }
            count++;
            pos = lf < 0 ? n : lf + 1;
        }
        return new PlainHeaders(data, count, at, hashes, ascii, pos);
    }

    private static EventFormatException badLine(int pos) {
        return new EventFormatException("plain event line without 'Name: value' at byte " + pos + " of the event");
    }

    int bodyStart() {
        return bodyStart;
    }

    byte[] data() {
        return data;
    }

    /** The decoded value of the header, or null if absent. */
    String get(String name) {
        int i = find(name);
        return i < 0 ? null : value(i);
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

    /** Whether some header's name starts with the ASCII {@code prefix}, read from the bytes. */
    boolean anyNameStartsWith(String prefix) {
        int n = prefix.length();
        for (int i = 0; i < count; i++) {
            int f = i * FIELDS;
            int start = at[f + NAME_START];
            if (at[f + NAME_END] - start < n) continue;
            int k = 0;
            while (k < n && data[start + k] == prefix.charAt(k)) k++;
            if (k == n) return true;
        }
        return false;
    }

    /**
     * The headers as a map that reads each one from the bytes when asked and builds nothing up
     * front, for a reader that goes over them once (the event log writes each event once, on its
     * own thread). Iterates in wire order like {@link #asMap()}; values it decodes are not kept.
     */
    Map<String, String> view() {
        Map<String, String> m = map;
        return m != null || repeatedNames ? asMap() : new View();
    }

    private final class View extends AbstractMap<String, String> {
        @Override public int size() { return count; }
        @Override public String get(Object key) { return key instanceof String s ? PlainHeaders.this.get(s) : null; }
        @Override public boolean containsKey(Object key) { return key instanceof String s && find(s) >= 0; }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override public int size() { return count; }

                @Override
                public Iterator<Entry<String, String>> iterator() {
                    return new Iterator<>() {
                        private int i;
                        @Override public boolean hasNext() { return i < count; }

                        @Override
                        public Entry<String, String> next() {
                            if (i >= count) throw new NoSuchElementException();
                            int h = i++;
                            String v = values[h];
                            int f = h * FIELDS;
                            return new SimpleImmutableEntry<>(name(h), v != null ? v : PercentDecoder.decode(data, at[f + VALUE_START], at[f + VALUE_END]));
                        }
                    };
                }
            };
        }
    }

    private String name(int i) {
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

    private int find(String name) {
        int h = NameScan.hash(name);
        int mask = table.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            int i = entry - 1;
            if (hashes[i] == h && nameEquals(i, name)) {
                return i;
            }
        }
    }

    /** Puts header i in the table; true if it replaced an earlier header of the same name. */
    private boolean put(int i) {
        int mask = table.length - 1;
        for (int slot = spread(hashes[i]) & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0 || (hashes[entry - 1] == hashes[i] && sameName(entry - 1, i))) {
                table[slot] = i + 1;
                return entry != 0;
            }
        }
    }

    private boolean asciiName(int i) {
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

    /** Header i's name equals {@code name}, compared byte for char while both are ASCII. */
    private boolean nameEquals(int i, String name) {
        int f = i * FIELDS;
        int start = at[f + NAME_START];
        int length = at[f + NAME_END] - start;
        if (!asciiName(i)) {
            return name(i).equals(name);
        }
        if (length != name.length()) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (data[start + k] != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private boolean sameName(int a, int b) {
        if (asciiName(a) && asciiName(b)) {
            int fa = a * FIELDS;
            int fb = b * FIELDS;
            return Arrays.equals(data, at[fa + NAME_START], at[fa + NAME_END], data, at[fb + NAME_START], at[fb + NAME_END]);
        }
        return name(a).equals(name(b));
    }

    /** The hash's high bits into the low ones the table uses. */
    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** A power of two at least twice the header count, so probes stay short. */
    private static int tableSize(int count) {
        return Math.max(8, Integer.highestOneBit(Math.max(1, count) * 2 - 1) << 1);
    }
}
