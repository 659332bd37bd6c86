package org.stationd.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Named leases with an expiry, claimed atomically in the database, so exactly one holder wins
 * even between hosts sharing one database (the news relay's master token). A holder renews
 * before expiry; if it dies, the lease lapses and another may take it.
 */
public final class Leases {
    private final Database db;

    public Leases(Database db) {
        this.db = db;
    }

    public record Lease(String name, String holder, Instant expiresAt) {}

    /** Takes or renews the lease for {@code holder}; true if {@code holder} holds it afterwards. */
    public boolean claim(String name, String holder, Duration ttl, Instant now) {
        OffsetDateTime until = OffsetDateTime.ofInstant(now.plus(ttl), ZoneOffset.UTC);
        OffsetDateTime nowTs = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        try (Connection c = db.connection()) {
            // one statement decides: mine already, or free because it lapsed
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE leases SET holder = ?, expires_at = ? WHERE name = ? AND (holder = ? OR expires_at <= ?)")) {
                p.setString(1, holder);
                p.setObject(2, until);
                p.setString(3, name);
                p.setString(4, holder);
                p.setObject(5, nowTs);
                if (p.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)")) {
                p.setString(1, name);
                p.setString(2, holder);
                p.setObject(3, until);
                p.executeUpdate();
                return true;
            } catch (SQLException duplicate) {
                return false;   // someone else holds it (the row exists and is not lapsed)
            }
        } catch (SQLException e) {
            throw new StorageException("claiming lease " + name, e);
        }
    }

    /** Gives the lease up at once if {@code holder} holds it. */
    public void release(String name, String holder) {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("DELETE FROM leases WHERE name = ? AND holder = ?")) {
            p.setString(1, name);
            p.setString(2, holder);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("releasing lease " + name, e);
        }
    }

    public Optional<Lease> current(String name, Instant now) {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT holder, expires_at FROM leases WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Instant exp = r.getObject(2, OffsetDateTime.class).toInstant();
                return exp.isAfter(now) ? Optional.of(new Lease(name, r.getString(1), exp)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("reading lease " + name, e);
        }
    }
}
