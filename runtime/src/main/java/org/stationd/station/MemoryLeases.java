package org.stationd.station;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Leases for one process, on a given clock. */
public final class MemoryLeases implements LeaseService {
    private record Held(String holder, Instant until) {}

    private final Map<String, Held> leases = new HashMap<>();
    private final Supplier<Instant> clock;

    public MemoryLeases(Supplier<Instant> clock) {
        this.clock = clock;
    }

    @Override
    public synchronized boolean claim(String name, String holder, Duration ttl) {
        Instant now = clock.get();
        Held h = leases.get(name);
        if (h == null || h.holder.equals(holder) || !h.until.isAfter(now)) {
            leases.put(name, new Held(holder, now.plus(ttl)));
            return true;
        }
        return false;
    }

    @Override
    public synchronized void release(String name, String holder) {
        Held h = leases.get(name);
        if (h != null && h.holder.equals(holder)) {
            leases.remove(name);
        }
    }
}
