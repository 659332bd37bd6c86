package org.stationd.eventlog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The folders a recording's file paths point into. A station plays {@code <media>/jingle.wav} and
 * records into {@code <recordings>/<station>/…}; its {@code load} records say which folders those
 * were ({@code media}, {@code recordings}). A replay from another folder (another checkout, another
 * machine, another test's temporary folder) reads the recorded paths as paths in its own folders.
 *
 * <p>A folder is replaced only where it begins a path: at the start of a text or after a character
 * that cannot be part of one (a space, a quote, {@code }}, …), and followed by {@code /} or the end
 * of the path. Longer folders are tried first, so a recordings folder inside the media folder (or
 * the other way round) maps correctly.
 */
public final class RecordedPaths {
    /** Field names in a {@code load} record. */
    public static final String MEDIA = "media";
    public static final String RECORDINGS = "recordings";

    private static final RecordedPaths NONE = new RecordedPaths(List.of());

    private record Pair(String from, String to) {}

    private final List<Pair> pairs;

    private RecordedPaths(List<Pair> pairs) {
        List<Pair> sorted = new ArrayList<>(pairs);
        sorted.removeIf(p -> p.from == null || p.from.isEmpty() || p.to == null || p.from.equals(p.to));
        sorted.sort(Comparator.comparingInt((Pair p) -> p.from.length()).reversed());
        this.pairs = List.copyOf(sorted);
    }

    public static RecordedPaths none() {
        return NONE;
    }

    /**
     * Maps the folders a {@code load} record names to {@code media} and {@code recordings}
     * (absolute, as a station resolves them). A record without the fields (a log written before
     * they existed) maps nothing: its paths are taken as they are.
     */
    public static RecordedPaths of(Map<String, Object> load, Path media, Path recordings) {
        List<Pair> p = new ArrayList<>();
        if (load.get(MEDIA) instanceof String m && media != null) p.add(new Pair(m, media.toAbsolutePath().toString()));
        if (load.get(RECORDINGS) instanceof String r && recordings != null) p.add(new Pair(r, recordings.toAbsolutePath().toString()));
        return new RecordedPaths(p);
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** A recorded text with its folders replaced. */
    public String translate(String s) {
        if (pairs.isEmpty() || s == null) return s;
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < s.length()) {
            Pair hit = null;
            if (i == 0 || !pathChar(s.charAt(i - 1))) {
                for (Pair p : pairs) {
                    if (s.startsWith(p.from, i) && ends(s, i + p.from.length())) {
                        hit = p;
                        break;
                    }
                }
            }
            if (hit == null) {
                i++;
                continue;
            }
            if (out == null) out = new StringBuilder(s.length() + 64);
            out.append(s, copied, i).append(hit.to);
            i += hit.from.length();
            copied = i;
        }
        if (out == null) return s;
        return out.append(s, copied, s.length()).toString();
    }

    /** Every text inside a record's value (maps, lists, strings) translated; other values as they are. */
    public Object translateAll(Object value) {
        if (pairs.isEmpty()) return value;
        if (value instanceof String s) return translate(s);
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), translateAll(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(translateAll(v)));
            return out;
        }
        return value;
    }

    /**
     * A log whose folders are renamed: every station's recorded {@code media} and
     * {@code recordings} folders become the given ones (relative names such as
     * {@code programs/media} are fine: a replay maps them to its own folders like any other). Used
     * to make a recording independent of where it was made, e.g. before committing it as an example.
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> relocate(List<Map<String, Object>> log, String media, String recordings) {
        Map<String, RecordedPaths> byStation = new LinkedHashMap<>();
        List<Map<String, Object>> out = new ArrayList<>(log.size());
        for (Map<String, Object> r : log) {
            String st = String.valueOf(r.get("st"));
            if ("load".equals(r.get("k"))) {
                List<Pair> p = new ArrayList<>();
                if (r.get(MEDIA) instanceof String m) p.add(new Pair(m, media));
                if (r.get(RECORDINGS) instanceof String rec) p.add(new Pair(rec, recordings));
                byStation.put(st, new RecordedPaths(p));
            }
            RecordedPaths paths = byStation.getOrDefault(st, NONE);
            out.add((Map<String, Object>) paths.translateAll(r));
        }
        return out;
    }

    private static boolean ends(String s, int at) {
        return at == s.length() || s.charAt(at) == '/' || !pathChar(s.charAt(at));
    }

    private static boolean pathChar(char c) {
        return Character.isLetterOrDigit(c) || c == '/' || c == '.' || c == '_' || c == '-' || c == '~' || c == '\\';
    }

    @Override
    public String toString() {
        return pairs.toString();
    }
}
