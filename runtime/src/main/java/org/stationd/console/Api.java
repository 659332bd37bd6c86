package org.stationd.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stationd.control.ControlCommand;
import org.stationd.host.StationHost;
import org.stationd.station.StationContext;

/**
 * The console's JSON API (docs/console.md). What the control socket does goes through the host's
 * own command handler ({@link StationHost#command}): the console adds no second way to swap,
 * reload, schedule or ring a station. Records and recordings are read from the host's database.
 */
final class Api {
    private final StationHost host;
    private final Records records;
    private final Moderation moderation;
    private final Shows shows;

    private final EventFeed feed;

    Api(StationHost host, EventFeed feed) {
        this.host = host;
        this.feed = feed;
        this.records = new Records(host.database());
        this.moderation = new Moderation(host.database(), host.config().dataDir().resolve("recordings"));
        this.shows = new Shows(host.database());
    }

    /** The answer to an API request (path under /api/), as JSON, CSV or audio. */
    Reply handle(Request r) throws Exception {
        String a = r.part(1);
        String m = r.method();
        if (a == null) throw new ApiError(404, "no such API path: " + r.path());
        switch (a) {
            case "status":
                if (m.equals("GET")) return Reply.json(status());
                break;
            case "programs":
                if (m.equals("GET")) return Reply.json(Map.of("programs", programs()));
                break;
            case "cluster":
                if (m.equals("GET")) return Reply.json(ClusterView.of(host.cluster()));
                break;
            case "reload":
                if (m.equals("POST")) return Reply.json(host.command(cmd("reload", "program", r.body().get("program"))));
                break;
            case "stations":
                return station(r);
            case "calls", "airings", "texts":
                if (!m.equals("GET")) break;
                if ("csv".equals(r.param("format"))) {
                    return Reply.text(200, "text/csv; charset=utf-8", records.csv(a, r))
                            .with("Content-Disposition", "attachment; filename=\"" + a + ".csv\"");
                }
                return Reply.json(records.page(a, r));
            case "phone":
                return phone(r);
            default:
                throw new ApiError(404, "no such API path: " + r.path());
        }
        throw new ApiError(405, r.method() + " is not allowed on " + r.path());
    }

    /** /api/stations/ID/(swap|schedule[/N]|recordings[/N[/audio]]) */
    private Reply station(Request r) throws Exception {
        String id = r.part(2);
        String what = r.part(3);
        String m = r.method();
        if (id == null || what == null) throw new ApiError(404, "say which station and what: /api/stations/ID/schedule, …/swap, …/recordings");
        StationContext s = host.station(id);
        if (s == null) throw new ApiError(404, "no station '" + id + "'");
        switch (what) {
            case "week":
                if (m.equals("GET")) return Reply.json(shows.week(id, s.config().timezone(), java.time.Instant.now()));
                break;
            case "swap":
                if (m.equals("POST")) return Reply.json(host.command(cmd("swap", "station", id, "program", r.body().get("program"))));
                break;
            case "schedule": {
                String entry = r.part(4);
                if (entry == null && m.equals("GET")) return Reply.json(host.command(cmd("schedule-list", "station", id)));
                if (entry == null && m.equals("POST")) return Reply.json(host.command(add(id, r.body())));
                if (entry != null && m.equals("DELETE")) return Reply.json(host.command(cmd("schedule-rm", "station", id, "id", entry)));
                if (entry != null && m.equals("PUT")) {
                    // an edit is the new entry added, then the old one removed: a refused edit leaves the old one
                    Map<String, Object> added = host.command(add(id, r.body()));
                    host.command(cmd("schedule-rm", "station", id, "id", entry));
                    return Reply.json(added);
                }
                break;
            }
            case "recordings": {
                String rec = r.part(4);
                if (rec == null && m.equals("GET")) return Reply.json(Map.of("recordings", moderation.list(id, r.param("status"))));
                long rid = recordingId(rec);
                if ("audio".equals(r.part(5)) && m.equals("GET")) {
                    Path f = moderation.audio(id, rid);
                    if (f == null) throw new ApiError(404, "recording " + rid + " has no audio here");
                    return new Reply(200, "audio/wav", Files.readAllBytes(f), Map.of());
                }
                if (r.part(5) == null && m.equals("POST")) return Reply.json(moderation.decide(id, rid, r.body(), s.config().timezone()));
                break;
            }
            default:
                throw new ApiError(404, "no such API path: " + r.path());
        }
        throw new ApiError(405, r.method() + " is not allowed on " + r.path());
    }

