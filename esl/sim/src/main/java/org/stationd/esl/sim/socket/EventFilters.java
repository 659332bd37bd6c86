package org.stationd.esl.sim.socket;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.stationd.esl.sim.event.SimEvent;

/**
 * A connection's {@code filter} list, applied as mod_event_socket applies it: with no filters
 * everything passes; otherwise an event passes when a filter matches one of its headers. A value
 * may start with {@code +} (pass, the default) or {@code -} (block, and stop), and {@code /regex/}
 * matches by regular expression; plain values compare case-insensitively.
 */
final class EventFilters {
    private final List<Map.Entry<String, String>> filters = new ArrayList<>();

    void add(String header, String value) {
        filters.add(new AbstractMap.SimpleImmutableEntry<>(header, value));
    }

    /** switch_event_del_header_val: by name, and by value when one is given. */
    void delete(String header, String value) {
        Iterator<Map.Entry<String, String>> it = filters.iterator();
        while (it.hasNext()) {
            Map.Entry<String, String> f = it.next();
            if (f.getKey().equalsIgnoreCase(header) && (value == null || f.getValue().equals(value))) {
                it.remove();
            }
        }
    }

    void clear() {
        filters.clear();
    }

    boolean isEmpty() {
        return filters.isEmpty();
    }

    boolean passes(SimEvent e) {
        if (filters.isEmpty()) {
            return true;
        }
        boolean send = false;
        for (Map.Entry<String, String> f : filters) {
            String hval = e.header(f.getKey());
            if (hval == null) {
                continue;
            }
            String comp = f.getValue();
            boolean pos = true;
            int i = 0;
            while (i < comp.length()) {
                char c = comp.charAt(i);
                if (c == '+') {
                    pos = true;
                } else if (c == '-') {
                    pos = false;
                } else if (c != ' ') {
                    break;
                }
                i++;
            }
            if (send && pos) {
                continue;
            }
            String compTo = comp.substring(i);
            boolean cmp;
            if (comp.startsWith("/")) {
                cmp = regex(hval, compTo);
            } else {
                cmp = hval.equalsIgnoreCase(compTo);
            }
            if (cmp) {
                if (pos) {
                    send = true;
                } else {
                    return false;
                }
            }
        }
        return send;
    }

    private static boolean regex(String value, String expr) {
        String re = expr;
        if (re.startsWith("/")) {
            int end = re.lastIndexOf('/');
            re = end > 0 ? re.substring(1, end) : re.substring(1);
        }
        try {
            return Pattern.compile(re).matcher(value).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
