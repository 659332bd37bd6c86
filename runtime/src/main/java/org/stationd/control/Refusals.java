package org.stationd.control;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clients turned away from the host's ZeroMQ sockets, counted and logged: a few lines per minute
 * and reason at most, since a refused ZeroMQ client reconnects on its own every fraction of a second.
 */
final class Refusals {
    private static final Logger log = LoggerFactory.getLogger(Refusals.class);
    private static final int LOGS_PER_MINUTE = 5;

    private final String socket;
    private final AtomicLong count = new AtomicLong();
    private final Map<String, long[]> windows = new HashMap<>();   // per reason: minute start, logged, suppressed

    /** {@code socket} names the socket in the log: "control", "publish", or "control and publish" for keys they share. */
    Refusals(String socket) {
        this.socket = socket;
    }

    synchronized void refuse(String peer, String why) {
        long n = count.incrementAndGet();
        long now = System.nanoTime();
        long[] w = windows.computeIfAbsent(why, k -> new long[] {now, 0, 0});
        if (now - w[0] > 60_000_000_000L) {
            if (w[2] > 0) {
                log.warn("{}: {} more client(s) refused in the last minute: {}", socket, w[2], why);
            }
            w[0] = now;
            w[1] = 0;
            w[2] = 0;
        }
        if (w[1]++ < LOGS_PER_MINUTE) {
            log.warn("{}: refused a client{}: {}; refused so far: {}", socket, peer == null ? "" : " from " + peer, why, n);
        } else {
            w[2]++;
        }
    }

    long count() {
        return count.get();
    }
}
