package org.stationd.control;

import java.util.Map;
import java.util.function.Function;

/**
 * An operator command as it arrives on the control socket: {@code {"cmd":"swap","station":"kla","program":"talk.js"}}.
 * Its fields come from anyone who can reach the socket: each is read with the type it must have, and a
 * field of another type or value is refused with a message naming the field.
 */
public record ControlCommand(String cmd, Map<String, Object> args) {
    /** A text field, or null when it is not given. */
    public String text(String name) {
        Object v = args.get(name);
        if (v == null) return null;
        if (!(v instanceof String s)) {
            throw new CommandRefused("'" + cmd + "': \"" + name + "\" must be text");
        }
        return s;
    }

    /** A yes-or-no field: false when not given. */
    public boolean flag(String name) {
        Object v = args.get(name);
        if (v == null) return false;
        if (!(v instanceof Boolean b)) {
            throw new CommandRefused("'" + cmd + "': \"" + name + "\" must be true or false");
        }
        return b;
    }

    /**
     * A show's settings: a JSON object of plain values (text, numbers, yes/no, lists and objects of
     * them, at most 8 deep and 16 KiB as JSON); empty when not given.
     */
    public Map<String, Object> settings(String name) {
        Object v = args.get(name);
        if (v == null) return Map.of();
        if (!(v instanceof Map<?, ?> m) || !plain(m, 0)) {
            throw new CommandRefused("'" + cmd + "': \"" + name + "\" must be an object of text, numbers, true/false and lists (at most 8 deep)");
        }
        @SuppressWarnings("unchecked") Map<String, Object> settings = (Map<String, Object>) m;
        if (settings.toString().length() > 16 * 1024) throw new CommandRefused("'" + cmd + "': \"" + name + "\" is over 16 KiB");
        return new java.util.LinkedHashMap<>(settings);
    }

    private static boolean plain(Object v, int depth) {
        if (depth > 8) return false;
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) return true;
        if (v instanceof java.util.List<?> l) return l.stream().allMatch(x -> plain(x, depth + 1));
        if (v instanceof Map<?, ?> m) return m.keySet().stream().allMatch(k -> k instanceof String) && m.values().stream().allMatch(x -> plain(x, depth + 1));
        return false;
    }

    /** A text field that must be given. */
    public String requiredText(String name) {
        String v = text(name);
        if (v == null || v.isBlank()) {
            throw new CommandRefused("'" + cmd + "' needs \"" + name + "\"");
        }
        return v;
    }

    /** A whole number from {@code min} to {@code max} (a JSON number, or digits as the CLI sends them); null when not given. */
    public Long wholeNumber(String name, long min, long max) {
        Object v = args.get(name);
        if (v == null) return null;
        long n;
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            n = ((Number) v).longValue();
        } else if (v instanceof String s && s.trim().matches("-?\\d{1,18}")) {
            n = Long.parseLong(s.trim());
        } else {
            n = Long.MIN_VALUE;   // a fraction, a huge number, words, a list: none is a whole number here
        }
        if (n < min || n > max) {
            throw new CommandRefused("'" + cmd + "': \"" + name + "\" must be a whole number from " + min + " to " + max);
        }
        return n;
    }

    /** A whole number that must be given. */
    public long requiredWholeNumber(String name, long min, long max) {
        Long n = wholeNumber(name, min, max);
        if (n == null) {
            throw new CommandRefused("'" + cmd + "' needs \"" + name + "\"");
        }
        return n;
    }

    /**
     * A required text field read by {@code parser}. The parser's own complaint is kept when it is
     * written for people (our parsers'); Java's (a number or date parser's) gives way to {@code expected}.
     */
    public <T> T parsed(String name, Function<String, T> parser, String expected) {
        String text = requiredText(name);
        try {
            return parser.apply(text);
        } catch (NumberFormatException | java.time.DateTimeException | ArithmeticException e) {
            throw new CommandRefused("'" + cmd + "': \"" + name + "\" '" + text + "' is not " + expected);
        } catch (IllegalArgumentException e) {
            throw new CommandRefused("'" + cmd + "': \"" + name + "\": " + e.getMessage());
        }
    }
}
