package org.stationd.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A deliberately loaded machine: threads spinning on every core (several each), until closed. */
public final class BusyCores implements AutoCloseable {
    private final AtomicBoolean on = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    /** {@code perCore} spinning threads for each core the JVM sees. */
    public BusyCores(int perCore) {
        int n = perCore * Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                double x = 0;
                while (on.get()) x += Math.sqrt(x + 1);
            }, "busy-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    @Override
    public void close() throws InterruptedException {
        on.set(false);
        for (Thread t : threads) t.join();
    }
}
