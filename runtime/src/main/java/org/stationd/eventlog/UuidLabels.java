package org.stationd.eventlog;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;

/** Readable, run-independent names for uuids in a timeline: the first one seen is {@code #1}, and so on. */
final class UuidLabels {
    private final Map<String, String> names = new HashMap<>();

    synchronized String label(String text) {
        Matcher m = UuidMap.UUID.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, names.computeIfAbsent(m.group(), k -> "#" + (names.size() + 1)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
