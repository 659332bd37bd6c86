package org.stationd.esl.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.stationd.esl.event.EslEvent;

/**
 * What one scenario run said, per call leg: each kept event as one line (its name, or the
 * conference Action, and the key headers of {@link SimulatorDifferences#KEY_HEADERS} with uuids
 * written as roles), plus the api replies. Two runs are compared line by line per leg.
 */
final class LegSequence {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Map<String, List<String>> byLeg = new TreeMap<>();

    static LegSequence of(ScenarioRun run) {
        LegSequence s = new LegSequence();
        Map<String, String> roles = run.legs().roles();
        for (EslEvent e : run.legs().events()) {
            if (SimulatorDifferences.ignored(e.name())) {
                continue;
            }
            String role = run.legs().roleOf(e);
            s.byLeg.computeIfAbsent(role, k -> new ArrayList<>()).add(line(e, roles, run));
        }
        if (!run.replies().isEmpty()) {
            s.byLeg.put("api", run.replies());
        }
        return s;
    }

    private static String line(EslEvent e, Map<String, String> roles, ScenarioRun run) {
        StringBuilder b = new StringBuilder(e.name());
        if (e.subclass() != null) {
            b.append(' ').append(e.subclass());
        }
        for (String h : SimulatorDifferences.KEY_HEADERS) {
            String v = e.header(h);
            if (v != null && !v.isEmpty()) {
                b.append(' ').append(h).append('=').append(normalize(v, roles, run));
            }
        }
        if (e.is("BACKGROUND_JOB")) {
            b.append(' ').append(normalize(e.body().strip(), roles, run));
        }
        return b.toString();
    }

    private static String normalize(String v, Map<String, String> roles, ScenarioRun run) {
        String t = v;
        for (var r : roles.entrySet()) {
            t = t.replace(r.getValue(), "<" + r.getKey() + ">");
        }
        t = t.replace(run.mediaDir().toString(), "<media>");
        return UUID.matcher(t).replaceAll("<uuid>");
    }

    Map<String, List<String>> legs() {
        return byLeg;
    }

    /** Every line one side has and the other lacks, leg by leg (longest common subsequence). */
    static List<String> differences(LegSequence real, LegSequence sim) {
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
