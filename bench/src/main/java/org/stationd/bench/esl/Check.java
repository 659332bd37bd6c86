package org.stationd.bench.esl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a client is checked on, event by event (listeners may run on several threads): counts per
 * {@code Event-Name}, the decoded {@code Event-Date-GMT}, the event bodies, and per channel
 * ({@code Unique-ID}) the order of {@code Event-Sequence}s, kept as a chained hash. Written to a
 * file as sorted lines, so the expected one (from {@link Reference}) compares line by line.
 */
final class Check {
    private final Map<String, LongAdder> names = new ConcurrentHashMap<>();
    private final LongAdder dates = new LongAdder();
    private final LongAdder dateHash = new LongAdder();
    private final LongAdder bodies = new LongAdder();
    private final LongAdder bodyHash = new LongAdder();
    private final Map<String, Long> channels = new ConcurrentHashMap<>();

    void event(String name, String dateGmt, String body, String uniqueId, String sequence) {
        names.computeIfAbsent(String.valueOf(name), k -> new LongAdder()).increment();
        if (dateGmt != null) {
            dates.increment();
            dateHash.add(dateGmt.hashCode());
        }
        if (body != null) {
            bodies.increment();
            bodyHash.add(normalize(body).hashCode());
        }
        if (uniqueId != null) {
            long seq = sequence == null ? -1 : Long.parseLong(sequence.trim());
            channels.merge(uniqueId, seq, (chain, s) -> chain * 31 + s);
        }
    }

    /** Peers hand the body out as lines; compared as text without its trailing newlines. */
    static String normalize(String body) {
        int end = body.length();
        while (end > 0 && body.charAt(end - 1) == '\n') {
            end--;
        }
        return body.substring(0, end);
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        new TreeMap<>(names).forEach((k, v) -> out.add("name " + k + " " + v.sum()));
        out.add("date-gmt " + dates.sum() + " " + dateHash.sum());
        out.add("body " + bodies.sum() + " " + bodyHash.sum());
        new TreeMap<>(channels).forEach((k, v) -> out.add("channel " + k + " " + v));
        return out;
    }

    void write(Path file) throws IOException {
        Files.write(file, lines(), StandardCharsets.UTF_8);
    }

    /** What differs from the expected lines, in a few words; "ok" when nothing does. */
    static String compare(List<String> expected, List<String> actual) {
        Map<String, String> exp = byKey(expected);
        Map<String, String> act = byKey(actual);
        int names = 0;
        int channels = 0;
        List<String> other = new ArrayList<>();
        for (String key : union(exp, act)) {
            if (exp.getOrDefault(key, "").equals(act.getOrDefault(key, ""))) {
                continue;
            }
            if (key.startsWith("name ")) {
                names++;
            } else if (key.startsWith("channel ")) {
                channels++;
            } else {
                other.add(key + " differ");
            }
        }
        if (names == 0 && channels == 0 && other.isEmpty()) {
            return "ok";
        }
        List<String> parts = new ArrayList<>(other);
        if (names > 0) {
            parts.add(names + " event-name counts differ");
        }
        if (channels > 0) {
            parts.add(channels + " channels out of order or incomplete");
        }
        return String.join(", ", parts);
    }

    private static Map<String, String> byKey(List<String> lines) {
        Map<String, String> m = new TreeMap<>();
        for (String line : lines) {
            int last = line.lastIndexOf(' ');
            int key = line.startsWith("date-gmt") || line.startsWith("body") ? line.indexOf(' ') : last;
            m.put(line.substring(0, key), line.substring(key));
        }
        return m;
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        TreeMap<String, String> all = new TreeMap<>(a);
        all.putAll(b);
        return new ArrayList<>(all.keySet());
    }
}
