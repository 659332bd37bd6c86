package org.stationd.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stationd.storage.postgres.LivePostgres;

class StorageTest {
    @TempDir
    Path dir;

    @RegisterExtension
    static final LivePostgres PG = new LivePostgres();

    /** H2 file mode as the host uses it, H2 in PostgreSQL mode, and a real PostgreSQL server. */
    private Database open(String mode) throws Exception {
        return TestDatabases.open(mode, dir, PG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "h2-pg", "postgresql"})
    void migratesOnceAndKeepsDataAcrossReopen(String mode) throws Exception {
        try (Database db = open(mode)) {
            DbKeyValueStore kv = new DbKeyValueStore(db, "kla");
            kv.put("lastEpisode", 12);
            kv.put("playlist", List.of("a.wav", Map.of("file", "b.wav", "loud", true)));
            kv.put("lastEpisode", 13);
            new DbKeyValueStore(db, "gulu").put("lastEpisode", 1);
        }
        try (Database db = open(mode)) {
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT COUNT(*), MAX(version) FROM schema_version")) {
                assertTrue(r.next());
                assertEquals(Migrations.latest(), r.getInt(1), "each migration recorded once");
                assertEquals(Migrations.latest(), r.getInt(2));
            }
            DbKeyValueStore kv = new DbKeyValueStore(db, "kla");
            assertEquals(13, kv.get("lastEpisode"));
            assertEquals(List.of("a.wav", Map.of("file", "b.wav", "loud", true)), kv.get("playlist"));
            assertEquals(Set.of("lastEpisode", "playlist"), kv.keys());
            kv.remove("playlist");
            assertNull(kv.get("playlist"));
            assertEquals(1, new DbKeyValueStore(db, "gulu").get("lastEpisode"));
        }
    }

    /**
     * A station's keys are listed from the database once and then kept as its store writes: a hot
     * reload snapshots them (and their cached values) without a query, here with the database gone.
     */
    @Test
    void keysAndValuesReadOnceAreKeptAsTheStoreWrites() throws Exception {
        DbKeyValueStore kv;
        try (Database db = open("h2")) {
            new DbKeyValueStore(db, "kla").put("before", 1);   // written by an earlier run
            kv = new DbKeyValueStore(db, "kla");
            assertEquals(Set.of("before"), kv.keys());
            kv.put("episode", 12);
            kv.put("playlist", List.of("a.wav"));
            kv.remove("before");
            assertEquals(List.of("episode", "playlist"), List.copyOf(kv.keys()), "sorted, as listed from the database");
            assertEquals(12, kv.get("episode"));
        }
        assertEquals(List.of("episode", "playlist"), List.copyOf(kv.keys()), "no query: the database is closed");
        assertEquals(List.of("a.wav"), kv.get("playlist"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "h2-pg", "postgresql"})
    void exactlyOneOfManyClaimantsGetsTheLeaseAndItLapsesToAnother(String mode) throws Exception {
        try (Database db = open(mode)) {
            Leases leases = new Leases(db);
            Instant now = Instant.parse("2026-11-22T08:00:00Z");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            Set<String> winners = ConcurrentHashMap.newKeySet();
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 1; i <= 27; i++) {
                String station = "s" + i;
                Callable<Boolean> claim = () -> {
                    go.await();
                    boolean won = leases.claim("news-master", station, Duration.ofSeconds(10), now);
                    if (won) winners.add(station);
                    return won;
                };
                results.add(pool.submit(claim));
            }
            go.countDown();
            for (Future<Boolean> f : results) f.get();
            pool.shutdown();
            assertEquals(1, winners.size(), winners.toString());
            String master = winners.iterator().next();
            assertEquals(master, leases.current("news-master", now).orElseThrow().holder());

            assertTrue(leases.claim("news-master", master, Duration.ofSeconds(10), now.plusSeconds(5)), "the holder renews");
            assertFalse(leases.claim("news-master", "other", Duration.ofSeconds(10), now.plusSeconds(9)), "not lapsed yet");
            assertTrue(leases.claim("news-master", "other", Duration.ofSeconds(10), now.plusSeconds(16)), "lapsed: another takes over");
            leases.release("news-master", master);   // not the holder any more: no effect
            assertEquals("other", leases.current("news-master", now.plusSeconds(17)).orElseThrow().holder());
            leases.release("news-master", "other");
            assertTrue(leases.current("news-master", now.plusSeconds(17)).isEmpty());
        }
    }

    @Test
    void splitsMigrationScriptsIntoStatements() {
        assertEquals(List.of("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)"),
                Migrations.statements("-- comment\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a (x);\n"));
    }
}
