package org.stationd.esl.codec;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

/**
 * One command a client sent: the command line, its {@code Name: value} lines in order (a
 * {@code sendmsg}'s {@code call-command} etc., a {@code bgapi}'s {@code Job-UUID}) and the body a
 * {@code Content-Length} announced (sendevent, sendmsg with content).
 */
public record CommandFrame(String line, List<Map.Entry<String, String>> headers, String body) {

    public CommandFrame {
        headers = List.copyOf(headers);
    }

    public static CommandFrame of(String line, String... pairs) {
        java.util.List<Map.Entry<String, String>> h = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            h.add(new AbstractMap.SimpleImmutableEntry<>(pairs[i], pairs[i + 1]));
        }
        return new CommandFrame(line, h, null);
    }

    /** The first header of that name, case-insensitive (FreeSWITCH's lookups are); null if absent. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** The first word, lower-cased: {@code api}, {@code sendmsg}, … */
    public String verb() {
        int sp = line.indexOf(' ');
        return (sp < 0 ? line : line.substring(0, sp)).toLowerCase(java.util.Locale.ROOT);
    }

    /** Everything after the first word and its spaces; empty if none. */
    public String rest() {
        int sp = line.indexOf(' ');
        if (sp < 0) {
            return "";
        }
        int i = sp;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return line.substring(i);
    }

    @Override
    public String toString() {
        String l = line.regionMatches(true, 0, "auth ", 0, 5) || line.regionMatches(true, 0, "userauth ", 0, 9) ? verb() + " ********" : line;
        return headers.isEmpty() ? l : l + " " + headers;
    }
}
