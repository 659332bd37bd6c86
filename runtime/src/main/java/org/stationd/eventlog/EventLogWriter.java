package org.stationd.eventlog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends event-log records (one JSON object per line, see docs/eventlog.md) per station under
 * {@code <dir>/<station>/<yyyy-MM-dd>.jsonl}. A background thread writes; stations only offer to
 * a bounded queue and never wait. If the writer falls behind, records are dropped, counted and
 * logged. Files roll over by day (UTC) and by size; closed files are gzip-compressed.
 */
public final class EventLogWriter implements AutoCloseable {
    public static final int DEFAULT_QUEUE = 65_536;
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(EventLogWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> FLUSH = Map.of();

    private final Path dir;
    private final long maxBytes;
    private final BlockingQueue<Map<String, Object>> queue;
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, Open> open = new java.util.HashMap<>();
    private volatile boolean running = true;

    private static final class Open {
        LocalDate day;
        int part;
        Path file;
        Writer out;
        long bytes;
    }

    public EventLogWriter(Path dir, int queueCapacity, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = Thread.ofPlatform().name("eventlog-writer").daemon(true).start(this::run);
    }

    /** Queues a record (it must have "st" and "t"); never blocks. Returns false if it was dropped. */
    public boolean append(Map<String, Object> record) {
        if (queue.offer(record)) {
            return true;
        }
        long n = dropped.incrementAndGet();
        if (n == 1 || n % 10_000 == 0) {
            log.warn("event log is falling behind: {} record(s) dropped so far", n);
        }
        return false;
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            Map<String, Object> r;
            try {
                r = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (r == null || r == FLUSH) {
                flushAll();
                continue;
            }
            try {
                write(r);
                written.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                dropped.incrementAndGet();
                log.error("event log: cannot write a record of station {}: {}", r.get("st"), e.getMessage());
            }
        }
        flushAll();
        for (Open o : open.values()) {
            closeQuietly(o);
        }
    }

    private void write(Map<String, Object> r) throws IOException {
        String station = String.valueOf(r.get("st"));
        Instant t = Instant.parse(String.valueOf(r.get("t")));
        LocalDate day = LocalDate.ofInstant(t, ZoneOffset.UTC);
        Open o = open.computeIfAbsent(station, s -> new Open());
        if (o.out == null || !day.equals(o.day) || o.bytes >= maxBytes) {
            roll(station, o, day);
        }
        String line = line(r);
        o.out.write(line);
        o.bytes += line.getBytes(StandardCharsets.UTF_8).length;
    }

    /** One record as a line of the log: compact JSON, fields in the map's order, ending in a newline. */
    public static String line(Map<String, Object> record) throws IOException {
        return JSON.writeValueAsString(record) + "\n";
    }

    private void roll(String station, Open o, LocalDate day) throws IOException {
        if (o.out != null) {
            closeQuietly(o);
            compress(o.file);
        }
        o.part = day.equals(o.day) ? o.part + 1 : 0;
        o.day = day;
        Path stationDir = dir.resolve(station);
        Files.createDirectories(stationDir);
        Path file;
        do {
            file = stationDir.resolve(day + (o.part == 0 ? "" : "." + o.part) + ".jsonl");
            if (Files.exists(file.resolveSibling(file.getFileName() + ".gz"))) o.part++;
            else break;
        } while (true);
        o.file = file;
        o.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        o.bytes = Files.size(file);
    }

    private static void compress(Path file) {
        Path gz = file.resolveSibling(file.getFileName() + ".gz");
        try (InputStream in = Files.newInputStream(file); OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            in.transferTo(out);
        } catch (IOException e) {
            log.error("event log: cannot compress {}: {}", file, e.getMessage());
            return;
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            log.warn("event log: compressed {} but cannot delete it: {}", file, e.getMessage());
        }
    }

    private void flushAll() {
        for (Open o : open.values()) {
            try {
                if (o.out != null) o.out.flush();
            } catch (IOException e) {
                log.error("event log: flush failed: {}", e.getMessage());
            }
        }
    }

    private static void closeQuietly(Open o) {
        try {
            if (o.out != null) o.out.close();
        } catch (IOException ignored) {
            // the file stays as far as it was written
        }
        o.out = null;
    }

    /** Asks the writer to flush what it has (for tests and orderly shutdown). */
    public void flush() {
        append(FLUSH);
    }

    public long written() { return written.get(); }
    public long dropped() { return dropped.get(); }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
