package org.stationd.cluster;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Both lease clocks moved by the test: the database's time and the hosts' monotonic one advance together. */
final class ManualLeaseClock implements LeaseClock {
    private final Instant start = Instant.parse("2026-12-04T06:00:00Z");
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public Instant dbNow(Connection c) {
        return start.plusNanos(nanos.get());
    }

    @Override
    public long localNanos() {
        return nanos.get();
    }

    /** How a wait passes: the time goes by, and the test may have the other hosts do their rounds meanwhile. */
    volatile java.util.function.Consumer<Duration> sleeping = this::advance;

    @Override
    public void sleep(Duration d) {
        sleeping.accept(d);
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }
}
