package org.stationd.script;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * Runs handlers on the calling thread (the station's thread) under limits that measure the
 * handler, not the machine: the CPU time its thread consumed (so a loaded host stops no healthy
 * handler, and a replay on a virtual clock stops the same ones on every run), and a much larger
 * wall-clock bound for a handler that is blocked (sleeping, waiting on a lock or on a call that
 * never returns), which uses no CPU. A watchdog stops a handler past either (Groovy: thread
 * interrupt, checked by the compiled-in {@code ThreadInterrupt}; JavaScript:
 * {@code Context.interrupt}) and the call ends in {@link HandlerTimeoutException}. A handler
 * that keeps running after its stop is reported to the thread's {@link Host} as stuck, and a
 * handler that has been blocked a while lets its pool add a thread meanwhile, so neither holds
 * other stations. Any other failure becomes {@link HandlerException} whose {@link ProgramError}
 * names the script's file:line. Thread-safe; one per host is enough.
 *
 * <p>The watchdog costs a handler call no timer: each thread that runs handlers has one slot whose
 * current call carries the moment it is next due to be looked at, and one periodic sweep every
 * {@value #SWEEP_MILLIS} ms looks at the calls that are due. A call only sets its slot on entry and
 * clears it on exit.
 */
public final class HandlerRunner implements AutoCloseable {
    /** CPU time a handler may use unless a station says otherwise: handlers should only start things, not compute. */
    public static final Duration DEFAULT_LIMIT = Duration.ofMillis(200);
    /** How often the watchdog sweeps the threads' slots for calls due to be looked at. */
    static final long SWEEP_MILLIS = 5;
    /** Each thread's slot: the call it is in now (the innermost), for the sweep and {@link #stopNow}. */
    private final ThreadLocal<Slot> slot = ThreadLocal.withInitial(this::newSlot);
    private final java.util.concurrent.CopyOnWriteArrayList<Slot> slots = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Wall-clock time a handler may spend, blocked or starved, before it is stopped whatever its CPU time. */
    public static final Duration DEFAULT_BLOCKED_LIMIT = Duration.ofSeconds(5);
    /** How long a stopped handler may take to unwind before its station is told it is stuck. */
    public static final Duration STUCK_AFTER = Duration.ofSeconds(2);
    /**
     * Memory a single handler call may allocate (the thread's allocations, live or not): far above
     * any show's needs (a handler allocates kilobytes), far below the heap, so a handler that grows
     * a list without end is stopped before the host runs out of memory.
     */
    public static final long ALLOCATION_LIMIT = 256L << 20;
    /** How often a long handler is looked at, so an allocation spree cannot outrun its limit. */
    private static final long MAX_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Wall time beyond its CPU time after which a handler counts as blocked and its pool compensates. */
    static final Duration BLOCKED_NOTICE = Duration.ofMillis(250);
    /** A handler runnable but off the CPU this many times the blocked bound (a native call that never returns) is stopped too. */
    static final int HARD_LIMIT_FACTOR = 12;
    private static final long MIN_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /**
     * What a thread that runs handlers (a station pool's worker) wants to hear: that its handler
     * is blocked (the pool may lend another thread meanwhile) and no longer is, and that a stopped
     * handler does not stop (its station must move off this thread).
     */
    public interface Host {
        void handlerBlocked();

        void handlerUnblocked();

        void handlerStuck(Thread thread);
    }

    private final ScheduledExecutorService watchdog;
    // Stopping a JS handler may block until it has stopped: never on the watchdog thread itself.
    private final ExecutorService stopper;
    private final boolean ownsWatchdog;
    private final Duration blockedLimit;

    public HandlerRunner() {
        this(DEFAULT_BLOCKED_LIMIT);
    }

    /** With a wall-clock bound of its own for blocked handlers (tests use a short one). */
    public HandlerRunner(Duration blockedLimit) {
        this(newWatchdog(), true, blockedLimit);
    }

    /** With a host-wide scheduler; the runner does not shut it down. */
    public HandlerRunner(ScheduledExecutorService watchdog) {
        this(watchdog, false, DEFAULT_BLOCKED_LIMIT);
    }

    private HandlerRunner(ScheduledExecutorService watchdog, boolean owns, Duration blockedLimit) {
        this.watchdog = watchdog;
        this.ownsWatchdog = owns;
        this.blockedLimit = blockedLimit;
        this.stopper = Executors.newCachedThreadPool(daemon("stationd-handler-stop"));
        this.sweep = watchdog.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private final ScheduledFuture<?> sweep;

    /** A thread that runs handlers, and the call it is in. */
    private static final class Slot {
        final Thread thread;
        volatile Watch current;

        Slot(Thread thread) {
            this.thread = thread;
        }
    }

    private Slot newSlot() {
        Slot s = new Slot(Thread.currentThread());
        slots.add(s);
        return s;
    }

    /** Looks at every call that is due; forgets the slots of threads that have ended. */
    private void sweep() {
        long now = System.nanoTime();
        for (Slot s : slots) {
            Watch w = s.current;
            if (w != null) {
                if (now - w.nextCheck >= 0) {
                    try {
                        w.check();
                    } catch (RuntimeException e) {
                        // a thread that ended meanwhile: nothing to look at
                    }
                }
            } else if (!s.thread.isAlive()) {
                slots.remove(s);
            }
        }
    }

    public Duration blockedLimit() {
        return blockedLimit;
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
     * @param limit       the CPU time the handler may use
     */
    public void invoke(String state, String handlerName, Handler handler, Event event, Duration limit)
            throws HandlerException {
        invoke(state, handlerName, handler, event, limit, null);
    }

    /** The same for {@code owner} (a program's guard), whose running handler {@link #stopNow} can stop. */
    public void invoke(String state, String handlerName, Handler handler, Event event, Duration limit, Object owner)
            throws HandlerException {
        run(controlOf(handler), () -> handler.handle(event), limit, state, handlerName, owner);
    }

    /** Runs the program's {@code onError}; its own failure is reported the same way. */
    public void invokeOnError(ErrorHandler handler, ProgramError error, Duration limit) throws HandlerException {
        invokeOnError(handler, error, limit, null);
    }

    public void invokeOnError(ErrorHandler handler, ProgramError error, Duration limit, Object owner) throws HandlerException {
        run(controlOf(handler), () -> handler.handle(error), limit, error.state(), "onError", owner);
    }

    /** Runs any script code under the limits ({@code limit} of CPU time); engines use it for a script's top level. */
    public void run(ScriptControl control, Body body, Duration limit, String state, String handlerName)
            throws HandlerException {
        run(control, body, limit, state, handlerName, null);
    }

    /**
     * Stops the handler {@code owner} is running on {@code thread} now, as a limit would, saying
     * {@code why}: its program is being replaced, and the replacement must not wait for the old
     * version to use up its limit. False if {@code owner} runs nothing there.
     */
    public boolean stopNow(Thread thread, Object owner, String why, Duration runningAtLeast) {
        Watch w = null;
        for (Slot s : slots) {
            if (s.thread == thread) w = s.current;
        }
        return w != null && owner != null && w.owner == owner
                && System.nanoTime() - w.wallStart >= runningAtLeast.toNanos() && w.stopFor(why);
    }

    private void run(ScriptControl control, Body body, Duration limit, String state, String handlerName, Object owner)
            throws HandlerException {
        Slot here = slot.get();
        Watch outer = here.current;
        Watch watch = new Watch(here.thread, control, limit.toNanos(), blockedLimit.toNanos(), owner);
        watch.schedule(Math.min(limit.toNanos(), MAX_CHECK_NANOS));
        here.current = watch;
        Throwable failure = null;
        try {
            body.run();
        } catch (InternalError | UnknownError e) {
            watch.finish();
            here.current = outer;
            throw e;  // the JVM itself is broken: the host's problem, not the script's
        } catch (Throwable t) {
            // out of memory or stack included: what the handler allocated is garbage once it has
            // unwound, so the station reports it and takes its next event
            failure = t;
        }
        boolean stopped = watch.finish();
        here.current = outer;
        if (stopped) {
            ScriptFailure where = failure == null ? null : control.describe(failure);
            String message = watch.replaced != null
                    ? "was stopped: " + watch.replaced
                    : watch.allocating
                    ? "allocated more than " + (ALLOCATION_LIMIT >> 20) + " MB and was stopped (a list or text that grows without end?); "
                      + "keep what a program stores small"
                    : watch.blocked
                    ? "was blocked for " + (blockedLimit.toMillis() % 1000 == 0 ? blockedLimit.toSeconds() + " s" : blockedLimit.toMillis() + " ms")
                      + " (sleeping or waiting) and was stopped; "
                      + "handlers must never wait: start things and react to their events, use station.after(seconds, 'name') for later work"
                    : "used more than " + limit.toMillis() + " ms of CPU time and was stopped (an endless loop?); "
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
        sweep.cancel(false);
        if (ownsWatchdog) {
            watchdog.shutdownNow();
        }
    }

    /**
     * One call's race between finishing and being stopped; whoever comes first decides. The
     * watchdog looks at the handler's CPU time when it could first have used its limit, and again
     * no sooner than it could have used the rest: a typical handler is never looked at.
     */
    private final class Watch {
        private static final int RUNNING = 0, DONE = 1, STOPPING = 2, STOPPED = 3;
        private final Thread runner;
        private final ScriptControl control;
        private final long cpuLimit;
        private final long wallLimit;
        private final long cpuStart;
        private final long allocStart;
        private boolean allocating;       // stopped by the allocation limit
        private final long wallStart = System.nanoTime();
        private volatile int state = RUNNING;
        private boolean cancelled;
        private boolean blocked;          // stopped by the wall-clock bound
        private final Object owner;
        private volatile String replaced;  // stopped because its program is being replaced: why
        private boolean compensated;      // the thread's pool was told the handler is blocked
        /** When the sweep should next look at it (System.nanoTime). */
        private volatile long nextCheck;

        Watch(Thread runner, ScriptControl control, long cpuLimit, long wallLimit, Object owner) {
            this.owner = owner;
            this.runner = runner;
            this.control = control;
            this.cpuLimit = cpuLimit;
            this.wallLimit = wallLimit;
            this.cpuStart = currentCpuTime();
            this.allocStart = currentAllocated();
        }

        /** Due to be looked at again after {@code delayNanos}; the sweep does it. */
        void schedule(long delayNanos) {
            nextCheck = System.nanoTime() + Math.max(MIN_CHECK_NANOS, delayNanos);
        }

        private void check() {
            if (state != RUNNING) return;   // a racy read: the decisions below are taken under the lock
            long cpu = cpuTime(runner) - cpuStart;
            long wall = System.nanoTime() - wallStart;
            // waiting, sleeping or on a lock now; a runnable thread that the machine's load keeps off
            // the CPU is not blocked: only its CPU time counts (the hard bound still holds in native calls)
            boolean waiting = switch (runner.getState()) {
                case BLOCKED, WAITING, TIMED_WAITING -> true;
                default -> false;
            };
            boolean overAllocated = allocStart >= 0 && allocated(runner) - allocStart > ALLOCATION_LIMIT;
            if (overAllocated || cpu >= cpuLimit || (waiting && wall >= wallLimit) || wall >= HARD_LIMIT_FACTOR * wallLimit) {
                synchronized (this) {
                    if (state != RUNNING) return;
                    allocating = overAllocated;
                    blocked = !overAllocated && cpu < cpuLimit;
                    state = STOPPING;
                }
                stopper.execute(this::expire);
                return;
            }
            if (waiting && wall - cpu >= BLOCKED_NOTICE.toNanos() && runner instanceof Host host) {
                boolean tell;
                synchronized (this) {
                    if (state != RUNNING) return;
                    tell = !compensated;
                    compensated = true;
                }
                if (tell) host.handlerBlocked();
            }
            // it cannot use the rest of its CPU limit sooner than that much wall time
            long untilWall = wallLimit - wall > 0 ? wallLimit - wall : wallLimit / 10;
            schedule(Math.min(cpuLimit - cpu, Math.min(untilWall, MAX_CHECK_NANOS)));
        }

        /** Stops it now, if it still runs: see {@link HandlerRunner#stopNow}. */
        boolean stopFor(String why) {
            synchronized (this) {
                if (state != RUNNING) return false;
                replaced = why;
                state = STOPPING;
            }
            stopper.execute(this::expire);
            return true;
        }

        private void expire() {
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
            watchdog.schedule(this::stuck, STUCK_AFTER.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Still in the script after its stop and the grace: it ignores interruption. */
        private void stuck() {
            synchronized (this) {
                if (state != STOPPED) return;
            }
            runner.interrupt();   // keep asking: a script that swallowed one interrupt meets the next check
            if (runner instanceof Host host) {
                host.handlerStuck(runner);
            }
        }

        /** @return true if the call was stopped (timed out). Waits until the stop is complete. */
        boolean finish() {
            boolean release;
            boolean stopped;
            synchronized (this) {
                while (state == STOPPING) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // our own stop request arriving late: expected, keep waiting
                    }
                }
                stopped = state == STOPPED;
                state = DONE;
                release = compensated;
            }
            if (release) {
                ((Host) runner).handlerUnblocked();
            }
            if (stopped) {
                // The stop may have left the thread's interrupt flag set: the station thread goes on.
                Thread.interrupted();
            }
            return stopped;
        }
    }

    /** Bytes a thread has allocated so far, or -1 where the JVM cannot tell. */
    private static long allocated(Thread t) {
        return CPU instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()
                && sun.isThreadAllocatedMemoryEnabled() ? sun.getThreadAllocatedBytes(t.threadId()) : -1;
    }

    /** The calling thread's allocations, as {@link #allocated} (cheaper: no lookup of the thread). */
    private static long currentAllocated() {
        return CPU instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()
                && sun.isThreadAllocatedMemoryEnabled() ? sun.getCurrentThreadAllocatedBytes() : -1;
    }

    /** The calling thread's CPU time, as {@link #cpuTime}. */
    private static long currentCpuTime() {
        long ns = CPU.isThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : -1;
        return ns >= 0 ? ns : System.nanoTime();
    }

    /** CPU time of a thread in ns; where the JVM cannot measure it, wall time stands in (never stops early: the wall bound is larger). */
    private static long cpuTime(Thread t) {
        long ns = CPU.isThreadCpuTimeSupported() ? CPU.getThreadCpuTime(t.threadId()) : -1;
        return ns >= 0 ? ns : System.nanoTime();
    }

    private static ScheduledExecutorService newWatchdog() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, daemon("stationd-handler-watchdog"));
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
