package org.stationd.cluster;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * Takes up to {@code wanted} of the {@code candidates} (in that order) that are free (released,
     * lapsed, or never owned) for this run, each at its next epoch: one {@code UPDATE} for as many
     * as are wanted, and another for the next candidates only when other hosts won some of them.
     * The stations won, in candidate order, with the epoch each is now held at.
     */
    static Map<String, Long> claim(Connection c, List<String> candidates, int wanted, String host, String instance, Instant now, Duration lease)
            throws SQLException {
        Map<String, Long> won = new LinkedHashMap<>();
        int from = 0;
        while (won.size() < wanted && from < candidates.size()) {
            List<String> batch = candidates.subList(from, Math.min(candidates.size(), from + wanted - won.size()));
            from += batch.size();
            insertMissing(c, batch, now);
            Array ids = c.createArrayOf("VARCHAR", batch.toArray());
            int updated;
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE station_leases SET owner = ?, instance = ?, epoch = epoch + 1, acquired_at = ?, expires_at = ? "
                            + "WHERE station_id = ANY (?) AND (owner IS NULL OR expires_at <= ?)")) {
                p.setString(1, host);
                p.setString(2, instance);
                p.setObject(3, ts(now));
                p.setObject(4, ts(now.plus(lease)));
                p.setArray(5, ids);
                p.setObject(6, ts(now));
                updated = p.executeUpdate();
            }
            if (updated == 0) continue;
            // which of them this run holds now: the ones just claimed (nothing it held unexpired was a candidate,
            // and a row claimed here runs out only after now, so no other host can have taken it since)
            Map<String, Long> epochs = new java.util.HashMap<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT station_id, epoch FROM station_leases WHERE station_id = ANY (?) AND owner = ? AND instance = ? AND expires_at > ?")) {
                p.setArray(1, ids);
                p.setString(2, host);
                p.setString(3, instance);
                p.setObject(4, ts(now));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) epochs.put(r.getString(1), r.getLong(2));
                }
            }
            for (String s : batch) {
                Long e = epochs.get(s);
                if (e != null) won.put(s, e);
            }
        }
        return won;
    }

    /**
     * Rows for stations never owned, free at epoch 0 (so their first claim holds epoch 1), in one
     * statement: a cluster's first host claims every station at once, and must finish within the
     * hold it claims them for. When another host inserted some of them at the same moment, the
     * statement fails as a whole and is made again for the ones still missing.
     */
    private static void insertMissing(Connection c, List<String> stations, Instant now) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO station_leases (station_id, owner, instance, epoch, acquired_at, expires_at) "
                            + "SELECT t.id, NULL, NULL, 0, ?, ? FROM UNNEST(?) AS t(id) "
                            + "WHERE NOT EXISTS (SELECT 1 FROM station_leases l WHERE l.station_id = t.id)")) {
                p.setObject(1, ts(now));
                p.setObject(2, ts(now));
                p.setArray(3, c.createArrayOf("VARCHAR", stations.toArray()));
                p.executeUpdate();
                return;
            } catch (SQLException raced) {
                if (attempt == 3) throw raced;   // autocommit: nothing else is undone
            }
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

    private static OffsetDateTime ts(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
