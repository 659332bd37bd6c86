package org.stationd.esl.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so many clients don't retry in step. */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;

    Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
    }

    long delayMillis(int attempt) {
        long exp = minMillis << Math.min(attempt, 30);
        long capped = exp <= 0 ? maxMillis : Math.min(maxMillis, exp);
        long half = capped / 2;
        return half + ThreadLocalRandom.current().nextLong(capped - half + 1);
    }
}
