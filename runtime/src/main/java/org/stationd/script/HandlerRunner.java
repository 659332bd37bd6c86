package org.stationd.script;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.stationd.api.ErrorHandler;
import org.stationd.api.Event;
import org.stationd.api.Handler;
import org.stationd.api.ProgramError;

/**
 * Runs handlers on the calling thread (the station's thread) under a time limit. A watchdog
 * stops a handler that overruns (Groovy: thread interrupt, checked by the compiled-in
 * {@code ThreadInterrupt}; JavaScript: {@code Context.interrupt}) and the call ends in
 * {@link HandlerTimeoutException}. Any other failure becomes {@link HandlerException} whose
 * {@link ProgramError} names the script's file:line. Thread-safe; one per host is enough.
 */
public final class HandlerRunner implements AutoCloseable {
    /** What handlers get unless a station says otherwise: they should only start things, not wait. */
    public static final Duration DEFAULT_LIMIT = Duration.ofMillis(200);

    private final ScheduledExecutorService watchdog;
    // Stopping a JS handler may block until it has stopped: never on the watchdog thread itself.
    private final ExecutorService stopper;
    private final boolean ownsWatchdog;

    public HandlerRunner() {
        this(newWatchdog(), true);
    }

    /** With a host-wide scheduler; the runner does not shut it down. */
    public HandlerRunner(ScheduledExecutorService watchdog) {
        this(watchdog, false);
    }

    private HandlerRunner(ScheduledExecutorService watchdog, boolean owns) {
        this.watchdog = watchdog;
        this.ownsWatchdog = owns;
        this.stopper = Executors.newCachedThreadPool(daemon("stationd-handler-stop"));
    }

    /** A body of script code: a handler call, or a script's top level while loading. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    public void invoke(Handler handler, Event event, Duration limit) throws HandlerException {
        invoke(null, null, handler, event, limit);
    }

    /**
     * @param state       the state the handler belongs to, for the error report (may be null)
     * @param handlerName {@code enter}, {@code dtmf}, {@code timeout}… (may be null)
     */
    public void invoke(String state, String handlerName, Handler handler, Event event, Duration limit)
            throws HandlerException {
        run(controlOf(handler), () -> handler.handle(event), limit, state, handlerName);
    }

    /** Runs the program's {@code onError}; its own failure is reported the same way. */
    public void invokeOnError(ErrorHandler handler, ProgramError error, Duration limit) throws HandlerException {
        run(controlOf(handler), () -> handler.handle(error), limit, error.state(), "onError");
    }

    /** Runs any script code under the limit; engines use it for a script's top level. */
    public void run(ScriptControl control, Body body, Duration limit, String state, String handlerName)
            throws HandlerException {
        Watch watch = new Watch(Thread.currentThread(), control);
        ScheduledFuture<?> timer = watchdog.schedule(() -> stopper.execute(watch::expire),
                limit.toNanos(), TimeUnit.NANOSECONDS);
        Throwable failure = null;
        try {
            body.run();
        } catch (VirtualMachineError e) {
            if (!(e instanceof StackOverflowError)) {
                throw e;  // out of memory and the like are the host's problem, not the script's
            }
            failure = e;
        } catch (Throwable t) {
            failure = t;
        } finally {
            timer.cancel(false);
        }
        if (watch.finish()) {
            ScriptFailure where = failure == null ? null : control.describe(failure);
            String message = "ran longer than " + limit.toMillis() + " ms and was stopped (an endless loop?); "
                    + "handlers must return quickly: start things and react to their events, "
                    + "use station.after(seconds, 'name') for later work";
            throw new HandlerTimeoutException(new ProgramError(state, handlerName, message,
                    where == null ? null : where.location()), watch.cancelled, failure);
        }
        if (failure != null) {
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();  // not our stop: someone (shutdown) wants this thread to end
            }
            ScriptFailure f = control.describe(failure);
            throw new HandlerException(new ProgramError(state, handlerName, f.message(), f.location()), failure);
        }
    }

    private static ScriptControl controlOf(Object handler) {
        return handler instanceof ScriptControl.Bound b ? b.control() : ScriptControl.JAVA;
    }

    @Override
    public void close() {
        stopper.shutdown();
        if (ownsWatchdog) {
            watchdog.shutdownNow();
        }
    }

    /** One call's race between finishing and being stopped; whoever comes first decides. */
    private static final class Watch {
        private static final int RUNNING = 0, DONE = 1, STOPPING = 2, STOPPED = 3;
        private final Thread runner;
        private final ScriptControl control;
        private int state = RUNNING;
        private boolean cancelled;

        Watch(Thread runner, ScriptControl control) {
            this.runner = runner;
            this.control = control;
        }

        void expire() {
            synchronized (this) {
                if (state != RUNNING) return;
                state = STOPPING;
            }
            boolean gentle = true;
            try {
                gentle = control.interrupt(runner);
            } finally {
                synchronized (this) {
                    cancelled = !gentle;
                    state = STOPPED;
                    notifyAll();
                }
            }
        }

        /** @return true if the call was stopped (timed out). Waits until the stop is complete. */
        synchronized boolean finish() {
            if (state == RUNNING) {
                state = DONE;
                return false;
            }
            while (state == STOPPING) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // our own stop request arriving late: expected, keep waiting
                }
            }
            // The stop may have left the thread's interrupt flag set: the station thread goes on.
            Thread.interrupted();
            return true;
        }
    }

    private static ScheduledExecutorService newWatchdog() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, daemon("stationd-handler-watchdog"));
        s.setRemoveOnCancelPolicy(true);  // almost every timer is cancelled: don't let them pile up
        return s;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
