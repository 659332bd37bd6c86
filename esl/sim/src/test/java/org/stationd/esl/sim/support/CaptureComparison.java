package org.stationd.esl.sim.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stationd.esl.codec.EslFrame;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.event.EslEvents;

/**
 * Compares what FreeSWITCH sent in a capture with what the simulator sent for the same commands:
 * replies in order; per leg, the sequence of events, their header names in order, every header
 * value, and the set of channel variables; events of no channel in order. What may differ is
 * {@link AllowedDifferences}; every other difference is reported.
 */
public final class CaptureComparison {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final List<String> problems = new ArrayList<>();
    private final boolean underLoad;
    /** Comparing an event FreeSWITCH sent out of its usual place: the state it reports is of that moment. */
    private boolean reordered;
    private int compared;

    private CaptureComparison(boolean underLoad) {
        this.underLoad = underLoad;
    }
    private final LegMap capLegs = new LegMap();
    private final LegMap simLegs = new LegMap();

    /** Differences found; empty when the simulator said what FreeSWITCH said. */
    public static List<String> compare(List<EslFrame> capture, List<EslFrame> sim) {
        return compare(capture, sim, false);
    }

    /**
     * {@code underLoad}: the capture was taken with many calls at once, so FreeSWITCH's threads
     * reordered some of a leg's own events and skipped some CHANNEL_STATEs (see
     * {@link AllowedDifferences#UNDER_LOAD}); each leg's events are then matched by kind, not position.
     */
    public static List<String> compare(List<EslFrame> capture, List<EslFrame> sim, boolean underLoad) {
        CaptureComparison c = new CaptureComparison(underLoad);
        c.run(capture, sim);
        if (c.compared == 0 && capture.stream().anyMatch(EslFrame::isEvent)) {
            c.problems.add("no events were compared");
        }
        return c.problems;
    }

    /** Per leg: the sequence of event names (for test diagnostics and narrower assertions). */
    public static Map<String, List<String>> legSequences(List<EslFrame> frames) {
        LegMap legs = new LegMap();
        List<EslEvent> events = events(frames);
        events.forEach(legs::learn);
        Map<String, List<String>> out = new TreeMap<>();
        for (EslEvent e : events) {
            String key = e.uniqueId() == null ? null : legs.key(e.uniqueId());
            if (key != null) {
                out.computeIfAbsent(key, k -> new ArrayList<>()).add(e.name() + (e.header("Action") != null ? "/" + e.header("Action") : ""));
            }
        }
        return out;
    }

    private void run(List<EslFrame> capture, List<EslFrame> sim) {
        List<EslEvent> ce = events(capture);
        List<EslEvent> se = events(sim);
        ce.forEach(capLegs::learn);
        se.forEach(simLegs::learn);
        replies(capture).stream().filter(f -> f.header("Socket-Mode") != null).forEach(f -> capLegs.learn(EslEvents.fromConnectReply(f)));
        replies(sim).stream().filter(f -> f.header("Socket-Mode") != null).forEach(f -> simLegs.learn(EslEvents.fromConnectReply(f)));
        compareReplies(replies(capture), replies(sim));
        Map<String, List<EslEvent>> cl = byLeg(ce, capLegs);
        Map<String, List<EslEvent>> sl = byLeg(se, simLegs);
        if (!cl.keySet().equals(sl.keySet())) {
            problems.add("legs differ: capture " + cl.keySet() + ", simulator " + sl.keySet());
        }
        for (String leg : cl.keySet()) {
            compareLeg(leg, cl.get(leg), sl.getOrDefault(leg, List.of()));
        }
    }

    private static List<EslFrame> replies(List<EslFrame> frames) {
        return frames.stream().filter(f -> !f.isEvent()).toList();
    }

    private static List<EslEvent> events(List<EslFrame> frames) {
        return frames.stream().filter(EslFrame::isEvent).map(EslEvents::parse).toList();
    }

