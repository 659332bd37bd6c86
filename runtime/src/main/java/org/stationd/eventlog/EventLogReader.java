package org.stationd.eventlog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads event logs: one file ({@code .jsonl} or {@code .jsonl.gz}) or a folder of them (a
 * station's folder, or the whole eventlog folder), in time order. A line that is not a version-1
 * record is an error naming the file and line.
 */
public final class EventLogReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLogReader() {}

    public static List<Map<String, Object>> read(Path path) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                s.filter(p -> p.toString().endsWith(".jsonl") || p.toString().endsWith(".jsonl.gz")).sorted().forEach(files::add);
            }
        } else {
            files.add(path);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Path f : files) {
            out.addAll(readFile(f));
        }
        // stable: records of one station keep their written order; stations interleave by time
        // by instant, not by text: Instant.toString() drops trailing zeros, so "…:01Z" would sort after "…:01.5Z"
        out.sort(java.util.Comparator.comparing(r -> (java.time.Instant) r.get(TIME)));
        out.forEach(r -> r.remove(TIME));
        return out;
    }

    /** The parsed time, kept on each record while sorting. */
    private static final String TIME = "\u0000t";

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> readFile(Path f) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(f);
             InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                Map<String, Object> rec;
                try {
                    rec = JSON.readValue(line, Map.class);
                } catch (IOException e) {
                    throw new EventLogException(f.toString(), n, "not a JSON object (" + e.getMessage().lines().findFirst().orElse("") + ")");
                }
                Object v = rec.get("v");
                if (!(v instanceof Integer version) || version != EventLogTap.FORMAT_VERSION) {
                    throw new EventLogException(f.toString(), n, "event log format version " + v + " is not supported (this stationd reads version " + EventLogTap.FORMAT_VERSION + ")");
                }
                for (String field : new String[] {"t", "st", "dir", "k"}) {
                    if (!(rec.get(field) instanceof String)) {
                        throw new EventLogException(f.toString(), n, "record has no \"" + field + "\"");
                    }
                }
                try {
                    rec.put(TIME, java.time.Instant.parse((String) rec.get("t")));
                } catch (java.time.format.DateTimeParseException e) {
                    throw new EventLogException(f.toString(), n, "\"t\" is not an ISO-8601 time: " + rec.get("t"));
                }
                out.add(rec);
            }
        }
        return out;
    }
}
