package org.stationd.station;

import java.time.Duration;

/** Named tokens with an expiry (the database's leases in the host; in memory in tests). */
public interface LeaseService {
    boolean claim(String name, String holder, Duration ttl);

    void release(String name, String holder);
}
