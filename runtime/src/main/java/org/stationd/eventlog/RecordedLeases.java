package org.stationd.eventlog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.stationd.station.LeaseService;
import org.stationd.station.MemoryLeases;

/**
 * Leases in a replay: the database is the outside world (another station may have held the news
 * token), so claims are answered as they were recorded, in order; a changed program that claims
 * more often than the recording did is answered by an in-memory lease table.
 */
final class RecordedLeases implements LeaseService {
    private final ArrayDeque<Boolean> answers = new ArrayDeque<>();
    private final MemoryLeases rest;

    private RecordedLeases(Supplier<Instant> clock) {
        this.rest = new MemoryLeases(clock);
    }

    static RecordedLeases of(List<Map<String, Object>> records, Supplier<Instant> clock) {
        RecordedLeases l = new RecordedLeases(clock);
        records.stream().filter(r -> "lease".equals(r.get("k"))).forEach(r -> l.answers.add(Boolean.TRUE.equals(r.get("granted"))));
        return l;
    }

    @Override
    public synchronized boolean claim(String name, String holder, Duration ttl) {
        Boolean a = answers.pollFirst();
        return a != null ? a : rest.claim(name, holder, ttl);
    }

    /** The host's renewals were never recorded (the program did not ask): they must not take the program's answers. */
    @Override
    public synchronized boolean renew(String name, String holder, Duration ttl) {
        return rest.claim(name, holder, ttl);
    }

    @Override
    public synchronized void release(String name, String holder) {
        rest.release(name, holder);
    }
}