    private void compareReplies(List<EslFrame> cap, List<EslFrame> sim) {
        if (cap.size() != sim.size()) {
            problems.add("reply count: capture " + cap.size() + " " + describe(cap) + ", simulator " + sim.size() + " " + describe(sim));
            return;
        }
        for (int i = 0; i < cap.size(); i++) {
            EslFrame c = cap.get(i);
            EslFrame s = sim.get(i);
            if (!c.contentType().equals(s.contentType())) {
                problems.add("reply " + i + ": Content-Type " + c.contentType() + " vs " + s.contentType());
                continue;
            }
            if (c.header("Socket-Mode") != null) {
                // the outbound connect reply is the channel's data: compare it like an event
                compareEvent("connect reply", EslEvents.fromConnectReply(c), EslEvents.fromConnectReply(s));
                continue;
            }
            if (!new ArrayList<>(c.rawHeaders().keySet()).equals(new ArrayList<>(s.rawHeaders().keySet()))) {
                problems.add("reply " + i + ": header names " + c.rawHeaders().keySet() + " vs " + s.rawHeaders().keySet());
            }
            String ct = c.replyText();
            String st = s.replyText();
            if (ct != null && !AllowedDifferences.normalize(ct).equals(AllowedDifferences.normalize(st == null ? "" : st))) {
                problems.add("reply " + i + ": Reply-Text '" + ct + "' vs '" + st + "'");
            }
            String cb = c.bodyText();
            String sb = s.bodyText();
            if (cb.startsWith("UP ")) {
                if (!sb.startsWith("UP ") || cb.split("\n").length != sb.split("\n").length) {
                    problems.add("reply " + i + ": status body shape differs:\n" + sb);
                }
            } else if (!AllowedDifferences.normalize(cb).equals(AllowedDifferences.normalize(sb)) && !cb.contains("\"row_count\":")) {
                problems.add("reply " + i + ": body '" + abbreviate(cb) + "' vs '" + abbreviate(sb) + "'");
            } else if (cb.contains("\"row_count\":") && !AllowedDifferences.normalize(cb).replaceAll("\"created(_epoch)?\":\"[^\"]*\"", "")
                    .equals(AllowedDifferences.normalize(sb).replaceAll("\"created(_epoch)?\":\"[^\"]*\"", ""))) {
                problems.add("reply " + i + ": show channels body\n  capture   " + cb + "\n  simulator " + sb);
            }
        }
    }

    private static String describe(List<EslFrame> fs) {
        List<String> out = new ArrayList<>();
        for (EslFrame f : fs) {
            out.add(f.contentType() + (f.replyText() != null ? "(" + f.replyText() + ")" : ""));
        }
        return out.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }

    private static final Pattern ORIGINATION_UUID = Pattern.compile("origination_uuid=([0-9a-f-]{36})");

    /**
     * Events of a channel go to its leg; an originate's API and BACKGROUND_JOB events go to the call
     * they started ("job:" + A leg), so calls running side by side are compared call by call.
     */
    private static String keyOf(EslEvent e, LegMap legs) {
        if (e.uniqueId() != null) {
            return legs.key(e.uniqueId());
        }
        String arg = e.is("API") ? e.header("API-Command-Argument") : e.is("BACKGROUND_JOB") ? e.header("Job-Command-Arg") : null;
        if (arg != null) {
            Matcher m = ORIGINATION_UUID.matcher(arg);
            if (m.find()) {
                return "job:A:" + m.group(1);
            }
        }
        return "-";
    }

