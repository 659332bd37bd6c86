package org.stationd.esl.sim.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Time and the one thread of the simulated switch. Every change to calls, conferences and
 * connections runs on that thread, so the model needs no locks and events come out in one order.
 * {@link RealClock} follows the wall clock; {@link VirtualClock} only moves when a test says so,
 * running the same tasks in the same order, so a 60 s ring timeout costs no real time.
 */
public abstract class SimClock implements AutoCloseable {

    /** Now, in microseconds since the epoch (FreeSWITCH's {@code Event-Date-Timestamp} unit). */
    public abstract long nowMicros();

    public long nowMillis() {
        return nowMicros() / 1000;
    }

    public Instant now() {
        long us = nowMicros();
        return Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000);
    }

    /** Runs the task on the switch thread, after the tasks already queued. */
    public abstract void execute(Runnable task);

    /** Runs the task on the switch thread once {@code delayMillis} of this clock's time have passed. */
    public abstract SimTimer schedule(long delayMillis, Runnable task);

    /**
     * Like {@link #schedule} but for housekeeping (HEARTBEAT): a virtual clock does not count it as
     * pending work when asked to run until idle, or it would never be idle.
     */
    public abstract SimTimer scheduleBackground(long delayMillis, Runnable task);

    /** True on the switch thread. */
    public abstract boolean inSwitchThread();

    /** Runs {@code task} on the switch thread and waits for its result (for the control API; never call it from that thread). */
    public <T> T call(Callable<T> task) {
        if (inSwitchThread()) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the simulated switch", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the simulated switch did not answer within 30 s", e);
        }
    }

    public void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** Waits (in real time, at most {@code timeout}) until the switch thread has run everything queued before this call. */
    public void drain(Duration timeout) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        execute(() -> f.complete(null));
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("switch thread did not drain", e);
        }
    }

    @Override
    public abstract void close();
}
