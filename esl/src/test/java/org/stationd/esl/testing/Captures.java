package org.stationd.esl.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The real FreeSWITCH transcripts in {@code shared/esl-captures}: JSON lines of
 * {@code {"t", "dir", "raw"}}, one per frame. Shipped in the esl test-jar for other modules and
 * the benchmarks, so it uses only the JDK and Jackson (no JUnit).
 *
 * <p>A missing directory is an error, never a reason to skip: tests that silently pass without
 * their ground truth prove nothing.
 */
public final class Captures {
    /** System property naming the captures directory (set by esl/pom.xml for surefire). */
    public static final String DIR_PROPERTY = "esl.captures.dir";
    private static final JsonFactory JSON = new JsonFactory();
    private static final Map<Path, SoftReference<List<Record>>> CACHE = new ConcurrentHashMap<>();

    private Captures() {}

    /** One frame as recorded. {@code raw} is the exact frame text (UTF-8 on the wire). */
    public record Record(double t, String dir, String raw) {
        public boolean isRecv() {
            return "recv".equals(dir);
        }

        public boolean isSend() {
            return "send".equals(dir);
        }

        public byte[] bytes() {
            return raw.getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * The captures directory: {@value #DIR_PROPERTY}, else {@code ../shared/esl-captures} beside the
     * checkout ({@link Shared}); never a folder found by walking up from the working directory.
     */
    public static Path dir() {
        return Shared.find(DIR_PROPERTY, System.getProperty(DIR_PROPERTY), "esl-captures", Files::isDirectory);
    }

    /** A capture file by name ({@code 03_station_playback_plain.jsonl}) or by its number prefix ({@code 03}). */
    public static Path file(String nameOrPrefix) {
        Path dir = dir();
        Path exact = dir.resolve(nameOrPrefix);
        if (Files.isRegularFile(exact)) {
            return exact;
        }
        List<Path> matches = all().stream()
                .filter(p -> p.getFileName().toString().startsWith(nameOrPrefix + "_"))
                .toList();
        if (matches.size() != 1) {
            throw new IllegalStateException("no single ESL capture named '" + nameOrPrefix + "' in " + dir + ": " + matches);
        }
        return matches.getFirst();
    }

    /** Every {@code *.jsonl} capture, sorted by name. */
    public static List<Path> all() {
        try (Stream<Path> s = Files.list(dir())) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalStateException("ESL captures directory " + dir() + " holds no .jsonl files");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Record> load(String nameOrPrefix) {
        return load(file(nameOrPrefix));
    }

    /** All records of a capture, in file order. Cached softly: the churn capture is 27 MB. */
    public static List<Record> load(Path file) {
        Path key = file.toAbsolutePath().normalize();
        SoftReference<List<Record>> ref = CACHE.get(key);
        List<Record> records = ref == null ? null : ref.get();
        if (records == null) {
            records = read(key);
            CACHE.put(key, new SoftReference<>(records));
        }
        return records;
    }

    public static List<Record> recv(String nameOrPrefix) {
        return load(nameOrPrefix).stream().filter(Record::isRecv).toList();
    }

    public static List<Record> send(String nameOrPrefix) {
        return load(nameOrPrefix).stream().filter(Record::isSend).toList();
    }

    /** The exact byte stream FreeSWITCH sent: all {@code recv} raws joined. */
    public static byte[] recvStream(String nameOrPrefix) {
        return join(recv(nameOrPrefix));
    }

    public static byte[] recvStream(Path file) {
        return join(load(file).stream().filter(Record::isRecv).toList());
    }

    public static byte[] join(List<Record> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Record r : records) {
            out.writeBytes(r.bytes());
        }
        return out.toByteArray();
    }

    private static List<Record> read(Path file) {
        List<Record> records = new ArrayList<>();
        try (JsonParser p = JSON.createParser(file.toFile())) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token != JsonToken.START_OBJECT) {
                    throw new IllegalStateException(file + ": expected one JSON object per line near " + p.currentLocation());
                }
                records.add(readRecord(p, file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ESL capture " + file, e);
        }
        return List.copyOf(records);
    }

    private static Record readRecord(JsonParser p, Path file) throws IOException {
        Double t = null;
        String dir = null;
        String raw = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "t" -> t = p.getDoubleValue();
                case "dir" -> dir = p.getText();
                case "raw" -> raw = p.getText();
                default -> p.skipChildren();
            }
        }
        if (t == null || raw == null || !("send".equals(dir) || "recv".equals(dir))) {
            throw new IllegalStateException(file + ": record without t, dir (send|recv) and raw near " + p.currentLocation());
        }
        return new Record(t, dir, raw);
    }
}
