package org.stationd.eventlog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stationd.esl.embedded.FarEnd;

/**
 * The phones a station called in the recording, and what they did: answered after so long, or
 * refused (busy, unreachable). A replayed program's calls are paired with the recorded ones — the
 * n-th call to a number in the replay is the n-th call to it in the recording — so what that far
 * end did later (keys, a drop) happens to the right call.
 */
final class OriginateMatcher {
    private static final Pattern ORIGINATE = Pattern.compile("originate \\{([^}]*)}(\\S+)");
    private static final Pattern UUID_VAR = Pattern.compile("origination_uuid=(" + UuidMap.UUID.pattern() + ")");
    private static final Pattern USER = Pattern.compile("user/([^@\\s]+)(@.*)?");
    private static final Pattern GATEWAY = Pattern.compile("sofia/gateway/([^/]+)/(\\S+)");
    /** {@code loopback/<number>[/<context>[/<dialplan>]]}: the number routed in the context (default {@code default}). */
    private static final Pattern LOOPBACK_DIAL = Pattern.compile("loopback/([^/|,\\s]+)(?:/([^/|,\\s]+))?(?:/[^/|,\\s]+)?");

    /** What the far end of a recorded call did: answered ({@code cause} null) or refused with {@code cause}, {@code after} the originate. */
    private record Outcome(String recordedUuid, Duration after, String cause) {}

    private record Placed(String uuid, String target, Instant at) {}

    private final List<Placed> recorded = new ArrayList<>();
    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    /** Replayed uuid → the recorded call it is paired with, when that one was answered. */
    private final Map<String, Answered> answered = new LinkedHashMap<>();

    OriginateMatcher(List<Map<String, Object>> records) {
        Map<String, Placed> byUuid = new LinkedHashMap<>();
        for (Map<String, Object> r : records) {
            Instant t = Instant.parse((String) r.get("t"));
            String kind = (String) r.get("k");
            if ("out".equals(r.get("dir")) && "bgapi".equals(kind)) {
                Placed p = parse(String.valueOf(r.get("cmd")), t);
                if (p != null) {
                    recorded.add(p);
                    byUuid.put(p.uuid(), p);
                }
            } else if ("job".equals(kind) && !Boolean.TRUE.equals(r.get("late"))) {   // a late answer says nothing of the call: its events do
                Placed p = parse(String.valueOf(r.get("cmd")), t);
                String body = String.valueOf(r.get("body")).strip();
                if (p != null && byUuid.containsKey(p.uuid()) && body.startsWith("-ERR")) {
                    String cause = body.substring(4).strip().split("\\s+")[0];
                    outcomes.putIfAbsent(p.uuid(), new Outcome(p.uuid(), Duration.between(byUuid.get(p.uuid()).at(), t), cause.isEmpty() ? "NORMAL_TEMPORARY_FAILURE" : cause));
                }
            } else if ("esl".equals(kind) && r.get("headers") instanceof Map<?, ?> h) {
                Placed p = byUuid.get(String.valueOf(h.get("Unique-ID")));
                if (p == null || outcomes.containsKey(p.uuid())) continue;
                if ("CHANNEL_ANSWER".equals(r.get("name"))) {
                    outcomes.put(p.uuid(), new Outcome(p.uuid(), Duration.between(p.at(), t), null));
                } else if ("CHANNEL_HANGUP".equals(r.get("name"))) {   // ended before it was answered
                    outcomes.put(p.uuid(), new Outcome(p.uuid(), Duration.between(p.at(), t), String.valueOf(h.get("Hangup-Cause"))));
                }
            }
        }
    }

    /**
     * What each recorded phone did on each call, in order, by endpoint ({@code user/3001},
     * {@code sofia/gateway/pstn/5552001}, {@code loopback/tx1/stations}): answered after so long,
     * or refused with a cause; a call the log never saw answered rings on. The switch plays later
     * calls as the last one.
     */
    Map<String, List<FarEnd>> phones() {
        Map<String, List<FarEnd>> out = new LinkedHashMap<>();
        for (Placed p : recorded) {
            String endpoint = endpoint(p.target());
            if (endpoint != null) {
                out.computeIfAbsent(endpoint, k -> new ArrayList<>()).add(farEnd(outcomes.get(p.uuid())));
            }
        }
        return out;
    }

    /** The endpoint a dial string reaches, as the simulated switch scripts it; null for others (error/…, several endpoints). */
    private static String endpoint(String target) {
        Matcher u = USER.matcher(target);
        if (u.matches()) return "user/" + u.group(1);
        if (GATEWAY.matcher(target).matches()) return target;
        Matcher l = LOOPBACK_DIAL.matcher(target);
        return l.matches() ? "loopback/" + l.group(1) + "/" + (l.group(2) == null ? "default" : l.group(2)) : null;
    }

    private static FarEnd farEnd(Outcome f) {
        if (f == null) return FarEnd.ringsOn();
        if (f.cause() == null) return FarEnd.answersAfter(f.after().toMillis());
        return FarEnd.refuses(f.cause(), f.after().toMillis());   // NO_ANSWER rang out: the originate times out again
    }

    /** A command the replayed program sent: if it places a call, pairs it with the recording's next call to the same number. */
    synchronized void placed(String command, Map<String, String> recordedToReplayed) {
        Placed now = parse(command, null);
        if (now == null) return;
        for (int i = 0; i < recorded.size(); i++) {
            if (recorded.get(i).target().equals(now.target())) {
                Placed was = recorded.remove(i);
                recordedToReplayed.put(was.uuid(), now.uuid());
                Outcome f = outcomes.get(was.uuid());
                if (f != null && f.cause() == null) answered.put(now.uuid(), new Answered(was.target(), was.at(), f.after()));
                return;
            }
        }
    }

    /** A recorded call whose far end answered, {@code after} it was placed {@code at}. */
    record Answered(String target, Instant at, Duration after) {}

    /** The recorded call a replayed one (by its origination uuid) stands for, if the far end answered it; else null. */
    synchronized Answered answeredInRecording(String replayedUuid) {
        return answered.get(replayedUuid);
    }

    /** The origination uuid of an originate command, or null. */
    static String originationUuid(String command) {
        Placed p = parse(command, null);
        return p == null ? null : p.uuid();
    }

    private static Placed parse(String command, Instant at) {
        Matcher m = ORIGINATE.matcher(command);
        if (!m.find()) return null;
        Matcher u = UUID_VAR.matcher(m.group(1));
        return u.find() ? new Placed(u.group(1), m.group(2), at) : null;
    }
}
