package org.stationd.bench.suite;

/**
 * One row of docs/performance.md: a figure, its peer's (null when it has none), their ratio, the
 * target and whether this run met it ({@code yes}, {@code no}, or why it was not judged), and how
 * it was taken (warm-up and rounds).
 */
public record Figure(String figure, Object value, String unit, Object peer, String ratio, String target, String met, String method) {

    /** A figure the suite does not measure yet: listed, with its target, so the gap shows. */
    public static Figure notMeasured(String figure, String target) {
        return new Figure(figure, "not measured yet", "", null, null, target, "not measured", "—");
    }

    static String yesNo(boolean met) {
        return met ? "yes" : "no";
    }
}
