package org.stationd.retention;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.config.RetentionConfig;
import org.stationd.station.Scheduler;
import org.stationd.storage.Database;

/**
 * Deletes what the host no longer needs, as {@code retention:} says: event-log files of days older
 * than their period, call records and texts older than theirs, and voice-board recordings expired
 * for longer than theirs, with their audio files. Runs at start-up and then once a day on the
 * host's clock (a virtual one in tests); the work itself runs on {@code worker}, off the clock's
 * thread. Each sweep logs one line saying what it deleted.
 */
public final class Retention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    public static final Duration EVERY = Duration.ofDays(1);
    private static final Pattern LOG_FILE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(\\.\\d+)?\\.jsonl(\\.gz)?");

    /** What one sweep deleted. */
    public record Swept(int eventLogFiles, int calls, int texts, int recordings, int recordingFiles) {}

    private final RetentionConfig config;
    private final Database db;
    private final Path eventLogDir;
    private final Path recordingsDir;
    private final Scheduler clock;
    private final Executor worker;
    private volatile Scheduler.Cancellable next;
    private volatile boolean closed;

    public Retention(RetentionConfig config, Database db, Path eventLogDir, Path recordingsDir, Scheduler clock, Executor worker) {
        this.config = config;
        this.db = db;
        this.eventLogDir = eventLogDir;
        this.recordingsDir = recordingsDir;
        this.clock = clock;
        this.worker = worker;
    }

    /** Sweeps now and then every {@link #EVERY}. */
    public Retention start() {
        worker.execute(this::sweepAndLog);
        plan();
        return this;
    }

    private void plan() {
        if (!closed) {
            next = clock.schedule(EVERY, () -> {
                worker.execute(this::sweepAndLog);
                plan();
            });
        }
    }

    private void sweepAndLog() {
        if (closed) return;
        try {
            sweep();
        } catch (RuntimeException e) {
            log.error("retention: sweep failed, trying again tomorrow: {}", e.getMessage());
        }
    }

    /** One sweep at the clock's now; logs and returns what it deleted. */
    public Swept sweep() {
        Instant now = clock.now();
        int files = config.eventLogs() == null ? 0 : eventLogs(now.minus(config.eventLogs()));
        int calls = config.calls() == null ? 0 : delete("DELETE FROM cdrs WHERE created_at < ?", now.minus(config.calls()));
        int texts = config.texts() == null ? 0 : delete("DELETE FROM sms_messages WHERE at < ?", now.minus(config.texts()));
        int[] recs = config.recordings() == null ? new int[2] : recordings(now.minus(config.recordings()));
        Swept s = new Swept(files, calls, texts, recs[0], recs[1]);
        log.info("retention: deleted {} event-log file(s) {}, {} call record(s) {}, {} text(s) {}, {} expired recording(s) with {} file(s) {}",
                s.eventLogFiles(), older(config.eventLogs()), s.calls(), older(config.calls()), s.texts(), older(config.texts()),
                s.recordings(), s.recordingFiles(), config.recordings() == null ? "(kept for ever)" : "(expired over " + config.recordings().toDays() + " days ago)");
        return s;
    }

    private static String older(Duration d) {
        return d == null ? "(kept for ever)" : "(older than " + d.toDays() + " days)";
    }

    /** Files {@code <station>/<day>[.n].jsonl[.gz]} of days wholly before the cutoff; today's open file is never one of them. */
    private int eventLogs(Instant cutoff) {
        if (!Files.isDirectory(eventLogDir)) return 0;
        LocalDate firstKept = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
        int deleted = 0;
        try (DirectoryStream<Path> stations = Files.newDirectoryStream(eventLogDir, Files::isDirectory)) {
            for (Path station : stations) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(station)) {
                    for (Path f : files) {
                        Matcher m = LOG_FILE.matcher(f.getFileName().toString());
                        if (m.matches() && LocalDate.parse(m.group(1)).isBefore(firstKept) && Files.deleteIfExists(f)) {
                            deleted++;
                        }
                    }
                }
            }
        } catch (IOException | java.time.DateTimeException e) {
            log.warn("retention: event logs in {}: {}", eventLogDir, e.getMessage());
        }
        return deleted;
    }

    private int delete(String sql, Instant before) {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setObject(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("retention: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Recordings expired before {@code expiredBefore}: the audio file (only inside the recordings folder), then the row. */
    private int[] recordings(Instant expiredBefore) {
        record Old(long id, String station, String file) {}
        List<Old> old = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT id, station_id, file FROM recordings WHERE expires_at < ?")) {
            p.setObject(1, OffsetDateTime.ofInstant(expiredBefore, ZoneOffset.UTC));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) old.add(new Old(r.getLong(1), r.getString(2), r.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("retention: reading expired recordings: " + e.getMessage(), e);
        }
        int files = 0;
        int rows = 0;
        for (Old o : old) {
            Path file = audioFile(o.station(), o.file());
            try {
                if (file != null && Files.deleteIfExists(file)) files++;
            } catch (IOException e) {
                log.warn("retention: cannot delete recording {}: {}; its record stays until the next sweep", file, e.getMessage());
                continue;
            }
            try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("DELETE FROM recordings WHERE id = ?")) {
                p.setLong(1, o.id());
                rows += p.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("retention: deleting recording " + o.id() + ": " + e.getMessage(), e);
            }
        }
        return new int[] {rows, files};
    }

    /**
     * The recording's file if it lies in the recordings folder: a program chose the path it saved,
     * so anything elsewhere (a prompt, /etc/…) is never deleted, only forgotten.
     */
    private Path audioFile(String station, String file) {
        if (file == null || file.isBlank() || recordingsDir == null) return null;
        try {
            Path root = recordingsDir.toAbsolutePath().normalize();
            Path p = Path.of(file);
            Path f = (p.isAbsolute() ? p : root.resolve(station).resolve(p)).normalize();
            return f.startsWith(root) && !Files.isSymbolicLink(f) ? f : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        Scheduler.Cancellable n = next;
        if (n != null) n.cancel();
    }
}
