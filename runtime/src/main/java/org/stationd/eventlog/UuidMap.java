package org.stationd.eventlog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A replayed program makes new uuids (calls, playbacks) where the recording has others. Pairing
 * them as they first appear lets recorded inputs be translated and commands compared.
 */
final class UuidMap {
    static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Map<String, String> recordedToActual = new HashMap<>();
    private final Map<String, String> actualToRecorded = new HashMap<>();

    /** The uuids in {@code s}, left to right, as {@link #UUID} finds them (a hand-written scan: the replay runs it per command). */
    static List<String> find(String s) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i + LENGTH <= s.length(); ) {
            if (uuidAt(s, i)) {
                out.add(s.substring(i, i + LENGTH));
                i += LENGTH;
            } else {
                i++;
            }
        }
        return out;
    }

    /** {@code s} with every uuid replaced by {@code #}, as {@code UUID.matcher(s).replaceAll("#")}. */
    static String masked(String s) {
        StringBuilder sb = null;
        int last = 0;
        for (int i = 0; i + LENGTH <= s.length(); ) {
            if (uuidAt(s, i)) {
                if (sb == null) sb = new StringBuilder(s.length());
                sb.append(s, last, i).append('#');
                i += LENGTH;
                last = i;
            } else {
                i++;
            }
        }
        return sb == null ? s : sb.append(s, last, s.length()).toString();
    }

    private static final int LENGTH = 36;

    private static boolean uuidAt(String s, int at) {
        if (s.charAt(at + 8) != '-' || s.charAt(at + 13) != '-' || s.charAt(at + 18) != '-' || s.charAt(at + 23) != '-') return false;
        for (int k = 0; k < LENGTH; k++) {
            if (k == 8 || k == 13 || k == 18 || k == 23) continue;
            char c = s.charAt(at + k);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) return false;
        }
        return true;
    }

    /** How a station names a file it plays into a conference: {@code {stationd_play=<uuid>}<path>} (ConferencePlaybacks). */
    private static final String PLAY_TAG = "{stationd_play=";
    /** A recording made before plays were tagged: the replay's tagged name of each file, by its plain path. */
    private final Map<String, String> taggedByPath = new HashMap<>();

    /** True if the two texts are the same once uuids are paired (pairing new ones as a side effect). */
    boolean unify(String recorded, String actual) {
        if (untaggedAgainstTagged(recorded, actual)) {
            return unifyUntagged(recorded, actual);
        }
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
        if (!masked(recorded).equals(masked(actual))) return false;
        tentative.forEach((k, v) -> {
            recordedToActual.put(k, v);
            actualToRecorded.put(v, k);
        });
        return true;
    }

    /** A recorded play without the tag against the replay's tagged one: compared without it, its name kept for the switch's events. */
    private boolean unifyUntagged(String recorded, String actual) {
        int at = actual.indexOf(PLAY_TAG);
        int after = afterTag(actual, at);
        if (after < 0 || !unify(recorded, actual.substring(0, at) + actual.substring(after))) return false;
        int end = actual.indexOf(' ', after);
        String path = actual.substring(after, end < 0 ? actual.length() : end);
        taggedByPath.put(path, actual.substring(at, after) + path);
        return true;
    }

    /** {@code text} without its play tags: how a recording made before plays were tagged reads it. */
    static String withoutPlayTags(String text) {
        int at;
        int after;
        while ((at = text.indexOf(PLAY_TAG)) >= 0 && (after = afterTag(text, at)) >= 0) {
            text = text.substring(0, at) + text.substring(after);
        }
        return text;
    }

    /** Where the play tag {@code {stationd_play=<uuid>}} starting at {@code at} ends (past its brace); -1 if none starts there. */
    private static int afterTag(String text, int at) {
        int close = at + PLAY_TAG.length() + LENGTH;
        return close < text.length() && text.charAt(close) == '}' && uuidAt(text, at + PLAY_TAG.length()) ? close + 1 : -1;
    }

    /** Whether a recording made before plays were tagged is compared with a tagged command. */
    static boolean untaggedAgainstTagged(String recorded, String actual) {
        return !recorded.contains(PLAY_TAG) && actual.contains(PLAY_TAG);
    }

    /**
     * A recorded event's value as the replay's switch would send it: the file a recording made before
     * plays were tagged names plainly, by the replay's tagged name (the latest play of that path).
     */
    String taggedFile(String value) {
        return taggedByPath.isEmpty() ? value : taggedByPath.getOrDefault(value, value);
    }

    /** A recorded command with each file named as {@link #taggedFile} does (the reply to a play finds the replay's command). */
    String taggedWords(String command) {
        if (taggedByPath.isEmpty()) return command;
        String[] words = command.split(" ", -1);
        for (int i = 0; i < words.length; i++) words[i] = taggedFile(words[i]);
        return String.join(" ", words);
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
        StringBuilder sb = null;
        int last = 0;
        for (int i = 0; i + LENGTH <= recorded.length(); ) {
            if (uuidAt(recorded, i)) {
                if (sb == null) sb = new StringBuilder(recorded.length());
                String u = recorded.substring(i, i + LENGTH);
                sb.append(recorded, last, i).append(recordedToActual.getOrDefault(u, u));
                i += LENGTH;
                last = i;
            } else {
                i++;
            }
        }
        return sb == null ? recorded : sb.append(recorded, last, recorded.length()).toString();
    }
}
