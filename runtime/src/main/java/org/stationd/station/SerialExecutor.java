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
    private long generation;           // changes when a stuck thread is abandoned
    private Thread abandoned;
    private Runnable onReturn;
    private Runnable onAbandon;

    public SerialExecutor(Executor pool, int maxQueued) {
        this.pool = pool;
        this.maxQueued = maxQueued;
    }

    @Override
    public void execute(Runnable task) {
        enqueue(task, true);
    }

    /**
     * Queues {@code task} however full the queue is: the switch's answer to a command the station
     * sent (there are no more of those than commands it sent) must not be lost, or the program
     * would wait for it for ever.
     */
    public void admit(Runnable task) {
        enqueue(task, false);
    }

    /**
     * Runs {@code task} next, ahead of what is queued (however full): a program version built off
     * the station's thread goes on between the input running now and the next one.
     */
    public void first(Runnable task) {
        enqueue(task, false, true);
    }

    private void enqueue(Runnable task, boolean bounded) {
        enqueue(task, bounded, false);
    }

    private void enqueue(Runnable task, boolean bounded, boolean ahead) {
        synchronized (tasks) {
            if (bounded && tasks.size() >= maxQueued) {
                throw new RejectedExecutionException("station queue full (" + maxQueued + " inputs waiting)");
            }
            if (ahead) tasks.addFirst(task); else tasks.addLast(task);
            if (running) {
                return;
            }
            running = true;
        }
        pool.execute(this::drain);
    }

    private void drain() {
        long generation;
        synchronized (tasks) {
            generation = this.generation;
            current = Thread.currentThread();
        }
        if (current instanceof StationPool.Worker w) {
            w.running = this;
        }
        try {
            // run a bounded batch, then yield the pool thread so other stations get a turn
            for (int i = 0; i < 64; i++) {
                Runnable next;
                synchronized (tasks) {
                    if (generation != this.generation) {
                        return;   // abandoned while stuck in a task: another thread runs the station now
                    }
                    next = tasks.pollFirst();
                    if (next == null) {
                        running = false;
                        return;
                    }
                }
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    // reported, and the station goes on: an error (out of memory) must not leave it without a thread
                    Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
                } finally {
                    Thread.interrupted();   // a watchdog interrupt must not leak into the next input
                }
            }
        } finally {
            Runnable returned = null;
            synchronized (tasks) {
                if (generation == this.generation) {
                    current = null;
                } else if (abandoned == Thread.currentThread()) {
                    returned = onReturn;
                    abandoned = null;
                    onReturn = null;
                }
            }
            if (Thread.currentThread() instanceof StationPool.Worker w) {
                w.running = null;
            }
            if (returned != null) {
                returned.run();
                return;
            }
        }
        synchronized (tasks) {
            if (generation != this.generation) return;
        }
        pool.execute(this::drain);
    }

    /**
     * Gives up on {@code stuck}, the thread running this executor's current task (a handler that
     * ignores its stop): the station's next inputs run on another thread, after {@link #onAbandon}.
     * False if that thread is not (or no longer) running this executor.
     */
    boolean abandon(Thread stuck) {
        synchronized (tasks) {
            if (current != stuck) {
                return false;
            }
            generation++;
            current = null;
            abandoned = stuck;
            running = true;
            if (onAbandon != null) {
                tasks.addFirst(onAbandon);
            }
        }
        pool.execute(this::drain);
        return true;
    }

    /** Runs {@code then} when the abandoned thread finally leaves the task it was stuck in (if ever). */
    void whenReturned(Thread stuck, Runnable then) {
        synchronized (tasks) {
            if (abandoned == stuck) {
                onReturn = then;
                return;
            }
        }
        then.run();   // already back
    }

    /** What the station does first when it moves off a stuck thread (quarantine its program). */
    public void onAbandon(Runnable task) {
        synchronized (tasks) {
            onAbandon = task;
        }
    }

    /** True when called from the thread now running this executor's task. */
    /** The thread running this executor's tasks now or last (check what it runs before acting on it). */
    public Thread runningThread() {
        return current;
    }

    public boolean inExecutor() {
        return current == Thread.currentThread();
    }

    public int queued() {
        synchronized (tasks) {
            return tasks.size();
        }
    }
}
