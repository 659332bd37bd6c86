package org.stationd.config;

import java.time.Duration;

/**
 * Several hosts sharing one station list ({@code cluster:} in stations.yaml); absent, this host
 * runs every station as before. Each station is run by one host at a time, which holds its lease
 * in the shared database ({@code database:}) and renews it; a host that stops renewing loses its
 * stations to the others within {@code lease}.
 * <pre>
 * cluster:
 *   host_id: studio-a     # unique among the hosts (default: this machine's name)
 *   lease: 15s            # how long a silent host keeps its stations (default 15 s)
 * </pre>
 */
public record ClusterConfig(String hostId, Duration lease) {
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);
    public static final Duration SHORTEST_LEASE = Duration.ofSeconds(1);
    public static final Duration LONGEST_LEASE = Duration.ofMinutes(10);

    /**
     * How long one renewal holds a station in the database: three quarters of the lease. The others
     * look every quarter, so a silent host's stations are theirs within the lease; the host itself
     * renews three times within what it holds, so one or two slow rounds lose nothing.
     */
    public Duration held() {
        return lease.multipliedBy(3).dividedBy(4);
    }

    /** How often each host renews, claims and gives back: four times per lease. */
    public Duration renewEvery() {
        return lease.dividedBy(4);
    }
}
