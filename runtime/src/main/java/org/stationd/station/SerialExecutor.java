package org.stationd.station;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: one per station, so thousands
 * of stations need no thousands of threads, and one station's inputs never overlap.
 */
public final class SerialExecutor implements Executor {
    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final int maxQueued;
    private boolean running;
    private volatile Thread current;

    public SerialExecutor(Executor pool, int maxQueued) {
        this.pool = pool;
        this.maxQueued = maxQueued;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            if (tasks.size() >= maxQueued) {
                throw new RejectedExecutionException("station queue full (" + maxQueued + " inputs waiting)");
            }
            tasks.addLast(task);
            if (running) {
                return;
            }
            running = true;
        }
        pool.execute(this::drain);
    }

    private void drain() {
        current = Thread.currentThread();
        try {
            // run a bounded batch, then yield the pool thread so other stations get a turn
            for (int i = 0; i < 64; i++) {
                Runnable next;
                synchronized (tasks) {
                    next = tasks.pollFirst();
                    if (next == null) {
                        running = false;
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException e) {
                    Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
                } finally {
                    Thread.interrupted();   // a watchdog interrupt must not leak into the next input
                }
            }
        } finally {
            current = null;
        }
        pool.execute(this::drain);
    }

    /** True when called from the thread now running this executor's task. */
    public boolean inExecutor() {
        return current == Thread.currentThread();
    }

    public int queued() {
        synchronized (tasks) {
            return tasks.size();
        }
    }
}
