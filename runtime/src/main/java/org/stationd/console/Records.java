package org.stationd.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stationd.storage.Database;

/**
 * Calls, airings and texts as the host stored them: searched (a station, a day, words found in the
 * numbers, program, cause or body), newest first, a page at a time, or all of a search as CSV.
 */
final class Records {
    /** A kind of record: its table, the columns shown, the time it is ordered by and the columns searched. */
    private record Kind(String table, String columns, String time, List<String> searched) {}

    private static final Map<String, Kind> KINDS = Map.of(
            "calls", new Kind("cdrs", "call_id, station_id, program, direction, from_number, to_number, role, created_at, answered_at, ended_at, hangup_cause, duration_ms",
                    "created_at", List.of("call_id", "program", "from_number", "to_number", "role", "hangup_cause")),
            "airings", new Kind("airings", "id, station_id, program, version, planned_start, planned_end, actual_start, actual_end, status, reason",
                    "planned_start", List.of("program", "status", "reason")),
            "texts", new Kind("sms_messages", "id, station_id, direction, from_number, to_number, body, at",
                    "at", List.of("from_number", "to_number", "body")));
    static final int MAX_PAGE = 500;
    /** A CSV export holds at most this many rows (the newest): a year of calls fits. */
    static final int MAX_EXPORT = 100_000;

    private final Database db;

    Records(Database db) {
        this.db = db;
    }

    static boolean known(String kind) {
        return KINDS.containsKey(kind);
    }

    /** {@code {rows:[…], total:n, page:p, size:s}}. */
    Map<String, Object> page(String kind, Request r) {
        int size = r.intParam("size", 50, 1, MAX_PAGE);
        int page = r.intParam("page", 0, 0, 1_000_000);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows(kind, r, size, (long) page * size));
        out.put("total", count(kind, r));
        out.put("page", page);
        out.put("size", size);
        return out;
    }

    /** The search's rows as CSV (RFC 4180), a header line first. */
    String csv(String kind, Request r) {
        List<Map<String, Object>> rows = rows(kind, r, MAX_EXPORT, 0);
        StringBuilder b = new StringBuilder();
        List<String> cols = List.of(KINDS.get(kind).columns().split(",\\s*"));
        b.append(String.join(",", cols)).append("\r\n");
        for (Map<String, Object> row : rows) {
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0) b.append(',');
                Object v = row.get(cols.get(i));
                b.append(cell(v == null ? "" : String.valueOf(v)));
            }
            b.append("\r\n");
        }
        return b.toString();
    }

    /** Quoted when it must be; a leading = + - @ is defused so a spreadsheet does not run it as a formula. */
    private static String cell(String v) {
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("[+-]?\\d[\\d.]*")) v = "'" + v;
        return v.matches(".*[\",\r\n].*") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private List<Map<String, Object>> rows(String kind, Request r, int limit, long offset) {
        Kind k = KINDS.get(kind);
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + k.columns() + " FROM " + k.table() + where(k, r, args) + " ORDER BY " + k.time() + " DESC LIMIT ? OFFSET ?";
        args.add(limit);
        args.add(offset);
        List<Map<String, Object>> out = new ArrayList<>();
        query(sql, args, rs -> {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof OffsetDateTime t) v = t.toInstant().toString();
                    else if (v instanceof java.sql.Timestamp t) v = t.toInstant().toString();
                    row.put(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), v);
                }
                out.add(row);
            }
        });
        return out;
    }

    private long count(String kind, Request r) {
        Kind k = KINDS.get(kind);
        List<Object> args = new ArrayList<>();
        long[] n = {0};
        query("SELECT COUNT(*) FROM " + k.table() + where(k, r, args), args, rs -> {
            if (rs.next()) n[0] = rs.getLong(1);
        });
        return n[0];
    }

    /** {@code station}, {@code day} (YYYY-MM-DD, UTC), {@code q} (words, all of them in one of the searched columns). */
    private static String where(Kind k, Request r, List<Object> args) {
        List<String> conds = new ArrayList<>();
        String station = r.param("station");
        if (station != null) {
            conds.add("station_id = ?");
            args.add(station);
        }
        String day = r.param("day");
        if (day != null) {
            java.time.LocalDate d;
            try {
                d = java.time.LocalDate.parse(day);
            } catch (java.time.format.DateTimeParseException e) {
                throw new ApiError(400, "\"day\" must be a date like 2026-12-24");
            }
            conds.add(k.time() + " >= ? AND " + k.time() + " < ?");
            args.add(d.atStartOfDay().atOffset(java.time.ZoneOffset.UTC));
            args.add(d.plusDays(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC));
        }
        String q = r.param("q");
        if (q != null) {
            for (String word : q.trim().split("\\s+")) {
                if (word.length() > 100) throw new ApiError(400, "\"q\": a word over 100 characters");
                List<String> any = new ArrayList<>();
                for (String col : k.searched()) {
                    any.add("LOWER(" + col + ") LIKE ? ESCAPE '\\'");
                    args.add("%" + word.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                }
                conds.add("(" + String.join(" OR ", any) + ")");
            }
        }
        return conds.isEmpty() ? "" : " WHERE " + String.join(" AND ", conds);
    }

    private interface Rows {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<Object> args, Rows rows) {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) p.setObject(i + 1, args.get(i));
            try (ResultSet rs = p.executeQuery()) {
                rows.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading records: " + e.getMessage(), e);
        }
    }
}
