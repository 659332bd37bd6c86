package org.stationd.esl.sim.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.embedded.SteppedClock;

/**
 * Test time: it stands still until {@link #advance} or {@link #runUntilIdle} moves it. Timers fire
 * in (due time, scheduling order), each on the switch thread, and the switch thread is drained
 * between timers, so a test sees the same event order every run and never waits for a prompt's
 * real length. Work arriving from sockets runs at the current virtual time.
 */
public final class VirtualClock extends SimClock implements SteppedClock {
    private static final Logger log = LoggerFactory.getLogger(VirtualClock.class);
    /** Protects against a timer that keeps re-arming itself at the same instant. */
    private static final int MAX_TIMERS_PER_ADVANCE = 5_000_000;

    private final ThreadPoolExecutor executor;
    private final PriorityQueue<Entry> timers = new PriorityQueue<>();
    private volatile Thread thread;
    private volatile long nowMicros;
    private long seq;
    private int pendingForeground;

    private final class Entry implements Comparable<Entry>, SimTimer {
        final long dueMicros;
        final long order;
        final Runnable task;
        final boolean background;
        boolean cancelled;

        Entry(long dueMicros, long order, Runnable task, boolean background) {
            this.dueMicros = dueMicros;
            this.order = order;
            this.task = task;
            this.background = background;
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(dueMicros, o.dueMicros);
            return c != 0 ? c : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            synchronized (VirtualClock.this) {
                if (!cancelled && timers.remove(this) && !background) {
                    pendingForeground--;
                }
                cancelled = true;
            }
        }
    }

    public VirtualClock() {
        this(Instant.now());
    }

    public VirtualClock(Instant start) {
        nowMicros = start.getEpochSecond() * 1_000_000L + start.getNano() / 1000;
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "sim-switch-virtual");
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    @Override
    public long nowMicros() {
        return nowMicros;
    }

    @Override
    public void execute(Runnable task) {
        if (!executor.isShutdown()) {
            executor.execute(guard(task));
        }
    }

    @Override
    public synchronized SimTimer schedule(long delayMillis, Runnable task) {
        return add(delayMillis, task, false);
    }

    @Override
    public synchronized SimTimer scheduleBackground(long delayMillis, Runnable task) {
        return add(delayMillis, task, true);
    }

    private Entry add(long delayMillis, Runnable task, boolean background) {
        Entry e = new Entry(nowMicros + Math.max(0, delayMillis) * 1000, seq++, task, background);
        timers.add(e);
        if (!background) {
            pendingForeground++;
        }
        return e;
    }

    @Override
    public boolean inSwitchThread() {
        return Thread.currentThread() == thread;
    }

    /** Moves time forward by {@code d}, firing every timer that falls due on the way, in order. */
    public void advance(Duration d) {
        advanceTo(nowMicros + d.toNanos() / 1000);
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    /** Fires timers (moving time to each) until no foreground timer is left; background ones met on the way fire too. Returns the time advanced. */
    public Duration runUntilIdle() {
        long start = nowMicros;
        int guard = 0;
        while (true) {
            Entry next;
            synchronized (this) {
                if (pendingForeground == 0) {
                    break;
                }
                next = timers.peek();
            }
            if (next == null) {
                break;
            }
            advanceTo(next.dueMicros);
            if (++guard > MAX_TIMERS_PER_ADVANCE) {
                throw new IllegalStateException("runUntilIdle: timers keep coming");
            }
        }
        drainSwitchThread();
        return Duration.ofNanos((nowMicros - start) * 1000);
    }

    /** When the next timer (foreground or background) falls due, or null: lets a replay move two clocks in step. */
    public synchronized Instant nextDue() {
        timers.removeIf(t -> t.cancelled);
        Entry e = timers.peek();
        return e == null ? null : Instant.ofEpochSecond(e.dueMicros / 1_000_000, (e.dueMicros % 1_000_000) * 1000);
    }

    /** Moves time forward to {@code t} (never back), firing every timer due on the way, in order. */
    public void advanceTo(Instant t) {
        advanceTo(t.getEpochSecond() * 1_000_000L + t.getNano() / 1000);
    }

    /**
     * Fires only the earliest timer (moving time to it) and lets the switch thread finish what it
     * set off; false if no timer is set. A replay fires timers due at the same instant one at a
     * time, so what a station answers to one comes before the next, every run.
     */
    public boolean fireNext() {
        if (inSwitchThread()) {
            throw new IllegalStateException("fire timers from the test, not from the switch thread");
        }
        drainSwitchThread();
        Entry e;
        synchronized (this) {
            e = timers.poll();
            if (e == null) {
                return false;
            }
            if (!e.background) {
                pendingForeground--;
            }
            if (e.dueMicros > nowMicros) {
                nowMicros = e.dueMicros;
            }
        }
        runAndWait(e.task);
        return true;
    }

    /** Lets the switch thread finish everything queued on it, and what that queues, without moving time. */
    public void drain() {
        if (inSwitchThread()) {
            throw new IllegalStateException("drain the switch thread from the test, not from itself");
        }
        drainSwitchThread();
    }

    /** Timers not yet fired that runUntilIdle would wait for. */
    public synchronized int pendingTimers() {
        return pendingForeground;
    }

    private void advanceTo(long targetMicros) {
        if (inSwitchThread()) {
            throw new IllegalStateException("advance the virtual clock from the test, not from the switch thread");
        }
        drainSwitchThread();
        int fired = 0;
        while (true) {
            Entry e;
            synchronized (this) {
                e = timers.peek();
                if (e == null || e.dueMicros > targetMicros) {
                    break;
                }
                timers.poll();
                if (!e.background) {
                    pendingForeground--;
                }
                if (e.dueMicros > nowMicros) {
                    nowMicros = e.dueMicros;
                }
            }
            runAndWait(e.task);
            if (++fired > MAX_TIMERS_PER_ADVANCE) {
                throw new IllegalStateException("advance: timers keep coming at one instant");
            }
        }
        synchronized (this) {
            if (targetMicros > nowMicros) {
                nowMicros = targetMicros;
            }
        }
        drainSwitchThread();
    }

    private void runAndWait(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                guard(task).run();
            } finally {
                done.complete(null);
            }
        });
        await(done);
        drainSwitchThread();
    }

    /** Lets the switch thread finish what the last timer queued, and what that queued, and so on. */
    private void drainSwitchThread() {
        do {
            CompletableFuture<Void> f = new CompletableFuture<>();
            executor.execute(() -> f.complete(null));
            await(f);
        } while (!executor.getQueue().isEmpty());
    }

    private static void await(CompletableFuture<Void> f) {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("switch thread stuck", e);
        }
    }

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("simulated switch task failed", e);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
