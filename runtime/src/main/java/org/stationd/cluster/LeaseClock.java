package org.stationd.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The two clocks of station leases: the database's, which every host reads, so expiries never
 * depend on a host's own clock; and this host's monotonic one, which says how long it may still
 * act on what it last renewed. Tests drive both by hand.
 */
public interface LeaseClock {
    Instant dbNow(Connection c) throws SQLException;

    long localNanos();

    /** Waits (a host joining while an earlier run's heartbeat has not run out). */
    default void sleep(java.time.Duration d) throws InterruptedException {
        if (!d.isNegative()) Thread.sleep(d);
    }

    /** The database's {@code CURRENT_TIMESTAMP} and {@link System#nanoTime()}. */
    LeaseClock DATABASE = new LeaseClock() {
        @Override
        public Instant dbNow(Connection c) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT CURRENT_TIMESTAMP")) {
                r.next();
                return r.getObject(1, OffsetDateTime.class).toInstant();
            }
        }

        @Override
        public long localNanos() {
            return System.nanoTime();
        }
    };
}
