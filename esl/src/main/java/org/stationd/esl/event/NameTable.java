package org.stationd.esl.event;

import static org.stationd.esl.event.PlainHeaders.FIELDS;
import static org.stationd.esl.event.PlainHeaders.NAME_END;
import static org.stationd.esl.event.PlainHeaders.NAME_START;

import java.util.Arrays;

/**
 * Finds a header of a {@link PlainHeaders} by name: each name hashed as {@link String#hashCode}
 * hashes its text (for an ASCII name, over its bytes, so looking up a String costs no hashing
 * beyond the String's cached one), in an open-addressing table where the last of a repeated name
 * wins. Names are matched against the bytes without allocating. Immutable once built.
 */
final class NameTable {
    private final int[] hashes;   // per header: the hash of its name as a String
    private final int[] table;    // slot -> header index + 1, 0 = empty

    NameTable(PlainHeaders h) {
        int count = h.count;
        hashes = new int[count];
        for (int i = 0; i < count; i++) {
            hashes[i] = h.asciiName(i) ? asciiHash(h.data, h.at[i * FIELDS + NAME_START], h.at[i * FIELDS + NAME_END]) : h.name(i).hashCode();
        }
        table = new int[tableSize(count)];
        for (int i = 0; i < count; i++) {
            put(h, i);
        }
    }

    private static int asciiHash(byte[] data, int from, int to) {
        int hash = 0;
        for (int p = from; p < to; p++) {
            hash = 31 * hash + data[p];
        }
        return hash;
    }

    /** The index of the last header named {@code name}, or -1. */
    int find(PlainHeaders h, String name) {
        int hash = name.hashCode();
        int mask = table.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            int i = entry - 1;
            if (hashes[i] == hash && nameEquals(h, i, name)) {
                return i;
            }
        }
    }

    private void put(PlainHeaders h, int i) {
        int mask = table.length - 1;
        for (int slot = spread(hashes[i]) & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0 || (hashes[entry - 1] == hashes[i] && sameName(h, entry - 1, i))) {
                table[slot] = i + 1;
                return;
            }
        }
    }

    /** Header i's name equals {@code name}, compared byte for char while both are ASCII. */
    private static boolean nameEquals(PlainHeaders h, int i, String name) {
        if (!h.asciiName(i)) {
            return h.name(i).equals(name);
        }
        int start = h.at[i * FIELDS + NAME_START];
        int length = h.at[i * FIELDS + NAME_END] - start;
        if (length != name.length()) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (h.data[start + k] != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameName(PlainHeaders h, int a, int b) {
        if (h.asciiName(a) && h.asciiName(b)) {
            int fa = a * FIELDS;
            int fb = b * FIELDS;
            return Arrays.equals(h.data, h.at[fa + NAME_START], h.at[fa + NAME_END], h.data, h.at[fb + NAME_START], h.at[fb + NAME_END]);
        }
        return h.name(a).equals(h.name(b));
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
