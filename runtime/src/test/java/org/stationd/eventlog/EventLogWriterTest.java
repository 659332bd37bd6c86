package org.stationd.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogWriterTest {
    @TempDir
    Path dir;

    private static List<String> lines(Path f) throws Exception {
        if (f.toString().endsWith(".gz")) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                return r.lines().toList();
            }
        }
        return Files.readAllLines(f);
    }

    @Test
    void writesPerStationRollsBySizeAndDayAndCompressesClosedFiles() throws Exception {
        List<Map<String, Object>> sent = new ArrayList<>();
        try (EventLogWriter w = new EventLogWriter(dir, 10_000, 2_000)) {
            EventLogTap tap = new EventLogTap(w, () -> Instant.parse("2026-11-22T23:59:00Z"));
            for (int i = 0; i < 60; i++) {
                tap.record("kla", "playlist@1", "live", "in", "esl", Map.of("name", "DTMF", "n", i));
            }
            EventLogTap tomorrow = new EventLogTap(w, () -> Instant.parse("2026-11-23T00:01:00Z"));
            tomorrow.record("kla", "playlist@1", "live", "out", "api", Map.of("cmd", "status"));
            tomorrow.record("gulu", null, null, "in", "sms", Map.of("from", "+256700", "text", "hi"));
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<String> names = files.stream().map(p -> dir.relativize(p).toString()).toList();
        assertTrue(names.contains("kla/2026-11-22.jsonl.gz"), names.toString());
        assertTrue(names.contains("kla/2026-11-22.1.jsonl.gz"), names.toString());
        assertTrue(names.contains("kla/2026-11-23.jsonl"), names.toString());
        assertTrue(names.contains("gulu/2026-11-23.jsonl"), names.toString());
        List<String> kla22 = new ArrayList<>();
        for (Path f : files) {
            if (f.getFileName().toString().startsWith("2026-11-22") && f.getParent().getFileName().toString().equals("kla")) {
                kla22.addAll(lines(f));
            }
        }
        assertEquals(60, kla22.size());
        ObjectMapper json = new ObjectMapper();
        List<Integer> order = new ArrayList<>();
        for (String l : kla22) {
            Map<?, ?> r = json.readValue(l, Map.class);
            assertEquals(1, r.get("v"));
            assertEquals("kla", r.get("st"));
            assertEquals("playlist@1", r.get("pv"));
            order.add((Integer) r.get("n"));
        }
        assertEquals(java.util.stream.IntStream.range(0, 60).boxed().toList(), order.stream().sorted().toList());
        String gulu = lines(dir.resolve("gulu/2026-11-23.jsonl")).get(0);
        assertTrue(gulu.startsWith("{\"v\":1,\"t\":\"2026-11-23T00:01:00Z\",\"st\":\"gulu\",\"dir\":\"in\",\"k\":\"sms\","), gulu);
        assertEquals(Map.of("v", 1, "t", "2026-11-23T00:01:00Z", "st", "gulu", "dir", "in", "k", "sms", "from", "+256700", "text", "hi"), json.readValue(gulu, Map.class));
    }

    /** A burst bigger than the queue waits for a writer that keeps writing: nothing is lost, nothing reordered. */
    @Test
    void aFullQueueWaitsForAWriterThatKeepsWriting() throws Exception {
        try (EventLogWriter w = new EventLogWriter(dir, 2, EventLogWriter.DEFAULT_MAX_BYTES)) {
            for (int i = 0; i < 20_000; i++) {
                assertTrue(w.append(Map.of("v", 1, "t", "2026-11-22T00:00:00Z", "st", "kla", "n", i)), "record " + i);
            }
            w.close();
            assertEquals(0, w.dropped());
            assertEquals(20_000, w.written());
        }
        List<String> lines = lines(dir.resolve("kla/2026-11-22.jsonl"));
        assertEquals(20_000, lines.size());
        assertTrue(lines.get(19_999).contains("\"n\":19999"), lines.get(19_999));
    }

    /**
     * A writer stuck on its disk (here: a named pipe no one reads, which its open waits on) holds
     * no station up: once it has written nothing for {@link EventLogWriter#STALL}, records are
     * dropped and counted, and nobody waits on it again until it writes; then nothing more is lost.
     */
    @Test
    void aStuckWriterCostsRecordsNotTime() throws Exception {
        Files.createDirectories(dir.resolve("kla"));
        Path pipe = dir.resolve("kla/2026-11-22.jsonl");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        try (EventLogWriter w = new EventLogWriter(dir, 2, 1 << 20)) {
            int accepted = 0;
            for (int i = 0; i < 1_000; i++) {
                if (w.append(Map.of("v", 1, "t", "2026-11-22T00:00:00Z", "st", "kla", "n", i))) accepted++;
            }
            assertTrue(w.dropped() > 0, "dropped " + w.dropped());
            assertEquals(1_000, accepted + w.dropped());
            // the disk comes back: the writer's open returns, it writes what it holds, and waiting is worth it again
            List<String> read = new ArrayList<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try (BufferedReader r = Files.newBufferedReader(pipe)) {
                    r.lines().forEach(read::add);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (w.written() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);   // until the writer, unblocked, writes what it held
            }
            long droppedBefore = w.dropped();
            for (int i = 0; i < 100; i++) {
                assertTrue(w.append(Map.of("v", 1, "t", "2026-11-22T00:00:01Z", "st", "kla", "n", 1_000 + i)), "after the stall, record " + i);
            }
            w.close();
            reader.join();
            assertEquals(droppedBefore, w.dropped());
            assertEquals(accepted + 100, read.size());
        }
    }

    /** Many stations, few open files: every station's records arrive in its file, in order, and the writer never holds more files than its limit. */
    @Test
    void manyStationsShareAFewOpenFilesAndLoseNothing() throws Exception {
        int stations = 50;
        try (EventLogWriter w = new EventLogWriter(dir, 100_000, 1 << 20, 4)) {
            EventLogTap tap = new EventLogTap(w, () -> Instant.parse("2026-11-22T08:00:00Z"));
            for (int i = 0; i < 20; i++) {
                for (int s = 0; s < stations; s++) {
                    tap.record("s" + s, null, null, "in", "sms", Map.of("from", "+256700", "n", i));
                }
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (w.written() < 20L * stations && System.nanoTime() < deadline) {
                Thread.sleep(10);
                assertTrue(w.openFiles() <= 4, w.openFiles() + " files open");
            }
            assertEquals(20L * stations, w.written());
        }
        ObjectMapper json = new ObjectMapper();
        for (int s = 0; s < stations; s++) {
            List<Object> order = new ArrayList<>();
            for (String l : lines(dir.resolve("s" + s + "/2026-11-22.jsonl"))) {
                order.add(json.readValue(l, Map.class).get("n"));
            }
            assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(), order, "station s" + s);
        }
    }

    /** A record's line is what Jackson writes for it: texts with quotes, newlines and non-ASCII, numbers, nulls, nested maps and lists. */
    @Test
    void aLineIsTheRecordAsJacksonWritesIt() throws Exception {
        Map<String, Object> headers = new java.util.LinkedHashMap<>();
        headers.put("Event-Name", "CHANNEL_EXECUTE");
        headers.put("variable_text", "say \"hi\"\nand\tgo \u00e9\u263a \\ /");
        headers.put("Empty", "");
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("name", "CHANNEL_EXECUTE");
        fields.put("headers", headers);
        fields.put("body", null);
        fields.put("n", 42);
        fields.put("big", 1L << 40);
        fields.put("ratio", 0.25);
        fields.put("ok", true);
        fields.put("list", List.of("a", 1, Map.of("k", "v")));
        Map<String, Object> record = EventLogTap.record("2026-11-22T08:00:00.120Z", "kla", "p@1", "live", "in", "esl", fields);
        assertEquals(new ObjectMapper().writeValueAsString(record) + "\n", EventLogWriter.line(record));
    }
}
