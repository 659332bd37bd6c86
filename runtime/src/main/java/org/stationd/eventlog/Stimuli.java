package org.stationd.eventlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outside world of a recorded session: who called which line from which number, the keys they
 * pressed, when they hung up, the texts and messages that came in, and the schedule's moments.
 * Everything the station did is left out: a stimulus replay lets the program decide again.
 */
final class Stimuli {
    /** One thing the world did, at a moment; {@code call} is the recorded uuid it concerns, if any. */
    record Stimulus(Instant at, Kind kind, String call, Map<String, Object> fields) {}

    enum Kind { LOAD, RELOAD, CALL, DTMF, HANGUP, SMS, MESSAGE, WRAP_UP, UNLOAD }

    private Stimuli() {}

    /** The stimuli of one station's records, in order. */
    @SuppressWarnings("unchecked")
    static List<Stimulus> of(List<Map<String, Object>> records) {
        List<Stimulus> out = new ArrayList<>();
        Set<String> endedByStation = new HashSet<>();
        Set<String> live = new HashSet<>();
        boolean reloading = false;
        for (Map<String, Object> r : records) {
            Instant t = Instant.parse((String) r.get("t"));
            String kind = (String) r.get("k");
            if ("out".equals(r.get("dir"))) {
                String text = ReplayLink.text(kind, r);
                if (text.contains("uuid_kill") || text.contains("hangup") || text.contains(" kick ")) {
                    endedByStation.addAll(UuidMap.find(text));   // the station ended these: not the listener's doing
                }
                continue;
            }
            switch (kind) {
                case "load" -> {   // after an op reload: the saved program took over live, the calls stayed up
                    out.add(new Stimulus(t, reloading && out.stream().anyMatch(s -> s.kind() == Kind.LOAD) ? Kind.RELOAD : Kind.LOAD, null, r));
                    reloading = false;
                }
                case "op" -> reloading = "reload".equals(r.get("cmd"));
                case "unload" -> {
                    endedByStation.addAll(live);   // the hangups that follow an unload are the station's
                    out.add(new Stimulus(t, Kind.UNLOAD, null, Map.of()));
                }
                case "sms" -> out.add(new Stimulus(t, Kind.SMS, null, r));
                case "zmq" -> out.add(new Stimulus(t, Kind.MESSAGE, null, r));
                case "sched" -> {
                    if ("wrapUp".equals(r.get("event"))) out.add(new Stimulus(t, Kind.WRAP_UP, null, r));
                }
                case "esl" -> {
                    Map<String, Object> h = (Map<String, Object>) r.get("headers");
                    String name = (String) r.get("name");
                    String uuid = h == null ? null : (String) h.get("Unique-ID");
                    if (uuid == null) continue;
                    if ("CHANNEL_PARK".equals(name) && r.get("line") != null && live.add(uuid)) {
                        Map<String, Object> f = new LinkedHashMap<>();
                        f.put("from", h.get("Caller-Caller-ID-Number"));
                        f.put("to", h.get("Caller-Destination-Number"));
                        f.put("line", r.get("line"));
                        out.add(new Stimulus(t, Kind.CALL, uuid, f));
                    } else if ("CHANNEL_ANSWER".equals(name) || "CHANNEL_PROGRESS".equals(name)) {
                        live.add(uuid);
                    } else if ("DTMF".equals(name) && h.get("DTMF-Digit") != null) {
                        out.add(new Stimulus(t, Kind.DTMF, uuid, Map.of("digit", h.get("DTMF-Digit"))));
                    } else if ("CHANNEL_HANGUP".equals(name) && live.remove(uuid) && !endedByStation.contains(uuid)) {
                        Object cause = h.getOrDefault("Hangup-Cause", "NORMAL_CLEARING");
                        out.add(new Stimulus(t, Kind.HANGUP, uuid, Map.of("cause", cause)));
                    }
                }
                default -> { }
            }
        }
        return out;
    }
}
