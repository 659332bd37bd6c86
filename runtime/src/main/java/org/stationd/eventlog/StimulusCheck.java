package org.stationd.eventlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a stimulus replay did what the recorded show did, beyond running without errors: a
 * call the station placed that its far end answered in the recording must not fail in the replay
 * (the replay's switch could not route it), and the program must reach the recording's states —
 * all of them when it is the recorded version, at least one after its first when it was changed.
 * Otherwise the replay FAILS with a one-line reason (docs/eventlog.md, "Stimulus").
 */
final class StimulusCheck {
    /** The recording's states in the order first reached, with when. */
    private final Map<String, Instant> recordedStates = new LinkedHashMap<>();
    private final Set<String> recordedVersions = new LinkedHashSet<>();
    private final Set<String> reached = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();
    private String version;

    /** {@code records}: the station's records the replay covers. */
    StimulusCheck(List<Map<String, Object>> records) {
        for (Map<String, Object> r : records) {
            if (r.get("state") instanceof String s) recordedStates.putIfAbsent(s, Instant.parse((String) r.get("t")));
            if (r.get("pv") instanceof String pv) recordedVersions.add(pv);
        }
    }

    /** The replayed program ({@code pv}) is in {@code state} (either may be null). */
    synchronized void in(String pv, String state) {
        if (pv != null && version == null) version = pv;
        if (state != null) reached.add(state);
    }

    /** A call the replayed program placed ended before it was answered. */
    synchronized void callFailed(String replayedUuid, String cause, OriginateMatcher originates) {
        OriginateMatcher.Answered a = originates.answeredInRecording(replayedUuid);
        if (a == null) return;   // it failed in the recording too, or the recording never placed it
        failures.add("the call to " + a.target() + " was answered in the recording (" + seconds(a.after().toMillis()) + " after "
                + a.at() + ") but failed in the replay: " + cause);
    }

    /** The first reason the replay failed, or null if it did what the recording did. */
    synchronized String failure() {
        if (!failures.isEmpty()) return failures.get(0);
        if (recordedStates.isEmpty()) return null;
        List<String> states = new ArrayList<>(recordedStates.keySet());
        boolean sameProgram = recordedVersions.size() == 1 && Objects.equals(version, recordedVersions.iterator().next());
        if (sameProgram) {
            for (String s : states) {
                if (!reached.contains(s)) return "the show never reached state '" + s + "', as it did at " + recordedStates.get(s) + " in the recording";
            }
            return null;
        }
        List<String> later = states.subList(1, states.size());
        if (later.isEmpty() || later.stream().anyMatch(reached::contains)) return null;
        return "the show never reached any state it reached after '" + states.get(0) + "' in the recording (" + String.join(", ", later) + ")";
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.2f s", ms / 1000.0);
    }
}
