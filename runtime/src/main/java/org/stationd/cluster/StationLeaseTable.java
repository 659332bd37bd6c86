package org.stationd.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of station ownership: the {@code cluster_hosts} heartbeat rows and the
 * {@code station_leases} rows (see migration V2). Every time given is the database's clock; each
 * change is one statement whose WHERE decides, so two hosts racing for a station cannot both win.
 */
final class StationLeaseTable {
    record Row(String station, String owner, String instance, long epoch, Instant acquiredAt, Instant expiresAt) {}

    /** {@code publishEndpoint}: where the host publishes station messages (null: not said). */
    record HostRow(String host, String instance, Instant startedAt, Instant renewedAt, Instant expiresAt, String publishEndpoint) {}

    private StationLeaseTable() {}

    /** Marks this run of the host alive until now + lease; false if another run of the same host id is alive. */
    static boolean heartbeat(Connection c, String host, String instance, Instant now, Duration lease) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE cluster_hosts SET instance = ?, renewed_at = ?, expires_at = ?, started_at = CASE WHEN instance = ? THEN started_at ELSE ? END "
                        + "WHERE host_id = ? AND (instance = ? OR expires_at <= ?)")) {
            p.setString(1, instance);
            p.setObject(2, ts(now));
            p.setObject(3, ts(now.plus(lease)));
            p.setString(4, instance);
            p.setObject(5, ts(now));
            p.setString(6, host);
            p.setString(7, instance);
            p.setObject(8, ts(now));
            if (p.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO cluster_hosts (host_id, instance, started_at, renewed_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, host);
            p.setString(2, instance);
            p.setObject(3, ts(now));
            p.setObject(4, ts(now));
            p.setObject(5, ts(now.plus(lease)));
            p.executeUpdate();
            return true;
        } catch (SQLException duplicate) {
            return false;   // the row exists and belongs to a live run of the same host id
        }
    }

    /** Extends every unexpired lease of this run to now + lease. */
    static int renew(Connection c, String host, String instance, Instant now, Duration lease) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE station_leases SET expires_at = ? WHERE owner = ? AND instance = ? AND expires_at > ?")) {
            p.setObject(1, ts(now.plus(lease)));
            p.setString(2, host);
            p.setString(3, instance);
            p.setObject(4, ts(now));
            return p.executeUpdate();
        }
    }

    static List<Row> rows(Connection c) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT station_id, owner, instance, epoch, acquired_at, expires_at FROM station_leases ORDER BY station_id");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), instant(r, 5), instant(r, 6)));
            }
        }
        return out;
    }

    static List<HostRow> hosts(Connection c) throws SQLException {
        List<HostRow> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT host_id, instance, started_at, renewed_at, expires_at, publish_endpoint FROM cluster_hosts ORDER BY host_id");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(new HostRow(r.getString(1), r.getString(2), instant(r, 3), instant(r, 4), instant(r, 5), r.getString(6)));
            }
        }
        return out;
    }

    /**
     * Takes a station that is free (released, lapsed, or never owned) for this run, with the next
     * epoch; the epoch it now holds, or -1 if another host was first.
     */
    static long claim(Connection c, String station, String host, String instance, Instant now, Duration lease) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE station_leases SET owner = ?, instance = ?, epoch = epoch + 1, acquired_at = ?, expires_at = ? "
                        + "WHERE station_id = ? AND (owner IS NULL OR expires_at <= ?)")) {
            p.setString(1, host);
            p.setString(2, instance);
            p.setObject(3, ts(now));
            p.setObject(4, ts(now.plus(lease)));
            p.setString(5, station);
            p.setObject(6, ts(now));
            if (p.executeUpdate() == 1) {
                return epoch(c, station, host, instance);
            }
        }
        if (exists(c, station)) {
            return -1;
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO station_leases (station_id, owner, instance, epoch, acquired_at, expires_at) VALUES (?, ?, ?, 1, ?, ?)")) {
            p.setString(1, station);
            p.setString(2, host);
            p.setString(3, instance);
            p.setObject(4, ts(now));
            p.setObject(5, ts(now.plus(lease)));
            p.executeUpdate();
            return 1;
        } catch (SQLException duplicate) {
            return -1;   // another host inserted it first (autocommit: nothing else is undone)
        }
    }

    /** Gives a station up at once, if this run still holds it at this epoch. */
    static void release(Connection c, String station, String host, String instance, long epoch, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE station_leases SET owner = NULL, instance = NULL, expires_at = ? WHERE station_id = ? AND owner = ? AND instance = ? AND epoch = ?")) {
            p.setObject(1, ts(now));
            p.setString(2, station);
            p.setString(3, host);
            p.setString(4, instance);
            p.setLong(5, epoch);
            p.executeUpdate();
        }
    }

    /** Where this run publishes station messages, for the other hosts to subscribe to. */
    static void advertise(Connection c, String host, String instance, String endpoint) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE cluster_hosts SET publish_endpoint = ? WHERE host_id = ? AND instance = ?")) {
            p.setString(1, endpoint);
            p.setString(2, host);
            p.setString(3, instance);
            p.executeUpdate();
        }
    }

    /** This run leaves: its heartbeat row goes, so the others count one host fewer at once. */
    static void leave(Connection c, String host, String instance) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM cluster_hosts WHERE host_id = ? AND instance = ?")) {
            p.setString(1, host);
            p.setString(2, instance);
            p.executeUpdate();
        }
    }

    private static long epoch(Connection c, String station, String host, String instance) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT epoch FROM station_leases WHERE station_id = ? AND owner = ? AND instance = ?")) {
            p.setString(1, station);
            p.setString(2, host);
            p.setString(3, instance);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : -1;
            }
        }
    }

    private static boolean exists(Connection c, String station) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM station_leases WHERE station_id = ?")) {
            p.setString(1, station);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private static OffsetDateTime ts(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
