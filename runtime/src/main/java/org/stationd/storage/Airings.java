package org.stationd.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every airing: what was planned, what happened, and why ({@code ok}, {@code late}, {@code cut}, {@code failed}, {@code no_media}, {@code missed}). */
public final class Airings {
    private final Database db;

    public Airings(Database db) {
        this.db = db;
    }

    public record Airing(long id, String station, Long entryId, String program, String version, Instant plannedStart,
                         Instant plannedEnd, Instant actualStart, Instant actualEnd, String status, String reason) {}

    /** Records an airing that began (or was missed); returns its id. */
    public long begin(String station, Long entryId, String program, String version, Instant plannedStart, Instant plannedEnd,
                      Instant actualStart, String status, String reason) {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("INSERT INTO airings (station_id, entry_id, program, version, planned_start, planned_end, actual_start, status, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, station);
            if (entryId == null) p.setNull(2, java.sql.Types.BIGINT); else p.setLong(2, entryId);
            p.setString(3, program);
            p.setString(4, version);
            p.setObject(5, ts(plannedStart));
            p.setObject(6, ts(plannedEnd));
            p.setObject(7, actualStart == null ? null : ts(actualStart));
            p.setString(8, status);
            p.setString(9, reason);
            p.executeUpdate();
            if (actualStart == null) org.stationd.metrics.HostMetrics.AIRINGS.inc(station, status);   // never on air: it ends here
            try (ResultSet k = p.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        } catch (SQLException e) {
            throw new StorageException("recording an airing of " + program + " on " + station, e);
        }
    }

    /** Closes an airing with its final status (a status already worse than ok, like late or no_media, is kept unless {@code status} is worse still). */
    public void end(long id, Instant actualEnd, String status, String reason) {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("UPDATE airings SET actual_end = ?, status = ?, reason = COALESCE(?, reason) WHERE id = ?")) {
            p.setObject(1, ts(actualEnd));
            p.setString(2, status);
            p.setString(3, reason);
            p.setLong(4, id);
            p.executeUpdate();
            org.stationd.metrics.HostMetrics.AIRINGS.inc(stationOf(c, id), status);
        } catch (SQLException e) {
            throw new StorageException("closing airing " + id, e);
        }
    }

    /** Airings still open (a host died during them): closed at start-up as cut. */
    public List<Airing> open(String station) {
        return query("station_id = ? AND actual_end IS NULL AND actual_start IS NOT NULL", station);
    }

    /** Every station's open airings in one query, by station (a host starting thousands of stations). */
    public Map<String, List<Airing>> openAll() {
        Map<String, List<Airing>> out = new java.util.HashMap<>();
        for (Airing a : query("actual_end IS NULL AND actual_start IS NOT NULL", null)) {
            out.computeIfAbsent(a.station(), k -> new ArrayList<>()).add(a);
        }
        return out;
    }

    public List<Airing> forStation(String station) {
        return query("station_id = ?", station);
    }

    private List<Airing> query(String where, String station) {
        List<Airing> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT id, station_id, entry_id, program, version, planned_start, planned_end, actual_start, actual_end, status, reason FROM airings WHERE "
                     + where + " ORDER BY planned_start, id")) {
            if (station != null) p.setString(1, station);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long entry = r.getLong(3);
                    Long entryId = r.wasNull() ? null : entry;
                    out.add(new Airing(r.getLong(1), r.getString(2), entryId, r.getString(4), r.getString(5), inst(r, 6), inst(r, 7), inst(r, 8), inst(r, 9), r.getString(10), r.getString(11)));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("reading airings of " + station, e);
        }
        return out;
    }

    /** Was this slot already recorded (so a restart does not record it twice)? */
    public boolean exists(String station, Long entryId, Instant plannedStart) {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT 1 FROM airings WHERE station_id = ? AND entry_id = ? AND planned_start = ?")) {
            p.setString(1, station);
            p.setLong(2, entryId == null ? -1 : entryId);
            p.setObject(3, ts(plannedStart));
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new StorageException("reading airings of " + station, e);
        }
    }

    /** The station an airing belongs to ("" when gone), for the airings metric. */
    private static String stationOf(Connection c, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT station_id FROM airings WHERE id = ?")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : "";
            }
        }
    }

    private static OffsetDateTime ts(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant inst(ResultSet r, int col) throws SQLException {
        OffsetDateTime t = r.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
