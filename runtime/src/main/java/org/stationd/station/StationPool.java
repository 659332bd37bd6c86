package org.stationd.station;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.script.HandlerRunner;

/**
 * The threads every station's {@link SerialExecutor} runs on: a fixed number for the work, plus
 * one lent for each handler that is blocked (sleeping, waiting) and each thread a stuck handler
 * will not give back, so a program that blocks or ignores its stop never holds the threads the
 * other stations need. Its workers hear from {@link HandlerRunner} about their handlers.
 */
public final class StationPool implements Executor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StationPool.class);
    private final ThreadPoolExecutor pool;
    private final int base;
    private final AtomicInteger lent = new AtomicInteger();
    private final AtomicInteger names = new AtomicInteger();

    public StationPool(int threads) {
        this.base = threads;
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> new Worker(r, "station-" + names.getAndIncrement()));
        pool.allowCoreThreadTimeOut(false);
    }

    /** Two threads a core, at least four. */
    public static StationPool forThisMachine() {
        return new StationPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** Threads lent beyond the base right now (blocked or stuck handlers). */
    public int lent() {
        return lent.get();
    }

    private synchronized void resize(int delta) {
        int size = base + lent.addAndGet(delta);
        if (delta > 0) {
            pool.setMaximumPoolSize(size);
            pool.setCorePoolSize(size);
        } else {
            pool.setCorePoolSize(size);
            pool.setMaximumPoolSize(size);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void shutdown(Duration wait) throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A pool thread: knows which station it runs, so a stuck handler's station can move off it. */
    final class Worker extends Thread implements HandlerRunner.Host {
        volatile SerialExecutor running;

        Worker(Runnable r, String name) {
            super(r, name);
            setDaemon(true);
        }

        @Override
        public void handlerBlocked() {
            resize(1);
        }

        @Override
        public void handlerUnblocked() {
            resize(-1);
        }

        @Override
        public void handlerStuck(Thread thread) {
            SerialExecutor station = running;
            if (station != null && station.abandon(this)) {
                log.warn("a handler on {} ignores its stop; its station moves to another thread", getName());
                resize(1);
                station.whenReturned(this, () -> resize(-1));
            }
        }
    }
}
