package org.stationd.station;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A clock that moves only when told: replays and tests run an hour of schedule in milliseconds,
 * always in the same order (by due time, then by the order timers were set).
 */
public final class VirtualScheduler implements Scheduler {
    private record Task(Instant due, long seq, Runnable run, boolean[] cancelled) {}

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.due.equals(b.due) ? Long.compare(a.seq, b.seq) : a.due.compareTo(b.due));
    private Instant now;
    private long seq;

    public VirtualScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = new boolean[1];
        queue.add(new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task, cancelled));
        return () -> {
            synchronized (VirtualScheduler.this) {
                cancelled[0] = true;
            }
        };
    }

    /** Runs every timer due up to {@code target}, in order, moving the clock to each one's time; then sets the clock to {@code target}. */
    public void advanceTo(Instant target) {
        while (true) {
            Task t;
            synchronized (this) {
                t = queue.peek();
                if (t == null || t.due.isAfter(target)) {
                    if (target.isAfter(now)) now = target;
                    return;
                }
                queue.poll();
                if (t.cancelled[0]) continue;
                if (t.due.isAfter(now)) now = t.due;
            }
            t.run.run();
        }
    }

    /**
     * Sets the clock to {@code t} without running the timers due by then (the next
     * {@link #advanceTo} runs them): lets a replay move this clock and the switch's in step.
     */
    public synchronized void moveTo(Instant t) {
        if (t.isAfter(now)) now = t;
    }

    public void advance(Duration d) {
        advanceTo(now().plus(d));
    }

    /** When the next live timer is due, or null. */
    public synchronized Instant nextDue() {
        queue.removeIf(t -> t.cancelled[0]);
        Task t = queue.peek();
        return t == null ? null : t.due;
    }
}
