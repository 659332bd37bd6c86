package org.stationd.esl.client;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Says that the switch is still unreachable at most once per interval, however often the client
 * tries: an operator reads one line a minute, not one per attempt. The client calls it from
 * its event loop and its callbacks thread, one after the other.
 */
final class OutageReport {
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final LongSupplier nanos;
    private final long intervalNanos;
    private long downSince = -1;
    private long nextMark;
    private int attempts;

    OutageReport(LongSupplier nanos, Duration interval) {
        this.nanos = nanos;
        this.intervalNanos = interval.toNanos();
    }

    /** The connection was lost: the outage starts now. */
    synchronized void lost() {
        downSince = nanos.getAsLong();
        nextMark = downSince + intervalNanos;
        attempts = 0;
    }

    /** The link is back: forget the outage. */
    synchronized void restored() {
        downSince = -1;
    }

    /**
     * A reconnect attempt failed: the line to log at the first failure past each whole interval
     * of the outage, else null.
     */
    synchronized String failed(String address, String cause) {
        long now = nanos.getAsLong();
        if (downSince < 0) {
            lost();
        }
        attempts++;
        if (now < nextMark) {
            return null;
        }
        while (nextMark <= now) {
            nextMark += intervalNanos;   // one line per minute of the outage, at the first attempt past each minute
        }
        long minutes = Duration.ofNanos(now - downSince).toMinutes();
        return "FreeSWITCH at " + address + " still unreachable after " + minutes + " min (" + attempts + " attempts, last: " + cause
                + "); still trying";
    }
}
