package org.stationd.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The RFC 5545 RRULE subset stationd schedules use: {@code FREQ=DAILY|WEEKLY|MONTHLY},
 * {@code INTERVAL}, {@code BYDAY}, {@code BYMONTHDAY}, {@code BYHOUR}, {@code BYMINUTE},
 * {@code COUNT}, {@code UNTIL}. Parsing errors name the part that is wrong.
 *
 * <pre>FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=8;BYMINUTE=0</pre>
 */
public record Recurrence(Freq freq, int interval, Set<DayOfWeek> byDay, List<Integer> byMonthDay,
                         List<Integer> byHour, List<Integer> byMinute, Integer count, LocalDateTime untilLocal,
                         java.time.Instant untilUtc) {

    public enum Freq { DAILY, WEEKLY, MONTHLY }

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    public static Recurrence parse(String rule) {
        Freq freq = null;
        int interval = 1;
        Set<DayOfWeek> byDay = EnumSet.noneOf(DayOfWeek.class);
        List<Integer> byMonthDay = new ArrayList<>();
        List<Integer> byHour = new ArrayList<>();
        List<Integer> byMinute = new ArrayList<>();
        Integer count = null;
        LocalDateTime untilLocal = null;
        java.time.Instant untilUtc = null;
        String body = rule.startsWith("RRULE:") ? rule.substring(6) : rule;
        for (String part : body.split(";")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("rrule part '" + part + "' has no '='");
            String key = part.substring(0, eq).trim().toUpperCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            switch (key) {
                case "FREQ" -> {
                    try {
                        freq = Freq.valueOf(value.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("FREQ must be DAILY, WEEKLY or MONTHLY, got '" + value + "'");
                    }
                }
                case "INTERVAL" -> interval = number(key, value, 1, 1000);
                case "BYDAY" -> {
                    for (String d : value.split(",")) byDay.add(day(d.trim()));
                }
                case "BYMONTHDAY" -> {
                    for (String d : value.split(",")) {
                        int v = number(key, d.trim(), -31, 31);
                        if (v == 0) throw new IllegalArgumentException("BYMONTHDAY must be 1..31 or -31..-1, got " + v);
                        byMonthDay.add(v);
                    }
                }
                case "BYHOUR" -> {
                    for (String h : value.split(",")) byHour.add(number(key, h.trim(), 0, 23));
                }
                case "BYMINUTE" -> {
                    for (String m : value.split(",")) byMinute.add(number(key, m.trim(), 0, 59));
                }
                case "COUNT" -> count = number(key, value, 1, 100_000);
                case "UNTIL" -> {
                    try {
                        if (value.endsWith("Z")) {
                            untilUtc = LocalDateTime.parse(value.substring(0, value.length() - 1), BASIC).toInstant(ZoneOffset.UTC);
                        } else if (value.length() == 8) {
                            untilLocal = LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE).atTime(LocalTime.MAX);
                        } else {
                            untilLocal = LocalDateTime.parse(value, BASIC);
                        }
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("UNTIL must look like 20261231 or 20261231T235959[Z], got '" + value + "'");
                    }
                }
                default -> throw new IllegalArgumentException("rrule part " + key + " is not supported; use FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYHOUR, BYMINUTE, COUNT, UNTIL");
            }
        }
        if (freq == null) throw new IllegalArgumentException("rrule needs FREQ (DAILY, WEEKLY or MONTHLY)");
        if (count != null && (untilLocal != null || untilUtc != null)) throw new IllegalArgumentException("rrule may have COUNT or UNTIL, not both");
        return new Recurrence(freq, interval, byDay, List.copyOf(new TreeSet<>(byMonthDay)), List.copyOf(new TreeSet<>(byHour)),
                List.copyOf(new TreeSet<>(byMinute)), count, untilLocal, untilUtc);
    }

    private static int number(String key, String v, int min, int max) {
        if (!v.matches("[+-]?\\d+")) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
        }
        java.math.BigInteger n = new java.math.BigInteger(v);
        if (n.bitLength() >= 32) {   // past an int: say the limit, not Java's words
            throw new IllegalArgumentException(key + ": number " + (n.signum() < 0 ? "too small (at least " + min : "too large (at most " + max) + ")");
        }
        if (n.intValue() < min || n.intValue() > max) throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", got " + n);
        return n.intValue();
    }

    private static DayOfWeek day(String d) {
        return switch (d.toUpperCase(Locale.ROOT)) {
            case "MO" -> DayOfWeek.MONDAY;
            case "TU" -> DayOfWeek.TUESDAY;
            case "WE" -> DayOfWeek.WEDNESDAY;
            case "TH" -> DayOfWeek.THURSDAY;
            case "FR" -> DayOfWeek.FRIDAY;
            case "SA" -> DayOfWeek.SATURDAY;
            case "SU" -> DayOfWeek.SUNDAY;
            default -> throw new IllegalArgumentException("BYDAY takes MO,TU,WE,TH,FR,SA,SU, got '" + d + "'");
        };
    }
}
