package org.stationd.eventlog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A replayed program makes new uuids (calls, playbacks) where the recording has others. Pairing
 * them as they first appear lets recorded inputs be translated and commands compared.
 */
final class UuidMap {
    static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Map<String, String> recordedToActual = new HashMap<>();
    private final Map<String, String> actualToRecorded = new HashMap<>();

    static List<String> find(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = UUID.matcher(s);
        while (m.find()) out.add(m.group());
        return out;
    }

    /** True if the two texts are the same once uuids are paired (pairing new ones as a side effect). */
    boolean unify(String recorded, String actual) {
        List<String> r = find(recorded);
        List<String> a = find(actual);
        if (r.size() != a.size()) return false;
        Map<String, String> tentative = new HashMap<>();
        for (int i = 0; i < r.size(); i++) {
            String known = recordedToActual.getOrDefault(r.get(i), tentative.get(r.get(i)));
            if (known != null) {
                if (!known.equals(a.get(i))) return false;
                continue;
            }
            String owner = actualToRecorded.get(a.get(i));
            if (owner != null && !owner.equals(r.get(i))) return false;
            tentative.put(r.get(i), a.get(i));
        }
        if (!UUID.matcher(recorded).replaceAll("#").equals(UUID.matcher(actual).replaceAll("#"))) return false;
        tentative.forEach((k, v) -> {
            recordedToActual.put(k, v);
            actualToRecorded.put(v, k);
        });
        return true;
    }

    /** The recorded uuid a replay's uuid was paired with, or null. */
    String recordedFor(String actual) {
        return actualToRecorded.get(actual);
    }

    /** Whether a recorded uuid has been paired with one of the replay's. */
    boolean paired(String recorded) {
        return recordedToActual.containsKey(recorded);
    }

    /** A recorded text with every paired uuid replaced by the replay's. */
    String translate(String recorded) {
        if (recordedToActual.isEmpty()) return recorded;
        Matcher m = UUID.matcher(recorded);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, recordedToActual.getOrDefault(m.group(), m.group()));
        m.appendTail(sb);
        return sb.toString();
    }
}