    private Map<String, List<EslEvent>> byLeg(List<EslEvent> events, LegMap legs) {
        Map<String, List<EslEvent>> out = new LinkedHashMap<>();
        for (EslEvent e : events) {
            if (AllowedDifferences.EVENTS_EXEMPT.contains(e.name())) {
                continue;
            }
            String key = keyOf(e, legs);
            if (key == null) {
                key = "?" + e.uniqueId();
            }
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
        return out;
    }

    private static String label(EslEvent e) {
        String a = e.header("Action");
        String api = e.header("API-Command");
        return e.name() + (a != null ? "/" + a : "") + (api != null ? "/" + api : "");
    }

    private void compareLeg(String leg, List<EslEvent> cap, List<EslEvent> sim) {
        List<String> cn = cap.stream().map(CaptureComparison::label).toList();
        List<String> sn = sim.stream().map(CaptureComparison::label).toList();
        if (underLoad && !cn.equals(sn)) {
            compareLegByKind(leg, cap, sim);
            return;
        }
        if (!cn.equals(sn)) {
            problems.add("leg " + leg + ": events differ\n  capture   " + cn + "\n  simulator " + sn);
            return;
        }
        for (int i = 0; i < cap.size(); i++) {
            compareEvent(leg + " #" + i + " " + cn.get(i), cap.get(i), sim.get(i));
        }
    }

    /** Pairs each event with the same kind's same occurrence (CHANNEL_STATE by its state), ignoring order. */
    private void compareLegByKind(String leg, List<EslEvent> cap, List<EslEvent> sim) {
        Map<String, EslEvent> ck = byKind(cap);
        Map<String, EslEvent> sk = byKind(sim);
        for (String k : sk.keySet()) {
            if (!ck.containsKey(k) && !(k.startsWith("CHANNEL_STATE/") && AllowedDifferences.UNDER_LOAD_SKIPPABLE.contains(k.split("/")[1].split("#")[0]))) {
                problems.add("leg " + leg + ": simulator sent " + k + ", FreeSWITCH did not");
            }
        }
        for (String k : ck.keySet()) {
            if (!sk.containsKey(k)) {
                problems.add("leg " + leg + ": FreeSWITCH sent " + k + ", the simulator did not");
            } else {
                reordered = true;
                compareEvent(leg + " " + k, ck.get(k), sk.get(k));
                reordered = false;
            }
        }
    }

    private static Map<String, EslEvent> byKind(List<EslEvent> events) {
        Map<String, EslEvent> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (EslEvent e : events) {
            String kind = label(e) + (e.is("CHANNEL_STATE") ? "/" + e.header("Channel-State") : "");
            int n = seen.merge(kind, 1, Integer::sum);
            out.put(kind + "#" + n, e);
        }
        return out;
    }

    private void compareEvent(String where, EslEvent c, EslEvent s) {
        List<String> chn = names(c);
        List<String> shn = names(s);
        if (reordered) {
            chn = chn.stream().filter(n -> !AllowedDifferences.stateDependent(n)).toList();
            shn = shn.stream().filter(n -> !AllowedDifferences.stateDependent(n)).toList();
        }
        if (!chn.equals(shn)) {
            problems.add(where + ": headers differ\n  capture   " + chn + "\n  simulator " + shn);
        }
        Map<String, String> cv = variables(c);
        Map<String, String> sv = variables(s);
        if (!cv.keySet().equals(sv.keySet()) && !reordered) {
            List<String> missing = new ArrayList<>(cv.keySet());
            missing.removeAll(sv.keySet());
            List<String> extra = new ArrayList<>(sv.keySet());
            extra.removeAll(cv.keySet());
            problems.add(where + ": variables differ: missing " + missing + ", extra " + extra);
        }
        for (Map.Entry<String, String> h : c.headers().entrySet()) {
            String name = h.getKey();
            if (AllowedDifferences.valueExempt(name) || !s.headers().containsKey(name)
                    || (reordered && AllowedDifferences.stateDependent(name))
                    || (name.equals("Content-Length") && c.body() != null && c.body().startsWith("UP "))) {
                continue;
            }
            String cvv = norm(h.getValue(), capLegs);
            String svv = norm(s.header(name), simLegs);
            if (!cvv.equals(svv)) {
                problems.add(where + ": " + name + " = '" + abbreviate(h.getValue()) + "' vs '" + abbreviate(s.header(name)) + "'");
            }
        }
        String cb = c.body() == null ? null : norm(c.body(), capLegs);
        compared++;
        String sb = s.body() == null ? null : norm(s.body(), simLegs);
        if (cb != null && !cb.startsWith("UP ") && !cb.equals(sb)) {
            problems.add(where + ": body '" + abbreviate(c.body()) + "' vs '" + (s.body() == null ? null : abbreviate(s.body())) + "'");
        }
    }

    /** Header names in order, without variables (their order may differ) and with duplicates kept. */
    private static List<String> names(EslEvent e) {
        return e.headers().keySet().stream().filter(n -> !n.startsWith("variable_")).toList();
    }

    private static Map<String, String> variables(EslEvent e) {
        Map<String, String> m = new TreeMap<>();
        e.headers().forEach((k, v) -> {
            if (k.startsWith("variable_")) {
                m.put(k, v);
            }
        });
        return m;
    }

    private static String norm(String v, LegMap legs) {
        Matcher m = UUID.matcher(AllowedDifferences.normalizeValue(v));
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = legs.key(m.group());
            m.appendReplacement(sb, key == null ? "<uuid>" : Matcher.quoteReplacement(key));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
