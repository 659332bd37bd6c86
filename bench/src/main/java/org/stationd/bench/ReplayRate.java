package org.stationd.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Strict replay throughput without JMH, for the bench suite: the session of {@link ReplayBenchmark}
 * (a listener presses {@value ReplayBenchmark#PRESSES} keys) replayed whole, again and again, for a
 * warm-up, then for a number of timed rounds. Figure: recorded inputs replayed per second, the median
 * of the rounds with min and max. Every replay is checked (a replay that does not match stops the run).
 */
public final class ReplayRate {
    /** Median, min and max of the rounds' events/s. */
    public record Result(String language, double median, double min, double max, int rounds, double warmupSeconds, double roundSeconds) {}

    public static void main(String[] args) throws Exception {
        System.out.println(run(args.length > 0 ? args[0] : "groovy", 5, 5, 2));
    }

    public static Result run(String language, double warmupSeconds, int rounds, double roundSeconds) throws Exception {
        ReplayBenchmark b = new ReplayBenchmark();
        b.language = language;
        b.record();
        try {
            replayFor(b, warmupSeconds);
            double[] rates = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                rates[i] = replayFor(b, roundSeconds);
                System.out.printf(Locale.ROOT, "  replay %s round %d: %,.0f events/s%n", language, i + 1, rates[i]);
            }
            Arrays.sort(rates);
            double median = rounds % 2 == 1 ? rates[rounds / 2] : (rates[rounds / 2 - 1] + rates[rounds / 2]) / 2;
            return new Result(language, median, rates[0], rates[rounds - 1], rounds, warmupSeconds, roundSeconds);
        } finally {
            b.close();
        }
    }

    /** Replays whole sessions for about this long; returns inputs per second. */
    private static double replayFor(ReplayBenchmark b, double seconds) throws Exception {
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long inputs = 0;
        do {
            var r = b.replay();
            if (!r.ok()) throw new IllegalStateException("the recorded session no longer replays: " + r.summary());
            inputs += r.inputs();
        } while (System.nanoTime() < end);
        return inputs / ((System.nanoTime() - t0) / 1e9);
    }
}
