package org.stationd.esl.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.stationd.esl.event.EslEvent;

/**
 * What one scenario run said, per call leg: each kept event as one line (its name, or the
 * conference Action, and the key headers of {@link SimulatorDifferences#KEY_HEADERS} with uuids
 * written as roles), plus the api replies. Two runs are compared line by line per leg.
 */
public final class LegSequence {
    private final Map<String, List<String>> byLeg = new TreeMap<>();

    /** One kept event: its name (with the subclass) and its key headers in {@link SimulatorDifferences#KEY_HEADERS} order. */
    record Line(String name, Map<String, String> headers) {
        boolean is(String n) {
            return name.equals(n);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(name);
            headers.forEach((k, v) -> b.append(' ').append(k.isEmpty() ? "" : k + "=").append(v));
            return b.toString();
        }
    }

    static LegSequence of(ScenarioRun run) {
        return of(run.legs(), run.mediaDir(), run.replies());
    }

    /**
     * The sequences of what {@code legs} recorded, with {@code media} (the session's own folder)
     * written as {@code <media>}, plus {@code replies} (api replies already written with roles) as the leg {@code api}.
     */
    public static LegSequence of(LegRecorder legs, Path media, List<String> replies) {
        Map<String, List<Line>> lines = new TreeMap<>();
        Map<String, String> roles = legs.roles();
        for (EslEvent e : legs.events()) {
            if (SimulatorDifferences.ignored(e.name())) {
                continue;
            }
            Line line = line(e, roles, media);
            lines.computeIfAbsent(SimulatorDifferences.legOf(legs.roleOf(e), line), k -> new ArrayList<>()).add(line);
        }
        LegSequence s = new LegSequence();
        lines.forEach((leg, l) -> s.byLeg.put(leg, SimulatorDifferences.canonical(l).stream().map(Line::toString).toList()));
        if (!replies.isEmpty()) {
            s.byLeg.put("api", replies);
        }
        return s;
    }

    private static Line line(EslEvent e, Map<String, String> roles, Path media) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        for (String k : SimulatorDifferences.KEY_HEADERS) {
            String v = e.header(k);
            if (v != null && !v.isEmpty()) {
                h.put(k, normalize(v, roles, media));
            }
        }
        if (e.is("BACKGROUND_JOB")) {
            h.put("", normalize(e.body().strip(), roles, media));
        }
        return new Line(e.subclass() != null ? e.name() + " " + e.subclass() : e.name(), h);
    }

    private static String normalize(String v, Map<String, String> roles, Path media) {
        String t = v;
        for (var r : roles.entrySet()) {
            t = t.replace(r.getValue(), "<" + r.getKey() + ">");
        }
        return SimulatorDifferences.normalize(t.replace(media.toString(), "<media>"));
    }

    public Map<String, List<String>> legs() {
        return byLeg;
    }

    /** Every line one side has and the other lacks, leg by leg (longest common subsequence). */
    public static List<String> differences(LegSequence real, LegSequence sim) {
        List<String> out = new ArrayList<>();
        TreeSet<String> legs = new TreeSet<>(real.byLeg.keySet());
        legs.addAll(sim.byLeg.keySet());
        for (String leg : legs) {
            List<String> r = real.byLeg.getOrDefault(leg, List.of());
            List<String> s = sim.byLeg.getOrDefault(leg, List.of());
            if (!r.equals(s)) {
                diff(leg, r, s, out);
            }
        }
        return out;
    }

    private static void diff(String leg, List<String> r, List<String> s, List<String> out) {
        int[][] lcs = new int[r.size() + 1][s.size() + 1];
        for (int i = r.size() - 1; i >= 0; i--) {
            for (int j = s.size() - 1; j >= 0; j--) {
                lcs[i][j] = r.get(i).equals(s.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < r.size() || j < s.size()) {
            if (i < r.size() && j < s.size() && r.get(i).equals(s.get(j))) {
                i++;
                j++;
            } else if (j < s.size() && (i == r.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.add(leg + " #" + j + ": only the simulator: " + s.get(j));
                j++;
            } else {
                out.add(leg + " #" + i + ": only FreeSWITCH:    " + r.get(i));
                i++;
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        byLeg.forEach((leg, lines) -> {
            b.append(leg).append('\n');
            lines.forEach(l -> b.append("    ").append(l).append('\n'));
        });
        return b.toString();
    }
}
