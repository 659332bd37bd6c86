package org.stationd.schedule;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as volunteers write them: {@code 90m}, {@code 1h30m}, {@code 45s}, or ISO {@code PT1H}. */
public final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?");

    /** A show longer than a leap year is a typo; saying so beats Java's overflow words. */
    public static final Duration LONGEST = Duration.ofDays(366);

    private Durations() {}

    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("pt")) {
            try {
                return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 90m, 1h30m or 45s");
            }
        }
        Matcher m = SIMPLE.matcher(t);
        if (t.isEmpty() || !m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null)) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 90m, 1h30m or 45s");
        }
        Duration d = Duration.ZERO;
        try {
            if (m.group(1) != null) d = d.plusHours(Long.parseLong(m.group(1)));
            if (m.group(2) != null) d = d.plusMinutes(Long.parseLong(m.group(2)));
            if (m.group(3) != null) d = d.plusSeconds(Long.parseLong(m.group(3)));
        } catch (NumberFormatException | ArithmeticException e) {
            d = LONGEST.plusSeconds(1);   // past a long: too long all the same
        }
        if (d.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("number too large in '" + text + "' (a show lasts at most " + LONGEST.toHours() + "h, a year)");
        }
        if (d.isZero()) {
            throw new IllegalArgumentException("a show must last longer than zero");
        }
        return d;
    }

    public static String format(Duration d) {
        long s = d.toSeconds();
        StringBuilder sb = new StringBuilder();
        if (s >= 3600) sb.append(s / 3600).append('h');
        if (s % 3600 >= 60) sb.append(s % 3600 / 60).append('m');
        if (s % 60 > 0) sb.append(s % 60).append('s');
        return sb.toString();
    }
}
