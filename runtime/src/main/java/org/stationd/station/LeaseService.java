package org.stationd.station;

import java.time.Duration;

/** Named tokens with an expiry (the database's leases in the host; in memory in tests). */
public interface LeaseService {
    boolean claim(String name, String holder, Duration ttl);

    void release(String name, String holder);

    /**
     * The host keeps a lease its holder still wants (see {@link StationLeases}): a claim, which a
     * replay answers from its own table rather than from the recorded answers to the program.
     */
    default boolean renew(String name, String holder, Duration ttl) {
        return claim(name, holder, ttl);
    }
}
