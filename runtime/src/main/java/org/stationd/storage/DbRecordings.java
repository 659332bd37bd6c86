package org.stationd.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.stationd.api.Recording;
import org.stationd.api.Recordings;

/** A station's voice-board recordings in the database; operators approve them, programs air the approved ones. */
public final class DbRecordings implements Recordings {
    static final Set<String> CATEGORIES = Set.of("announcement", "greeting", "ad");

    private final Database db;
    private final String station;
    private final Supplier<Instant> clock;

    public DbRecordings(Database db, String station, Supplier<Instant> clock) {
        this.db = db;
        this.station = station;
        this.clock = clock;
    }

    @Override
    public Recording save(String file, String category, int days, String caller, Double seconds) {
        if (!CATEGORIES.contains(category)) {
            throw new IllegalArgumentException("recording category must be one of " + CATEGORIES + ", got '" + category + "'");
        }
        if (days < 1 || days > 14) {
            throw new IllegalArgumentException("a recording stays valid 1 to 14 days, got " + days);
        }
        Instant now = clock.get();
        Instant expires = now.plus(Duration.ofDays(days));
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("INSERT INTO recordings (station_id, file, category, caller, seconds, created_at, expires_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')",
                     Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, station);
            p.setString(2, file);
            p.setString(3, category);
            p.setString(4, caller);
            if (seconds == null) p.setNull(5, java.sql.Types.DOUBLE); else p.setDouble(5, seconds);
            p.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            p.setObject(7, OffsetDateTime.ofInstant(expires, ZoneOffset.UTC));
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                return new Recording(keys.getLong(1), file, category, caller, seconds, expires.toEpochMilli(), "pending");
            }
        } catch (SQLException e) {
            throw new StorageException("saving recording " + file + " of station " + station, e);
        }
    }

    /** An operator's decision. */
    public void setStatus(long id, String status) {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("UPDATE recordings SET status = ? WHERE id = ? AND station_id = ?")) {
            p.setString(1, status);
            p.setLong(2, id);
            p.setString(3, station);
            if (p.executeUpdate() != 1) {
                throw new IllegalArgumentException("station " + station + " has no recording " + id);
            }
        } catch (SQLException e) {
            throw new StorageException("updating recording " + id, e);
        }
    }

    /** An operator's new expiry for a recording (it stops airing then). */
    public void setExpiry(long id, Instant expires) {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("UPDATE recordings SET expires_at = ? WHERE id = ? AND station_id = ?")) {
            p.setObject(1, OffsetDateTime.ofInstant(expires, ZoneOffset.UTC));
            p.setLong(2, id);
            p.setString(3, station);
            if (p.executeUpdate() != 1) {
                throw new IllegalArgumentException("station " + station + " has no recording " + id);
            }
        } catch (SQLException e) {
            throw new StorageException("updating recording " + id, e);
        }
    }

    @Override
    public List<Recording> playable() {
        return query("status = 'approved' AND expires_at > ?", true);
    }

    public List<Recording> all() {
        return query("1 = 1", false);
    }

    private List<Recording> query(String where, boolean withNow) {
        List<Recording> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT id, file, category, caller, seconds, expires_at, status FROM recordings WHERE station_id = ? AND "
                     + where + " ORDER BY created_at, id")) {
            p.setString(1, station);
            if (withNow) {
                p.setObject(2, OffsetDateTime.ofInstant(clock.get(), ZoneOffset.UTC));
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    double secs = r.getDouble(5);
                    Double seconds = r.wasNull() ? null : secs;
                    out.add(new Recording(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), seconds,
                            r.getObject(6, OffsetDateTime.class).toInstant().toEpochMilli(), r.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("listing recordings of station " + station, e);
        }
        return out;
    }
}
