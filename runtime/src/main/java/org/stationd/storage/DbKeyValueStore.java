package org.stationd.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.stationd.api.KeyValueStore;

/**
 * A station's key-value store in the database, values as JSON. Reads go through a small Caffeine
 * cache (programs read the same few keys on every event); writes go to the database first and
 * then replace the cached value, so a committed write survives a crash. The station's store is
 * written only through this object, so what it read or wrote stays true.
 */
public final class DbKeyValueStore implements KeyValueStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final String station;
    private Cache<String, Optional<Object>> cache;   // made on first use: many of a host's thousands of stations never read a key
    /** The keys, listed from the database once and kept as this store writes (a reload snapshots them: no query each time). */
    private Set<String> keys;

    /** The station's cache, made on first use (a store is used from more than one thread: hence the lock). */
    private synchronized Cache<String, Optional<Object>> cache() {
        if (cache == null) cache = Caffeine.newBuilder().maximumSize(1_000).build();
        return cache;
    }

    public DbKeyValueStore(Database db, String station) {
        this.db = db;
        this.station = station;
    }

    @Override
    public Object get(String key) {
        return cache().get(key, this::load).orElse(null);
    }

    private Optional<Object> load(String key) {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT v FROM station_kv WHERE station_id = ? AND k = ?")) {
            p.setString(1, station);
            p.setString(2, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.ofNullable(JSON.readValue(r.getString(1), Object.class)) : Optional.empty();
            }
        } catch (Exception e) {
            throw new StorageException("reading '" + key + "' of station " + station, e);
        }
    }

    @Override
    public void put(String key, Object value) {
        if (value == null) {
            remove(key);
            return;
        }
        String json;
        try {
            json = JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalArgumentException("store.put('" + key + "'): the value must be JSON-like (text, numbers, lists, maps)");
        }
        if (key.length() > org.stationd.limits.Limits.STORE_KEY_CHARS) {
            throw new IllegalArgumentException("store keys are at most " + org.stationd.limits.Limits.STORE_KEY_CHARS + " characters");
        }
        try (Connection c = db.connection()) {
            int updated;
            try (PreparedStatement p = c.prepareStatement("UPDATE station_kv SET v = ?, updated_at = ? WHERE station_id = ? AND k = ?")) {
                p.setString(1, json);
                p.setObject(2, OffsetDateTime.now());
                p.setString(3, station);
                p.setString(4, key);
                updated = p.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO station_kv (station_id, k, v, updated_at) VALUES (?, ?, ?, ?)")) {
                    p.setString(1, station);
                    p.setString(2, key);
                    p.setString(3, json);
                    p.setObject(4, OffsetDateTime.now());
                    p.executeUpdate();
                }
            }
        } catch (SQLException e) {
            cache().invalidate(key);
            forgetKeys();
            throw new StorageException("writing '" + key + "' of station " + station, e);
        }
        keyWritten(key, true);
        try {
            cache().put(key, Optional.of(JSON.readValue(json, Object.class)));   // a copy: later changes to the script's object are not stored by accident
        } catch (Exception e) {
            cache().invalidate(key);
        }
    }

    @Override
    public void remove(String key) {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("DELETE FROM station_kv WHERE station_id = ? AND k = ?")) {
            p.setString(1, station);
            p.setString(2, key);
            p.executeUpdate();
            keyWritten(key, false);
        } catch (SQLException e) {
            forgetKeys();
            throw new StorageException("removing '" + key + "' of station " + station, e);
        } finally {
            cache().invalidate(key);
        }
    }

    private synchronized void keyWritten(String key, boolean present) {
        if (keys == null) return;
        if (present) keys.add(key); else keys.remove(key);
    }

    /** A write whose outcome is not known: list the keys from the database next time. */
    private synchronized void forgetKeys() {
        keys = null;
    }

    @Override
    public synchronized Set<String> keys() {
        if (keys == null) keys = listKeys();
        return new TreeSet<>(keys);
    }

    private Set<String> listKeys() {
        Set<String> out = new TreeSet<>();
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT k FROM station_kv WHERE station_id = ?")) {
            p.setString(1, station);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("listing keys of station " + station, e);
        }
        return out;
    }
}
