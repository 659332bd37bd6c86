package org.stationd.eventlog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recorded command and the one the replayed program sent instead, as a volunteer reads them:
 * uuids named {@code #1}, {@code #2}, … (a uuid the replay made where the recording has another
 * gets the same name), the differing part marked {@code »…«}, and the parts far from it left out.
 */
final class CommandDiff {
    /** Words kept on each side of the difference. */
    private static final int CONTEXT = 2;
    /** Words and the separators between them (kept, so a line reads as it was). */
    private static final Pattern TOKEN = Pattern.compile("[^ ,{}\\[\\]]+|[ ,{}\\[\\]]+");

    /** @param field what differs: a header or variable name, {@code the command}, or {@code word N} */
    record Shown(String field, String expected, String actual) {}

    private CommandDiff() {}

    static Shown of(String expected, String actual, UuidMap uuids) {
        if (UuidMap.untaggedAgainstTagged(expected, actual)) actual = UuidMap.withoutPlayTags(actual);   // a recording made before plays were tagged
        Map<String, String> names = new LinkedHashMap<>();
        List<String> recorded = UuidMap.find(expected);
        for (String r : recorded) names.computeIfAbsent(r, k -> "#" + (names.size() + 1));
        String e = rename(expected, names);
        List<String> replayed = UuidMap.find(actual);
        Map<String, String> actualNames = new LinkedHashMap<>();
        for (int i = 0; i < replayed.size(); i++) {
            String a = replayed.get(i);
            String pairedWith = uuids.recordedFor(a);
            String sameSpot = i < recorded.size() && !uuids.paired(recorded.get(i)) ? recorded.get(i) : null;   // made where the recording made one
            String r = pairedWith != null ? pairedWith : sameSpot;
            actualNames.computeIfAbsent(a, k -> r != null ? names.computeIfAbsent(r, x -> "#" + (names.size() + 1)) : "#" + (names.size() + actualNames.size() + 1));
        }
        String ac = rename(actual, actualNames);
        return mark(e, ac);
    }

    private static String rename(String text, Map<String, String> names) {
        Matcher m = UuidMap.UUID.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(names.getOrDefault(m.group(), m.group())));
        m.appendTail(sb);
        return sb.toString();
    }

    /** Marks the differing words of two (uuid-named) texts and leaves out what is far from them. */
    static Shown mark(String expected, String actual) {
        List<String> e = tokens(expected);
        List<String> a = tokens(actual);
        int p = 0;
        while (p < e.size() && p < a.size() && e.get(p).equals(a.get(p))) p++;
        if (p == e.size() && p == a.size()) return new Shown(null, expected, actual);
        int s = 0;
        while (s < e.size() - p && s < a.size() - p && e.get(e.size() - 1 - s).equals(a.get(a.size() - 1 - s))) s++;
        String key = p < e.size() && p < a.size() ? key(e.get(p)) : null;
        if (key != null && key.equals(key(a.get(p)))) {   // the same header or variable: mark its value
            split(e, p, key);
            split(a, p, key);
            p++;
        }
        return new Shown(field(e, a, p), render(e, p, e.size() - s), render(a, p, a.size() - s));
    }

    /** {@code name} of a {@code name=value} word, else null. */
    private static String key(String word) {
        int eq = word.indexOf('=');
        return eq > 0 ? word.substring(0, eq) : null;
    }

    private static void split(List<String> t, int p, String key) {
        t.set(p, t.get(p).substring(key.length() + 1));
        t.add(p, key + "=");
    }

    private static String field(List<String> e, List<String> a, int p) {
        if (p > 0 && e.get(p - 1).endsWith("=") && isWord(e.get(p - 1))) return e.get(p - 1).substring(0, e.get(p - 1).length() - 1);
        String word = p < e.size() ? e.get(p) : p < a.size() ? a.get(p) : "";
        if (key(word) != null) return key(word);
        if (p == 0) return "the command";
        for (int i = Math.min(p, e.size()) - 1; i >= 0; i--) if (isWord(e.get(i))) return "the word after '" + e.get(i) + "'";
        return "the command";
    }

    /** Tokens {@code from} to {@code to} marked, with a few words either side; the command's first word always shows. */
    private static String render(List<String> t, int from, int to) {
        int start = from;
        for (int words = 0; start > 0 && words < CONTEXT; ) if (isWord(t.get(--start))) words++;
        int end = to;
        for (int words = 0; end < t.size() && words < CONTEXT; ) if (isWord(t.get(end++))) words++;
        StringBuilder b = new StringBuilder();
        if (start <= 4) start = 0;
        else b.append(t.get(0)).append(t.get(1)).append(t.get(2)).append(" … ");   // the command and what it is for (a call, a conference)
        for (int i = start; i <= end; i++) {
            if (i == from) b.append('»');
            if (i == to) b.append('«');
            if (i < end) b.append(t.get(i));
        }
        if (t.subList(end, t.size()).stream().anyMatch(CommandDiff::isWord)) b.append(" …");
        else t.subList(end, t.size()).forEach(b::append);   // only the closing brace is left: show it
        return b.toString();
    }

    private static boolean isWord(String token) {
        return !token.isEmpty() && " ,{}[]".indexOf(token.charAt(0)) < 0;
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }
}
