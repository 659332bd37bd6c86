package org.stationd.limits;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one check for every value a program puts into a command for FreeSWITCH: a dial string, an
 * originate variable, a channel variable, a sendmsg header, an api argument. Nothing is escaped:
 * FreeSWITCH has several quoting rules (the originate {@code {a=b,c=d}} block, {@code ^^} arrays,
 * {@code '…'} quotes, space-separated arguments, {@code ${…}} expansion that can run api commands)
 * and one value may pass through more than one of them, so a value that could split or nest
 * anything is refused with a {@link LimitException} naming what to change.
 */
public final class SwitchValues {
    /** Characters of a dial string or a number: {@code sofia/gateway/mtn/0772…}, {@code user/1001@host;transport=tcp}. */
    private static final Pattern DIAL = Pattern.compile("[A-Za-z0-9+*#._@:/;=%-]+");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    /** Name parts of the variables FreeSWITCH runs as commands or applications: api_on_answer, execute_on_ring, exec_after_bridge_app, api_hangup_hook, … */
    private static final Set<String> RUNS_SOMETHING = Set.of("api", "exec", "execute", "hook", "app", "apps", "system", "script", "lua", "js");
    /** What the host sets on every call it places: a program must not pass itself off as another station's call. */
    private static final Set<String> RESERVED = Set.of("origination_uuid", "station_id", "originate_timeout");
    /** Split or nest an originate {…} block, its [per-leg] and <enterprise> forms, or quote inside it. */
    private static final String BLOCK_SYNTAX = ",{}[]<>'\"\\";

    private SwitchValues() {}

    /** How a verb's text argument is checked (specs.json {@code "form"}). */
    public static String of(String form, String what, Object value) {
        return switch (form) {
            case "speech" -> speech(what, value);
            case "word" -> word(what, value);
            case "line" -> line(what, value, Limits.SWITCH_VALUE_BYTES);
            default -> throw new IllegalStateException("unknown form '" + form + "' for " + what);
        };
    }

    /** One line of text, at most {@code maxBytes} in UTF-8, without {@code ${}: the switch would expand it (and run api commands in it). */
    public static String line(String what, Object value, int maxBytes) {
        if (value == null) {
            throw refused(what + " is missing");
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw refused(what + " must be one line of text without control characters (found " + describe(c) + " at " + i + ")");
            }
        }
        if (s.contains("${")) {
            throw refused(what + " must not contain '${': FreeSWITCH would expand it as a variable or command");
        }
        int bytes = s.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw refused(what + " is " + bytes + " bytes; the limit is " + Limits.size(maxBytes));
        }
        return s;
    }

    /** Text to speak: newlines become spaces, at most {@link Limits#SAY_TEXT_BYTES}. */
    public static String speech(String what, Object value) {
        String s = value == null ? null : value.toString().replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return line(what, s, Limits.SAY_TEXT_BYTES);
    }

    /** One of several space-separated arguments (a file in {@code play_and_get_digits}, a conference play): no white space. */
    public static String word(String what, Object value) {
        String s = line(what, value, Limits.SWITCH_VALUE_BYTES);
        if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
            throw refused(what + " '" + s + "' must be one word, without spaces");
        }
        return s;
    }

    /** A value inside originate's {@code {…}} block, e.g. a caller id: one word without {@code , { } [ ] < > ' " \} or {@code ^^}. */
    public static String channelValue(String what, Object value) {
        String s = word(what, value);
        for (int i = 0; i < s.length(); i++) {
            if (BLOCK_SYNTAX.indexOf(s.charAt(i)) >= 0) {
                throw refused(what + " '" + s + "' must not contain " + BLOCK_SYNTAX.chars().mapToObj(c -> "" + (char) c).toList()
                        + ": they would split it into other channel variables");
            }
        }
        if (s.contains("^^")) {
            throw refused(what + " '" + s + "' must not contain '^^' (FreeSWITCH's array syntax)");
        }
        return s;
    }

    /** A channel variable's name a program may set: letters, digits, _; none that makes FreeSWITCH run something, none the host sets. */
    public static String variableName(String what, Object name) {
        String s = name == null ? "" : name.toString();
        if (!VARIABLE.matcher(s).matches()) {
            throw refused(what + " '" + s + "' is not a variable name (a letter, then letters, digits or _; at most 64)");
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        for (String part : lower.split("_")) {
            if (RUNS_SOMETHING.contains(part)) {
                throw refused(what + " '" + s + "': programs cannot set variables that make FreeSWITCH run commands or applications");
            }
        }
        if (RESERVED.contains(lower) || lower.startsWith("stationd_")) {
            throw refused(what + " '" + s + "' is set by stationd itself");
        }
        return s;
    }

    /** A dial string or number: letters, digits and {@code + * # . _ @ : / ; = % -}; one destination (no {@code :_:}). */
    public static String dial(String what, Object number) {
        String s = line(what, number, Limits.SWITCH_VALUE_BYTES);
        if (!DIAL.matcher(s).matches() || s.contains(":_:")) {
            throw refused(what + " '" + s + "' is not a number or dial string (letters, digits and + * # . _ @ : / ; = % - only)");
        }
        return s;
    }

    private static String describe(char c) {
        return switch (c) {
            case '\n' -> "a newline";
            case '\r' -> "a carriage return";
            case '\t' -> "a tab";
            default -> String.format("U+%04X", (int) c);
        };
    }

    private static LimitException refused(String message) {
        return new LimitException("switch", message);
    }
}
