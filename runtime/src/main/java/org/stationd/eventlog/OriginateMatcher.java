package org.stationd.eventlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pairs the calls a replayed program places with the recorded ones: the n-th call to a number in
 * the replay is the n-th call to it in the recording, so what that far end did (answer, press
 * keys, hang up) happens to the right call.
 */
final class OriginateMatcher {
    private static final Pattern ORIGINATE = Pattern.compile("originate \\{([^}]*)}(\\S+)");
    private static final Pattern UUID_VAR = Pattern.compile("origination_uuid=(" + UuidMap.UUID.pattern() + ")");

    private record Placed(String uuid, String target) {}

    private final List<Placed> recorded = new ArrayList<>();

    OriginateMatcher(List<Map<String, Object>> records) {
        for (Map<String, Object> r : records) {
            if ("out".equals(r.get("dir")) && "bgapi".equals(r.get("k"))) {
                Placed p = parse(String.valueOf(r.get("cmd")));
                if (p != null) recorded.add(p);
            }
        }
    }

    /** A command the replayed program sent: if it places a call, pair it with the recording's. */
    synchronized void placed(String command, Map<String, String> recordedToReplayed) {
        Placed now = parse(command);
        if (now == null) return;
        for (int i = 0; i < recorded.size(); i++) {
            if (recorded.get(i).target().equals(now.target())) {
                recordedToReplayed.put(recorded.remove(i).uuid(), now.uuid());
                return;
            }
        }
    }

    private static Placed parse(String command) {
        Matcher m = ORIGINATE.matcher(command);
        if (!m.find()) return null;
        Matcher u = UUID_VAR.matcher(m.group(1));
        return u.find() ? new Placed(u.group(1), m.group(2)) : null;
    }
}
