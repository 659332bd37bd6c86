package org.stationd.esl.sim.media;

/**
 * The length of a {@code tone_stream://} spec: segments {@code %(on,off,freq…)} (or {@code v=…},
 * {@code L=n} directives), separated by {@code ;}, repeated {@code loops=n} times; loops=-1 plays
 * until stopped.
 */
public final class ToneStream {
    private ToneStream() {}

    /** Milliseconds, or -1 when the tone repeats forever. */
    public static long durationMillis(String spec) {
        String s = spec.startsWith("tone_stream://") ? spec.substring("tone_stream://".length()) : spec;
        long one = 0;
        int loops = 1;
        for (String part : s.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String lower = p.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("loops=")) {
                loops = parseInt(p.substring(6), 1);
                continue;
            }
            if (lower.startsWith("l=")) {
                loops = parseInt(p.substring(2), 1);
                continue;
            }
            int open = p.indexOf("%(");
            if (open < 0) {
                continue;
            }
            int close = p.indexOf(')', open);
            String inner = close < 0 ? p.substring(open + 2) : p.substring(open + 2, close);
            String[] f = inner.split(",");
            if (f.length >= 2) {
                one += Math.max(0, parseInt(f[0], 0)) + Math.max(0, parseInt(f[1], 0));
            }
        }
        if (loops < 0) {
            return -1;
        }
        return one * Math.max(1, loops);
    }

    /** The length when a segment's frequencies sound one after another, as mod_conference plays its tones. */
    public static long sequentialMillis(String spec) {
        String s = spec.startsWith("tone_stream://") ? spec.substring("tone_stream://".length()) : spec;
        long total = 0;
        for (String part : s.split(";")) {
            int open = part.indexOf("%(");
            if (open < 0) {
                continue;
            }
            int close = part.indexOf(')', open);
            String[] f = (close < 0 ? part.substring(open + 2) : part.substring(open + 2, close)).split(",");
            if (f.length >= 2) {
                total += (Math.max(0, parseInt(f[0], 0)) + Math.max(0, parseInt(f[1], 0))) * Math.max(1, f.length - 2);
            }
        }
        long plain = durationMillis(spec);
        return plain < 0 ? plain : Math.max(total, plain);
    }

    private static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
