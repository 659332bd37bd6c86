package org.stationd.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Call detail records, one per call leg a station had: who, when, how long, how it ended. */
public final class Cdrs {
    private final Database db;

    public Cdrs(Database db) {
        this.db = db;
    }

    public record Cdr(String callId, String station, String program, String direction, String from, String to, String role,
                      Instant created, Instant answered, Instant ended, String hangupCause, Long durationMillis) {}

    /** Writes (or, for a leg seen again, replaces) a record. */
    public void write(Cdr c) {
        try (Connection conn = db.connection()) {
            try (PreparedStatement del = conn.prepareStatement("DELETE FROM cdrs WHERE call_id = ?")) {
                del.setString(1, c.callId());
                del.executeUpdate();
            }
            try (PreparedStatement p = conn.prepareStatement("INSERT INTO cdrs (call_id, station_id, program, direction, from_number, to_number, role, created_at, answered_at, ended_at, hangup_cause, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, c.callId());
                p.setString(2, c.station());
                p.setString(3, c.program());
                p.setString(4, c.direction());
                p.setString(5, c.from());
                p.setString(6, c.to());
                p.setString(7, c.role());
                p.setObject(8, ts(c.created()));
                p.setObject(9, ts(c.answered()));
                p.setObject(10, ts(c.ended()));
                p.setString(11, c.hangupCause());
                if (c.durationMillis() == null) p.setNull(12, java.sql.Types.BIGINT); else p.setLong(12, c.durationMillis());
                p.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StorageException("writing the call record of " + c.callId(), e);
        }
    }

    public List<Cdr> forStation(String station) {
        List<Cdr> out = new ArrayList<>();
        try (Connection conn = db.connection();
             PreparedStatement p = conn.prepareStatement("SELECT call_id, station_id, program, direction, from_number, to_number, role, created_at, answered_at, ended_at, hangup_cause, duration_ms FROM cdrs WHERE station_id = ? ORDER BY created_at, call_id")) {
            p.setString(1, station);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long d = r.getLong(12);
                    Long duration = r.wasNull() ? null : d;
                    out.add(new Cdr(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7),
                            inst(r, 8), inst(r, 9), inst(r, 10), r.getString(11), duration));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("reading call records of " + station, e);
        }
        return out;
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant inst(ResultSet r, int col) throws SQLException {
        OffsetDateTime t = r.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
