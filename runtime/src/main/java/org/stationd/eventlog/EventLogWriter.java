package org.stationd.eventlog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * {@code <dir>/<station>/<yyyy-MM-dd>.jsonl}. A background thread writes from a bounded queue; a
 * station waits for room only while the writer keeps writing ({@link #append}), and a writer that
 * is stuck costs records (dropped, counted and logged), never a station's air. Files roll over by
 * day (UTC) and by size; closed files are gzip-compressed.
 *
 * <p>One writer serves every station: it takes what has queued up as one batch, and writes each
 * station's records of the batch with one write to that station's file. No station holds a buffer;
 * at most {@value #DEFAULT_OPEN_FILES} files stay open (the stations written last), the others are
 * reopened when they have something to write, so 10,000 stations do not hold 10,000 files open.
 */
public final class EventLogWriter implements AutoCloseable {
    public static final int DEFAULT_QUEUE = 65_536;
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_OPEN_FILES = 128;
    /** How long a writer may write nothing before a full queue stops waiting for it. */
    static final java.time.Duration STALL = java.time.Duration.ofSeconds(1);
    /**
     * Records taken from the queue at once at most: all of it, so that when many stations are
     * busy at once (10,000 coming on air) each file is opened once for several of its records.
     */
    static final int BATCH = DEFAULT_QUEUE;

    private static final Logger log = LoggerFactory.getLogger(EventLogWriter.class);
    private static final Map<String, Object> FLUSH = Map.of();

    private final Path dir;
    private final long maxBytes;
    private final int maxOpen;
    private final BlockingQueue<Map<String, Object>> queue;
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Records the writer has finished with, written or not: its progress, which a full queue waits on. */
    private final AtomicLong processed = new AtomicLong();
    /** {@link #processed} when the writer was found stuck (-1: it is not). */
    private volatile long stalledAt = -1;
    /** Each station's current file (writer thread only). */
    private final Map<String, StationFile> files = new HashMap<>();
    /** The stations whose file is open, least recently written first (writer thread only). */
    private final LinkedHashMap<String, StationFile> open = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StationFile> eldest) {
            if (size() <= maxOpen) return false;
            eldest.getValue().close();
            return true;
        }
    };
    private volatile boolean running = true;
    private volatile int openFiles;
    private volatile int inFlight;   // records taken from the queue and not yet written

    private static final class StationFile {
        LocalDate day;
        String dayText;     // day as text: a record's time in UTC starts with it
        int part;
        Path file;
        FileChannel out;    // null while closed (not written lately)
        long bytes;

        void close() {
            try {
                if (out != null) out.close();
            } catch (IOException ignored) {
                // the file stays as far as it was written
            }
            out = null;
        }
    }

    public EventLogWriter(Path dir, int queueCapacity, long maxBytes) {
        this(dir, queueCapacity, maxBytes, DEFAULT_OPEN_FILES);
    }

    public EventLogWriter(Path dir, int queueCapacity, long maxBytes, int maxOpenFiles) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.maxOpen = Math.max(1, maxOpenFiles);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = Thread.ofPlatform().name("eventlog-writer").daemon(true).start(this::run);
    }

    /**
     * Queues a record (it must have "st" and "t"). Returns false if it was dropped. When the queue
     * is full (a burst: 10,000 stations coming on air on a busy machine) the caller waits for room
     * as long as the writer keeps writing: a station slowed for a moment is better than a session
     * that cannot be replayed. A writer that has written nothing for {@link #STALL} (a disk that
     * hangs) holds no station up: its records are dropped, counted and logged until it writes again.
     * A Netty event loop never waits.
     */
    public boolean append(Map<String, Object> record) {
        if (queue.offer(record) || (mayWait() && awaitRoom(record))) {
            return true;
        }
        long n = dropped.incrementAndGet();
        if (n == 1 || n % 10_000 == 0) {
            log.warn("event log is falling behind: {} record(s) dropped so far", n);
        }
        return false;
    }

    private static boolean mayWait() {
        return !(Thread.currentThread() instanceof io.netty.util.concurrent.FastThreadLocalThread);
    }

    /** Waits for room while the writer makes progress; false once it made none for {@link #STALL}. */
    private boolean awaitRoom(Map<String, Object> record) {
        long seen = processed.get();
        if (seen == stalledAt) return false;   // known stuck: no one waits again until it writes
        try {
            while (true) {
                if (queue.offer(record, STALL.toMillis(), TimeUnit.MILLISECONDS)) return true;
                long now = processed.get();
                if (now == seen) {
                    stalledAt = now;
                    log.warn("event log: the writer has written nothing for {} s; records are dropped until it writes again", STALL.toSeconds());
                    return false;
                }
                seen = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run() {
        List<Map<String, Object>> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            Map<String, Object> first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) continue;
            batch.add(first);
            queue.drainTo(batch, BATCH - 1);
            inFlight = batch.size();
            writeBatch(batch);
            batch.clear();
            inFlight = 0;
        }
        for (StationFile f : files.values()) {
            f.close();
        }
    }

    /** Each station's records of the batch, in their order, with one write per station (more where a file rolls over). */
    private void writeBatch(List<Map<String, Object>> batch) {
        Map<String, List<Map<String, Object>>> byStation = new LinkedHashMap<>();
        for (Map<String, Object> r : batch) {
            if (r != FLUSH) byStation.computeIfAbsent(String.valueOf(r.get("st")), s -> new ArrayList<>()).add(r);
        }
        Pending pending = new Pending();
        for (Map.Entry<String, List<Map<String, Object>>> e : byStation.entrySet()) {
            String station = e.getKey();
            StationFile f = files.computeIfAbsent(station, s -> new StationFile());
            int inPending = 0;
            pending.reset();
            for (Map<String, Object> r : e.getValue()) {
                try {
                    LocalDate day = day(String.valueOf(r.get("t")), f);
                    if (f.file == null || !day.equals(f.day) || f.bytes >= maxBytes) {
                        inPending = flushPending(station, f, pending, inPending);
                        roll(station, f, day);
                    }
                    int before = pending.size();
                    try {
                        RecordJson.writeLine(r, pending);
                    } catch (IOException | RuntimeException bad) {
                        pending.truncate(before);   // nothing of a record that cannot be written
                        throw bad;
                    }
                    f.bytes += pending.size() - before;
                    inPending++;
                } catch (IOException | RuntimeException ex) {
                    dropped.incrementAndGet();
                    processed.incrementAndGet();
                    log.error("event log: cannot write a record of station {}: {}", station, ex.getMessage());
                }
            }
            flushPending(station, f, pending, inPending);
        }
    }

    /**
     * The UTC day of a record's time: the same day as the last record's when the text starts with
     * it (an instant's text in UTC starts with its date), so parsing is for a new day only.
     */
    private static LocalDate day(String t, StationFile f) {
        if (f.dayText != null && t.length() > 10 && t.charAt(10) == 'T' && t.endsWith("Z") && t.startsWith(f.dayText)) {
            return f.day;
        }
        return LocalDate.ofInstant(Instant.parse(t), ZoneOffset.UTC);
    }

    /** A station's lines of a batch, to go with one write. */
    private static final class Pending extends ByteArrayOutputStream {
        Pending() {
            super(16 * 1024);
        }

        void truncate(int size) {
            count = size;
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(buf, 0, count);
        }
    }

    /** Writes what is pending for the station to its file; returns 0 (nothing pending any more). */
    private int flushPending(String station, StationFile f, Pending pending, int records) {
        if (records == 0) return 0;
        try {
            if (f.out == null) {
                Files.createDirectories(f.file.getParent());
                f.out = FileChannel.open(f.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            open.put(station, f);   // most recently written; may close the least recent
            openFiles = open.size();
            ByteBuffer b = pending.buffer();
            while (b.hasRemaining()) f.out.write(b);
            written.addAndGet(records);
        } catch (IOException | RuntimeException e) {
            dropped.addAndGet(records);
            log.error("event log: cannot write {} record(s) of station {}: {}", records, station, e.getMessage());
            f.close();
        }
        processed.addAndGet(records);   // progress, each station's write (a batch may take seconds)
        pending.reset();
        return 0;
    }

    /** One record as a line of the log: compact JSON, fields in the map's order, ending in a newline. */
    public static String line(Map<String, Object> record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordJson.writeLine(record, out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void roll(String station, StationFile f, LocalDate day) throws IOException {
        if (f.file != null) {
            f.close();
            open.remove(station);
            openFiles = open.size();
            compress(f.file);
        }
        f.part = day.equals(f.day) ? f.part + 1 : 0;
        f.day = day;
        f.dayText = day.toString();
        Path stationDir = dir.resolve(station);
        Files.createDirectories(stationDir);
        Path file;
        do {
            file = stationDir.resolve(day + (f.part == 0 ? "" : "." + f.part) + ".jsonl");
            if (Files.exists(file.resolveSibling(file.getFileName() + ".gz"))) f.part++;
            else break;
        } while (true);
        f.file = file;
        f.bytes = Files.exists(file) ? Files.size(file) : 0;
    }

    private static void compress(Path file) {
        if (!Files.exists(file)) return;   // nothing was written to it
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

    /** Asks the writer to write what it has (for tests and orderly shutdown); every batch is written at once anyway. */
    public void flush() {
        append(FLUSH);
    }

    /** Files the writer holds open now (at most the limit it was made with). */
    public int openFiles() {
        return openFiles;
    }

    /** Records queued or being written: not yet in their files. */
    public int backlog() {
        return queue.size() + inFlight;
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
