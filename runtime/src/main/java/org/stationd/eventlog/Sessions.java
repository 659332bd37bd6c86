package org.stationd.eventlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a station's log at each program load, so a day's log (several runs of the host, swaps,
 * schedule slots) replays one session at a time. A load that follows an {@code op reload} is a
 * live reload and stays in the session it reloads; records before the first load (an operator's
 * swap, a schedule start) belong to the session they lead into.
 */
public final class Sessions {
    private Sessions() {}

    /** The sessions of one station's records, in order; a log without any load is one session. */
    public static List<Session> of(List<Map<String, Object>> records) {
        List<List<Map<String, Object>>> parts = new ArrayList<>();
        List<String> programs = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        List<Integer> reloads = new ArrayList<>();
        List<Map<String, Object>> current = new ArrayList<>();
        String cause = "start";
        boolean reloading = false;
        for (Map<String, Object> r : records) {
            String kind = String.valueOf(r.get("k"));
            if ("load".equals(kind)) {
                boolean anyLoad = !programs.isEmpty();
                if (reloading && anyLoad) {
                    reloads.set(reloads.size() - 1, reloads.get(reloads.size() - 1) + 1);
                } else {
                    if (anyLoad) {   // a new session: what led into it so far stays with the old one
                        parts.add(current);
                        current = new ArrayList<>();
                    }
                    programs.add(String.valueOf(r.get("program")));
                    causes.add(cause);
                    reloads.add(0);
                }
                reloading = false;
                cause = "start";
            } else if ("op".equals(kind)) {
                reloading = "reload".equals(r.get("cmd"));
                if ("swap".equals(r.get("cmd"))) cause = "swap";
            } else if ("sched".equals(kind) && "start".equals(r.get("event"))) {
                cause = "schedule";
            }
            current.add(r);
        }
        if (!current.isEmpty() || parts.isEmpty()) parts.add(current);
        List<Session> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            List<Map<String, Object>> p = List.copyOf(parts.get(i));
            String station = p.isEmpty() ? null : String.valueOf(p.get(0).get("st"));
            out.add(new Session(i + 1, station, i < programs.size() ? programs.get(i) : "(no program load recorded)",
                    i < causes.size() ? causes.get(i) : "start", time(p, 0), time(p, p.size() - 1), i < reloads.size() ? reloads.get(i) : 0, p));
        }
        return out;
    }

    /** The session running at {@code t}: the last one that had begun by then, or null if none had. */
    public static Session at(List<Session> sessions, Instant t) {
        Session found = null;
        for (Session s : sessions) {
            if (s.covers(t)) found = s;
        }
        return found;
    }

    /** The last session in which the program file {@code program} went on air, or null. */
    public static Session lastOf(List<Session> sessions, String program) {
        Session found = null;
        for (Session s : sessions) {
            if (s.program().equals(program)) found = s;
        }
        return found;
    }

    private static Instant time(List<Map<String, Object>> p, int i) {
        return p.isEmpty() ? null : Instant.parse((String) p.get(i).get("t"));
    }
}