    /** The host's status, each station with the show on air now and the next one. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> status() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>(host.command(cmd("status")));
        List<Map<String, Object>> stations = new ArrayList<>();
        for (Map<String, Object> st : (List<Map<String, Object>>) out.get("stations")) {
            Map<String, Object> m = new LinkedHashMap<>(st);
            StationContext s = host.station(String.valueOf(st.get("station")));
            if (s != null) m.putAll(shows.nowAndNext(s.id(), s.config().timezone(), java.time.Instant.now()));
            java.time.Instant errorAt = m.get("lastError") == null ? null : feed.lastErrorAt(String.valueOf(st.get("station")));
            m.put("lastErrorAt", errorAt == null ? null : errorAt.toString());
            stations.add(m);
        }
        out.put("stations", stations);
        out.put("compileErrorLines", compileErrorLines((Map<String, Object>) out.get("compileErrors")));
        return out;
    }

    private static final java.util.regex.Pattern AT = java.util.regex.Pattern.compile("(?:.*/)?([^/:]+):(\\d+):(\\d+): ");

    /** Each program that does not compile: its file, line and column, the problem and the source line it points at. */
    private List<Map<String, Object>> compileErrorLines(Map<String, Object> errors) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (errors == null) return out;
        Path dir = host.config().programsDir().toAbsolutePath().normalize();
        errors.forEach((file, error) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file);
            m.put("error", String.valueOf(error));
            java.util.regex.Matcher at = AT.matcher(String.valueOf(error));
            if (at.lookingAt()) {
                int line = Integer.parseInt(at.group(2));
                m.put("line", line);
                m.put("column", Integer.parseInt(at.group(3)));
                Path f = dir.resolve(file).normalize();
                try {
                    List<String> lines = f.startsWith(dir) ? Files.readAllLines(f) : List.of();
                    if (line >= 1 && line <= lines.size()) m.put("source", lines.get(line - 1));
                } catch (java.io.IOException | RuntimeException gone) {
                    // the file changed or went since: the message alone
                }
            }
            out.add(m);
        });
        return out;
    }

    /** /api/phone (POST: a call), /api/phone/CALL/(keys|text|voice|hangup) */
    private Reply phone(Request r) throws Exception {
        if (!r.method().equals("POST")) throw new ApiError(405, r.method() + " is not allowed on " + r.path());
        String call = r.part(2);
        Map<String, Object> b = r.body();
        if (call == null) return Reply.json(host.command(cmd("call-start", "station", b.get("station"), "line", b.get("line"), "from", b.get("from"))));
        String what = r.part(3);
        if (what == null) throw new ApiError(404, "say what to do with the call: keys, text, voice or hangup");
        return switch (what) {
            case "keys" -> Reply.json(host.command(cmd("call-keys", "call", call, "keys", b.get("keys"))));
            case "text" -> Reply.json(host.command(cmd("call-text", "call", call, "text", b.get("text"))));
            case "voice" -> Reply.json(host.command(cmd("call-voice", "call", call, "seconds", b.get("seconds"))));
            case "hangup" -> Reply.json(host.command(cmd("call-hangup", "call", call)));
            default -> throw new ApiError(404, "no such API path: " + r.path());
        };
    }

    private static ControlCommand add(String station, Map<String, Object> b) {
        return cmd("schedule-add", "station", station, "program", b.get("program"), "start", b.get("start"), "duration", b.get("duration"),
                "repeat", b.get("repeat"), "priority", b.get("priority"), "settings", b.get("settings"));
    }

    private static long recordingId(String text) {
        if (text == null || !text.matches("\\d{1,18}")) throw new ApiError(404, "no recording '" + text + "'");
        return Long.parseLong(text);
    }

    /** The program files an operator can put on a station. */
    private List<String> programs() throws java.io.IOException {
        List<String> out = new ArrayList<>();
        try (var files = Files.list(host.config().programsDir())) {
            files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".groovy") || n.endsWith(".js")).sorted().forEach(out::add);
        }
        return out;
    }

    /** A control command from name/value pairs; values left out (null) are not given. */
    private static ControlCommand cmd(String name, Object... kv) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) args.put((String) kv[i], kv[i + 1]);
        }
        return new ControlCommand(name, args);
    }
}
