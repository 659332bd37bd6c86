package org.stationd.station;

import java.time.Duration;
import org.stationd.api.ErrorHandler;
import org.stationd.api.Event;
import org.stationd.api.Handler;
import org.stationd.api.ProgramError;
import org.stationd.script.HandlerException;
import org.stationd.script.HandlerRunner;

/**
 * Runs a station's handlers on its thread under the limits (default 200 ms of CPU time, 5 s of
 * wall-clock time blocked), through the host's {@link HandlerRunner}, which knows how to stop
 * each engine's code and where in the script a failure happened.
 */
public final class HandlerGuard {
    private static final HandlerRunner SHARED = new HandlerRunner();

    /** The first run of a handler loads and links its code (Groovy call sites, JS parsing): up to seconds of CPU. */
    public static final Duration FIRST_RUN_LIMIT = Duration.ofSeconds(3);

    private final HandlerRunner runner;
    private final Duration limit;
    private final java.util.Set<Object> warm = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public HandlerGuard(Duration limit) {
        this(SHARED, limit);
    }

    public HandlerGuard(HandlerRunner runner, Duration limit) {
        this.runner = runner;
        this.limit = limit;
    }

    public Duration limit() {
        return limit;
    }

    public void run(String state, String handlerName, Handler handler, Event event) throws HandlerException {
        runner.invoke(state, handlerName, handler, event, limitFor(handler), this);
    }

    public void onError(ErrorHandler handler, ProgramError error) throws HandlerException {
        runner.invokeOnError(handler, error, limitFor(handler), this);
    }

    /**
     * Stops this program's handler running on {@code thread} now, if it has run {@code runningAtLeast}
     * (its program is being replaced); false if none runs there.
     */
    public boolean stopNow(Thread thread, String why, Duration runningAtLeast) {
        return thread != null && runner.stopNow(thread, this, why, runningAtLeast);
    }

    /** A cold handler gets {@link #FIRST_RUN_LIMIT} once, so warm-up is not mistaken for an endless loop. Station thread only. */
    private Duration limitFor(Object handler) {
        return warm.add(handler) && FIRST_RUN_LIMIT.compareTo(limit) > 0 ? FIRST_RUN_LIMIT : limit;
    }
}
