package org.stationd.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.stationd.schedule.Recurrence;
import org.stationd.schedule.ScheduleEntry;

/**
 * Schedule entries in the database. Entries from stations.yaml are marked {@code config} and
 * replaced whenever the file is (re)loaded; entries added while running are {@code live} and stay.
 */
public final class ScheduleStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;

    public ScheduleStore(Database db) {
        this.db = db;
    }

    public record Stored(ScheduleEntry entry, String rrule, String source) {}

    public List<Stored> list(String station) {
        return read("station_id = ?", station).getOrDefault(station, List.of());
    }

    /** Every station's entries in one query, by station (a host starting thousands of stations). */
    public Map<String, List<Stored>> listAll() {
        return read(null, null);
    }

    private Map<String, List<Stored>> read(String where, String station) {
        Map<String, List<Stored>> out = new java.util.HashMap<>();
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT id, program, settings, starts_at, duration_s, rrule, exdates, priority, source, station_id FROM schedule_entries"
                     + (where == null ? "" : " WHERE " + where) + " ORDER BY starts_at, id")) {
            if (station != null) p.setString(1, station);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    String st = r.getString(10);
                    String rrule = r.getString(6);
                    String ex = r.getString(7);
                    Set<LocalDateTime> exdates = ex == null || ex.isBlank() ? Set.of()
                            : Arrays.stream(ex.split(",")).map(LocalDateTime::parse).collect(Collectors.toSet());
                    @SuppressWarnings("unchecked")
                    Map<String, Object> settings = JSON.readValue(r.getString(3), Map.class);
                    ScheduleEntry e = new ScheduleEntry(r.getLong(1), st, r.getString(2), settings, r.getObject(4, LocalDateTime.class),
                            Duration.ofSeconds(r.getLong(5)), rrule == null ? null : Recurrence.parse(rrule), exdates, r.getInt(8));
                    out.computeIfAbsent(st, k -> new ArrayList<>()).add(new Stored(e, rrule, r.getString(9)));
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new StorageException("reading the schedule" + (station == null ? "s" : " of " + station), e instanceof SQLException s ? s : new SQLException(e));
        }
        return out;
    }

    public List<ScheduleEntry> entries(String station) {
        return list(station).stream().map(Stored::entry).toList();
    }

    /** Adds an entry; returns it with its id. */
    public ScheduleEntry add(ScheduleEntry e, String rrule, String source) {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("INSERT INTO schedule_entries (station_id, program, settings, starts_at, duration_s, rrule, exdates, priority, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, e.station());
            p.setString(2, e.program());
            p.setString(3, JSON.writeValueAsString(e.settings()));
            p.setObject(4, e.start());
            p.setLong(5, e.duration().toSeconds());
            p.setString(6, rrule);
            p.setString(7, e.exceptions().stream().map(LocalDateTime::toString).sorted().collect(Collectors.joining(",")));
            p.setInt(8, e.priority());
            p.setString(9, source);
            p.setObject(10, OffsetDateTime.now());
            p.executeUpdate();
            try (ResultSet k = p.getGeneratedKeys()) {
                k.next();
                return e.withId(k.getLong(1));
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new StorageException("adding to the schedule of " + e.station(), ex instanceof SQLException s ? s : new SQLException(ex));
        }
    }

    public boolean remove(String station, long id) {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("DELETE FROM schedule_entries WHERE station_id = ? AND id = ?")) {
            p.setString(1, station);
            p.setLong(2, id);
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException("removing entry " + id + " of " + station, e);
        }
    }

    /**
     * Makes the stored {@code config} entries equal to the file's: unchanged entries keep their
     * ids (airings refer to them, and a show resumed after a restart is recognised by its id),
     * removed ones go, new ones are added. Returns how many were added and removed.
     */
    public int[] syncFromConfig(String station, List<ScheduleEntry> entries, List<String> rrules) {
        return syncFromConfig(station, entries, rrules, list(station));
    }

    /** The same, given what is stored for the station now (read with {@link #listAll}). */
    public int[] syncFromConfig(String station, List<ScheduleEntry> entries, List<String> rrules, List<Stored> now) {
        List<Stored> stored = now.stream().filter(st -> st.source().equals("config")).toList();
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) wanted.add(key(entries.get(i), rrules.get(i)));
        List<String> have = new ArrayList<>(stored.stream().map(st -> key(st.entry(), st.rrule())).toList());
        int removed = 0;
        int added = 0;
        List<String> remaining = new ArrayList<>(wanted);
        for (int i = 0; i < stored.size(); i++) {
            if (!remaining.remove(have.get(i))) {
                remove(station, stored.get(i).entry().id());
                removed++;
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            String k = wanted.get(i);
            if (remaining.remove(k)) {
                add(entries.get(i), rrules.get(i), "config");
                added++;
            }
        }
        return new int[] {added, removed};
    }

    private static String key(ScheduleEntry e, String rrule) {
        try {
            return e.program() + "|" + e.start() + "|" + e.duration() + "|" + rrule + "|" + new java.util.TreeSet<>(e.exceptions()) + "|" + e.priority()
                    + "|" + JSON.writeValueAsString(new java.util.TreeMap<>(e.settings()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            return e.toString();
        }
    }
}
