package org.stationd.bench.feed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/** What a benchmark playing the switch writes to a host's Event Socket: plain events, at a pace. */
public final class FedEvents {
    private FedEvents() {}

    /** One {@code text/event-plain} frame of {@code headers} ({@code Name: value} lines, each ending in a line feed), written at once. */
    public static void write(OutputStream out, String headers) throws IOException {
        byte[] b = (headers + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] head = ("Content-Length: " + b.length + "\nContent-Type: text/event-plain\n\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.write(head);
            out.write(b);
            out.flush();
        }
    }

    /** Waits until {@link System#nanoTime} reaches {@code due}: parked while far, spinning the last 20 µs or so. */
    public static void waitUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            if (wait > 50_000) LockSupport.parkNanos(wait - 20_000); else Thread.onSpinWait();
        }
    }
}
