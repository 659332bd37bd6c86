package org.stationd.station;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.stationd.api.Event;
import org.stationd.api.Handler;

/**
 * Runs one handler on the station's thread with a time limit: past it, the thread is interrupted
 * (Groovy programs are compiled with ThreadInterrupt checks; the JS engine interrupts its context
 * through {@link Interrupter}). The station then reports the runaway and carries on.
 */
public final class HandlerGuard {
    /** How an engine stops a handler that runs too long. */
    public interface Interrupter {
        void interrupt(Thread thread);
    }

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("handler-watchdog").daemon(true).factory());

    private final Duration limit;
    private final Interrupter interrupter;

    public HandlerGuard(Duration limit, Interrupter interrupter) {
        this.limit = limit;
        this.interrupter = interrupter == null ? Thread::interrupt : interrupter;
    }

    public Duration limit() {
        return limit;
    }

    /** Runs the handler; throws {@link HandlerTimeoutException} if it had to be stopped. */
    public void run(Handler handler, Event event) throws Exception {
        Thread self = Thread.currentThread();
        boolean[] fired = new boolean[1];
        ScheduledFuture<?> dog = WATCHDOG.schedule(() -> {
            synchronized (fired) {
                fired[0] = true;
            }
            interrupter.interrupt(self);
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
        try {
            handler.handle(event);
        } catch (Exception | Error e) {
            synchronized (fired) {
                if (fired[0]) {
                    throw new HandlerTimeoutException(limit, e);
                }
            }
            throw e;
        } finally {
            dog.cancel(false);
            Thread.interrupted();
        }
        synchronized (fired) {
            if (fired[0]) {
                // it finished right at the limit; count it as a runaway all the same
                throw new HandlerTimeoutException(limit, null);
            }
        }
    }
}
