package org.stationd.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.stationd.config.RetentionConfig;
import org.stationd.station.VirtualScheduler;
import org.stationd.storage.Cdrs;
import org.stationd.storage.Database;
import org.stationd.storage.DbRecordings;
import org.stationd.storage.DbSms;

/** retention: on a virtual clock against H2: what is old goes at start-up and then day by day, logged in one line; what is young stays. */
class RetentionTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir Path dir;
    private ListAppender<ILoggingEvent> logged;
    private Logger retentionLog;
    private Level level;

    @BeforeEach
    void captureLog() {
        retentionLog = (Logger) LoggerFactory.getLogger(Retention.class);
        level = retentionLog.getLevel();
        retentionLog.setLevel(Level.INFO);
        logged = new ListAppender<>();
        logged.start();
        retentionLog.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        retentionLog.detachAppender(logged);
        retentionLog.setLevel(level);
    }

    private static Cdrs.Cdr cdr(String id, Instant created) {
        return new Cdrs.Cdr(id, "kla", "show.groovy", "in", "256700000001", "256414000001", "listener", created, created, created.plusSeconds(60), "NORMAL_CLEARING", 60_000L);
    }

    private Path logFile(String station, String name) throws Exception {
        Path f = dir.resolve("eventlog").resolve(station).resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "{}\n");
        return f;
    }

    @Test
    void oldThingsGoAtStartUpAndThenDailyAndEachSweepSaysWhatItDeleted() throws Exception {
        VirtualScheduler clock = new VirtualScheduler(T0.minus(Duration.ofDays(400)));
        try (Database db = Database.openH2(dir)) {
            Cdrs cdrs = new Cdrs(db);
            DbSms sms = new DbSms(db, "kla", "256700200001", clock::now, cmd -> { });
            DbRecordings recs = new DbRecordings(db, "kla", clock::now);
            Path recordings = dir.resolve("recordings");
            Files.createDirectories(recordings.resolve("kla"));

            // a year and more ago: a call; 100 days ago: a text and a recording (long expired)
            cdrs.write(cdr("old-call", clock.now()));
            clock.moveTo(T0.minus(Duration.ofDays(100)));
            sms.received("256700000009", "old text with a caller's number");
            Path oldAudio = Files.writeString(recordings.resolve("kla/old.wav"), "RIFF");
            recs.save(oldAudio.toString(), "greeting", 3, "256700000009", 2.0);
            // a recording pointing outside the recordings folder: forgotten, its file never touched
            Path prompt = Files.writeString(dir.resolve("prompt.wav"), "RIFF");
            recs.save(prompt.toString(), "greeting", 1, "256700000008", 1.0);
            // yesterday: a call, a text, a recording valid 2 days (expires tomorrow), relative to the station's folder
            clock.moveTo(T0.minus(Duration.ofDays(1)));
            cdrs.write(cdr("young-call", clock.now()));
            sms.received("256700000010", "young text");
            Path youngAudio = Files.writeString(recordings.resolve("kla/young.wav"), "RIFF");
            recs.save("young.wav", "greeting", 2, "256700000010", 2.0);
            clock.moveTo(T0);

            Path old = logFile("kla", "2026-10-01.jsonl.gz");
            Path oldPart = logFile("gulu", "2026-10-31.1.jsonl.gz");
            Path lastKept = logFile("kla", "2026-11-01.jsonl.gz");   // 30 days before T0's day
            Path today = logFile("kla", "2026-12-01.jsonl");
            Path notALog = logFile("kla", "notes.txt");

            Retention retention = new Retention(RetentionConfig.DEFAULT, db, dir.resolve("eventlog"), recordings, clock, Runnable::run).start();

            assertFalse(Files.exists(old));
            assertFalse(Files.exists(oldPart));
            assertTrue(Files.exists(lastKept) && Files.exists(today) && Files.exists(notALog));
            assertEquals(List.of("young-call"), cdrs.forStation("kla").stream().map(Cdrs.Cdr::callId).toList());
            assertEquals(List.of("young text"), sms.recent(10).stream().map(m -> m.text()).toList());
            assertEquals(1, recs.all().size());
            assertFalse(Files.exists(oldAudio), "the expired recording's file went with it");
            assertTrue(Files.exists(prompt), "a file outside the recordings folder is never deleted");
            assertEquals(List.of("retention: deleted 2 event-log file(s) (older than 30 days), 1 call record(s) (older than 365 days), "
                    + "1 text(s) (older than 90 days), 2 expired recording(s) with 1 file(s) (expired over 7 days ago)"), lines());

            // day by day: nothing new until the young ones age out
            logged.list.clear();
            clock.advance(Duration.ofDays(1));
            assertEquals(1, lines().size());
            assertTrue(lines().get(0).startsWith("retention: deleted 1 event-log file(s)"), lines().toString());   // 2026-11-01 is now 31 days old
            assertFalse(Files.exists(lastKept));

            clock.advance(Duration.ofDays(8));   // the young recording expired (T0+1d) more than 7 days ago
            assertEquals(0, recs.all().size());
            assertFalse(Files.exists(youngAudio));
            assertEquals(List.of("young text"), sms.recent(10).stream().map(m -> m.text()).toList());

            clock.advance(Duration.ofDays(90));
            assertTrue(sms.recent(10).isEmpty(), "the text is gone after 90 days");
            assertEquals(1, cdrs.forStation("kla").size(), "the call record stays a year");
            assertEquals(1 + 8 + 90, logged.list.size(), "one line a day");

            retention.close();
            clock.advance(Duration.ofDays(400));
            assertEquals(1, cdrs.forStation("kla").size(), "a closed retention sweeps no more");
        }
    }

    @Test
    void foreverKeepsEverything() throws Exception {
        VirtualScheduler clock = new VirtualScheduler(T0.minus(Duration.ofDays(4000)));
        try (Database db = Database.openH2(dir)) {
            Cdrs cdrs = new Cdrs(db);
            cdrs.write(cdr("ancient", clock.now()));
            clock.moveTo(T0);
            Path old = logFile("kla", "2015-01-01.jsonl.gz");
            new Retention(new RetentionConfig(null, null, null, null), db, dir.resolve("eventlog"), dir.resolve("recordings"), clock, Runnable::run).start();
            assertTrue(Files.exists(old));
            assertEquals(1, cdrs.forStation("kla").size());
            assertEquals(List.of("retention: deleted 0 event-log file(s) (kept for ever), 0 call record(s) (kept for ever), 0 text(s) (kept for ever), "
                    + "0 expired recording(s) with 0 file(s) (kept for ever)"), lines());
        }
    }

    private List<String> lines() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
