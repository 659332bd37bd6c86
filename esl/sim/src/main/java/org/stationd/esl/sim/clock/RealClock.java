package org.stationd.esl.sim.clock;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The wall clock, with one scheduler thread as the switch thread. The default for the demo and the CLI. */
public final class RealClock extends SimClock {
    private static final Logger log = LoggerFactory.getLogger(RealClock.class);

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    public RealClock() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sim-switch");
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public long nowMicros() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    @Override
    public void execute(Runnable task) {
        if (!executor.isShutdown()) {
            executor.execute(guard(task));
        }
    }

    @Override
    public SimTimer schedule(long delayMillis, Runnable task) {
        if (executor.isShutdown()) {
            return SimTimer.NONE;
        }
        ScheduledFuture<?> f = executor.schedule(guard(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public SimTimer scheduleBackground(long delayMillis, Runnable task) {
        return schedule(delayMillis, task);
    }

    @Override
    public boolean inSwitchThread() {
        return Thread.currentThread() == thread;
    }

    /** A failing task must not kill the switch thread. */
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
