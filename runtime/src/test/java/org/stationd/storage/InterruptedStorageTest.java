package org.stationd.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.script.HandlerRunner;
import org.stationd.script.HandlerTimeoutException;

/**
 * A handler is stopped by interrupting its thread, and that thread may be in the middle of a
 * store write: H2 on a plain file channel closes the file then, and with it the database of
 * every station. The stop must reach the handler, never the database; and a database closed
 * anyway (by whatever) opens again on the next call.
 */
class InterruptedStorageTest {
    @TempDir
    Path dir;

    /** A station whose handler has just been told to stop still writes: the database stays open, the stop stays pending. */
    @Test
    void aPendingStopDoesNotCloseTheDatabase() throws Exception {
        try (Database db = Database.openH2(dir)) {
            DbKeyValueStore stopped = new DbKeyValueStore(db, "stopped");
            DbKeyValueStore other = new DbKeyValueStore(db, "other");
            other.put("before", 1);
            for (int i = 0; i < 20; i++) {
                Thread.currentThread().interrupt();   // what the watchdog does to a handler past its limit
                try {
                    stopped.put("n", i);
                } catch (StorageException refused) {
                    // refusing the stopped handler's write is allowed; closing the database for everyone is not
                } finally {
                    assertTrue(Thread.interrupted(), "the stop is still there for the handler to see");
                }
            }
            other.put("after", 2);
            assertEquals(1, new DbKeyValueStore(db, "other").get("before"));
            assertEquals(2, new DbKeyValueStore(db, "other").get("after"));
            stopped.put("n", 99);
            assertEquals(99, new DbKeyValueStore(db, "stopped").get("n"));
        }
    }

    /** The case: a handler that writes without end is stopped at its CPU limit, over and over, while another station writes. */
    @Test
    void handlersStoppedAtTheirLimitWhileWritingLeaveTheDatabaseOpenForEveryStation() throws Exception {
        try (Database db = Database.openH2(dir); HandlerRunner runner = new HandlerRunner()) {
            DbKeyValueStore busy = new DbKeyValueStore(db, "busy");
            DbKeyValueStore other = new DbKeyValueStore(db, "other");
            AtomicInteger written = new AtomicInteger();
            for (int stop = 0; stop < 10; stop++) {
                assertThrows(HandlerTimeoutException.class, () -> runner.invoke(e -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        busy.put("n", written.incrementAndGet());   // 10 values a second is plenty; this is thousands
                    }
                }, null, Duration.ofMillis(30)));
                other.put("round", stop);   // another station, between two stops
            }
            assertTrue(written.get() > 10, "the handler wrote: " + written);
            assertEquals(9, new DbKeyValueStore(db, "other").get("round"));
            busy.put("n", -1);
            assertEquals(-1, new DbKeyValueStore(db, "busy").get("n"));
        }
    }

    /** Closed under the stations' feet (here by SHUTDOWN): the next call opens it again, with what was committed. */
    @Test
    void aClosedDatabaseReopensByItselfOnTheNextCall() throws Exception {
        try (Database db = Database.openH2(dir)) {
            new DbKeyValueStore(db, "kla").put("episode", 12);
            for (int round = 0; round < 2; round++) {
                shutdown(db);
                assertEquals(12, new DbKeyValueStore(db, "kla").get("episode"), "round " + round);
                new DbKeyValueStore(db, "gulu").put("episode", round);
                assertEquals(round, new DbKeyValueStore(db, "gulu").get("episode"));
            }
        }
    }

    /** A database.url in stations.yaml that names an H2 file gets the same protection; servers and memory are left alone. */
    @Test
    void anEmbeddedH2UrlIsOpenedThroughTheInterruptSafeFileSystem() {
        assertEquals("jdbc:h2:async:/srv/data/stationd;WRITE_DELAY=0", Database.interruptSafe("jdbc:h2:file:/srv/data/stationd;WRITE_DELAY=0"));
        assertEquals("jdbc:h2:async:./data/stationd", Database.interruptSafe("jdbc:h2:./data/stationd"));
        assertEquals("jdbc:h2:async:~/stationd", Database.interruptSafe("jdbc:h2:~/stationd"));
        for (String untouched : java.util.List.of("jdbc:h2:mem:test", "jdbc:h2:tcp://db:9092/stationd", "jdbc:h2:async:/x",
                "jdbc:postgresql://db/stationd")) {
            assertEquals(untouched, Database.interruptSafe(untouched));
        }
    }

    private static void shutdown(Database db) throws SQLException {
        Connection c = db.connection();
        try (Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
        try {
            c.close();
        } catch (SQLException closedUnderIt) {
            // giving back the connection that closed the database may say so: not what is tested
        }
    }
}
