package org.stationd.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stationd.api.Recording;
import org.stationd.storage.Database;
import org.stationd.storage.DbRecordings;

/**
 * The voice board's recordings for an operator: listed (pending first), heard, approved, rejected,
 * given another expiry. Approved ones are what {@code station.recordings.playable()} gives the
 * playlist, as before. Audio is served only from the host's recordings folder.
 */
final class Moderation {
    private static final Set<String> DECISIONS = Set.of("approved", "rejected", "pending");

    private final Database db;
    private final Path recordingsDir;

    Moderation(Database db, Path recordingsDir) {
        this.db = db;
        this.recordingsDir = recordingsDir.toAbsolutePath().normalize();
    }

    List<Map<String, Object>> list(String station, String status) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Recording r : new DbRecordings(db, station, Instant::now).all()) {
            if (status != null && !status.equals(r.status())) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("station", station);
            m.put("category", r.category());
            m.put("caller", r.caller());
            m.put("seconds", r.seconds());
            m.put("expires", Instant.ofEpochMilli(r.expiresAtEpochMillis()).toString());
            m.put("status", r.status());
            m.put("audible", audio(station, r.id()) != null);
            out.add(m);
        }
        out.sort((a, b) -> Boolean.compare(!"pending".equals(a.get("status")), !"pending".equals(b.get("status"))));
        return out;
    }

    /** {@code status}: approved, rejected (or pending again); {@code expires}: a date (the end of that day in the station's zone). */
    Map<String, Object> decide(String station, long id, Map<String, Object> body, ZoneId zone) {
        DbRecordings recs = new DbRecordings(db, station, Instant::now);
        if (recs.all().stream().noneMatch(r -> r.id() == id)) throw new ApiError(404, "station " + station + " has no recording " + id);
        Object status = body.get("status");
        Object expires = body.get("expires");
        if (status == null && expires == null) throw new ApiError(400, "say \"status\" (approved or rejected) or \"expires\" (a date)");
        if (status != null && !(status instanceof String s && DECISIONS.contains(s))) {
            throw new ApiError(400, "\"status\" must be approved, rejected or pending");
        }
        Instant until = null;
        if (expires != null) {
            try {
                until = LocalDate.parse(String.valueOf(expires)).plusDays(1).atStartOfDay(zone).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw new ApiError(400, "\"expires\" must be a date like 2026-12-24");
            }
        }
        if (status != null) recs.setStatus(id, (String) status);
        if (until != null) recs.setExpiry(id, until);
        return Map.of("id", id, "station", station);
    }

    /** The recording's audio file when it lies in the recordings folder; null otherwise. */
    Path audio(String station, long id) {
        for (Recording r : new DbRecordings(db, station, Instant::now).all()) {
            if (r.id() != id || r.file() == null) continue;
            Path f = recordingsDir.resolve(r.file()).toAbsolutePath().normalize();
            if (!f.startsWith(recordingsDir)) return null;
            return Files.isRegularFile(f) ? f : null;
        }
        return null;
    }
}
