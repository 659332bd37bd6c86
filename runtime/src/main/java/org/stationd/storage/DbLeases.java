package org.stationd.storage;

import java.time.Duration;
import java.util.function.Supplier;
import org.stationd.station.LeaseService;

/** {@link LeaseService} over the database's {@link Leases}, on the host's clock. */
public final class DbLeases implements LeaseService {
    private final Leases leases;
    private final Supplier<java.time.Instant> clock;

    public DbLeases(Database db, Supplier<java.time.Instant> clock) {
        this.leases = new Leases(db);
        this.clock = clock;
    }

    @Override
    public boolean claim(String name, String holder, Duration ttl) {
        return leases.claim(name, holder, ttl, clock.get());
    }

    @Override
    public void release(String name, String holder) {
        leases.release(name, holder);
    }
}
