package org.stationd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stationd.storage.Database;
import org.stationd.storage.TestDatabases;
import org.stationd.storage.postgres.LivePostgres;

/**
 * Claims come in batches: a host taking over hundreds of lapsed stations claims them in one
 * statement, each at its next epoch, and leaves what another host won first; on H2 (as the host
 * uses it, and in PostgreSQL mode) and on a real PostgreSQL server.
 */
class StationLeaseClaimTest {
    @RegisterExtension
    static final LivePostgres PG = new LivePostgres();

    @TempDir
    Path dir;

    static final Duration HOLD = Duration.ofSeconds(11);
    static final Instant T0 = Instant.parse("2026-12-04T06:00:00Z");
    static final List<String> STATIONS = IntStream.range(0, 500).mapToObj(i -> String.format("s%03d", i)).toList();

    /** The connection, counting the claims' UPDATE statements it prepares. */
    static Connection counting(Connection c, AtomicInteger updates) {
        return counting(c, "UPDATE station_leases", updates);
    }

    /** The connection, counting the statements it prepares that start with {@code sql}. */
    static Connection counting(Connection c, String sql, AtomicInteger updates) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, m, args) -> {
            if (m.getName().equals("prepareStatement") && String.valueOf(args[0]).startsWith(sql)) updates.incrementAndGet();
            try {
                return m.invoke(c, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "h2-pg", "postgresql"})
    void manyLapsedStationsAreClaimedInOneStatementEachAtItsNextEpoch(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir, PG); Connection c = db.connection()) {
            AtomicInteger inserts = new AtomicInteger();
            Map<String, Long> a = StationLeaseTable.claim(counting(c, "INSERT INTO station_leases", inserts), STATIONS, STATIONS.size(), "a", "a-1", T0, HOLD);
            assertEquals(1, inserts.get(), "the rows of stations never owned: one INSERT");
            assertEquals(STATIONS, List.copyOf(a.keySet()), "never owned: all free");
            assertTrue(a.values().stream().allMatch(e -> e == 1), "a first claim holds epoch 1");
            assertEquals(Map.of(), StationLeaseTable.claim(c, STATIONS, 10, "b", "b-1", T0.plusSeconds(5), HOLD), "a's leases hold");

            // a falls silent; c is first to take twenty of its stations once they lapse
            Instant later = T0.plus(HOLD).plusSeconds(1);
            List<String> cWants = STATIONS.subList(100, 120);
            assertEquals(cWants, List.copyOf(StationLeaseTable.claim(c, cWants, 20, "c", "c-1", later, HOLD).keySet()));
            // b's round reads the leases (c's twenty are taken) and claims the other 480: one UPDATE, each at the epoch after a's
            List<String> rest = new ArrayList<>(STATIONS);
            rest.removeAll(cWants);
            java.util.Collections.reverse(rest);   // b's own order
            AtomicInteger updates = new AtomicInteger();
            Map<String, Long> b = StationLeaseTable.claim(counting(c, updates), rest, 480, "b", "b-1", later, HOLD);
            assertEquals(1, updates.get(), "one UPDATE for the whole batch");
            assertEquals(rest, List.copyOf(b.keySet()), "every lapsed station c did not take, in b's order");
            assertTrue(b.values().stream().allMatch(e -> e == 2), "each at its next epoch: " + b.values().stream().distinct().toList());
            for (StationLeaseTable.Row r : StationLeaseTable.rows(c)) {
                assertEquals(cWants.contains(r.station()) ? "c" : "b", r.owner(), r.toString());
                assertEquals(2, r.epoch(), r.toString());
                assertEquals(later.plus(HOLD), r.expiresAt(), r.toString());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aBatchOthersWonFirstIsFollowedByTheNextCandidates(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir, PG); Connection c = db.connection()) {
            StationLeaseTable.claim(c, STATIONS.subList(0, 20), 20, "c", "c-1", T0, HOLD);
            AtomicInteger updates = new AtomicInteger();
            // b prefers c's twenty first: that batch wins nothing, the next one wins all it still wants
            Map<String, Long> b = StationLeaseTable.claim(counting(c, updates), STATIONS, 10, "b", "b-1", T0.plusSeconds(1), HOLD);
            assertEquals(STATIONS.subList(20, 30), List.copyOf(b.keySet()));
            assertEquals(3, updates.get(), "two batches of c's stations, then one of free ones");
            assertTrue(b.values().stream().allMatch(e -> e == 1), b.toString());
        }
    }
}
