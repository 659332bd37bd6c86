package org.stationd.station;

import java.util.Map;
import java.util.function.Consumer;
import org.stationd.api.ErrorHandler;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.api.Handler;
import org.stationd.api.ProgramDefinition;
import org.stationd.api.ProgramError;
import org.stationd.api.StateDefinition;
import org.stationd.limits.DataSize;
import org.stationd.limits.Limits;
import org.stationd.limits.Refusals;
import org.stationd.script.HandlerException;
import org.stationd.script.HandlerTimeoutException;

/**
 * Drives one program's state machine on its station's thread: delivers events to the current
 * state's handlers, applies {@code go} after a handler returns (exit, then enter), arms state
 * timeouts, and turns a throwing or runaway handler into a {@link ProgramError} for the program's
 * own {@code onError} and the operator — the station stays on air.
 */
public final class ProgramRunner {
    private static final int MAX_CHAINED_TRANSITIONS = 32;

    private final ProgramDefinition program;
    private final Map<String, Object> data;
    private final HandlerGuard guard;
    private final Scheduler scheduler;
    private final Consumer<Runnable> onStationThread;
    private final Listener listener;
    private final String station;
    private final Refusals refusals;
    private StateDefinition current;
    private String pendingGo;
    private Scheduler.Cancellable stateTimeout;
    private long stateGeneration;
    private boolean stopped;

    /** What the station wants to know about the program. */
    public interface Listener {
        void stateChanged(String from, String to);

        void error(ProgramError error, Throwable cause);

        /** The engine had to cancel the whole program (a JS loop ignored the stop): it must be reloaded. */
        default void cancelled() {}

        /** How many commands the program has sent the switch so far: whether its onError did anything. */
        default long actions() { return 0; }

        /** A handler failed on {@code call} and the program's onError did nothing about it: the caller must not be left in silence. */
        default void leftInSilence(org.stationd.api.Call call, ProgramError error) {}
    }

    public ProgramRunner(ProgramDefinition program, Map<String, Object> data, HandlerGuard guard,
                         Scheduler scheduler, Consumer<Runnable> onStationThread, String station, Refusals refusals, Listener listener) {
        this.program = program;
        this.data = data;
        this.guard = guard;
        this.scheduler = scheduler;
        this.onStationThread = onStationThread;
        this.listener = listener;
        this.station = station;
        this.refusals = refusals;
    }

    public ProgramDefinition program() {
        return program;
    }

    public Map<String, Object> data() {
        return data;
    }

    public String state() {
        return current == null ? null : current.name();
    }

    /**
     * Starts in {@code resumeState} if the program still has it (a hot reload keeps its place),
     * otherwise in the first state. A resumed state's {@code enter} does not run again.
     */
    public void start(String resumeState) {
        StateDefinition resume = resumeState == null ? null : program.state(resumeState);
        if (resume != null) {
            current = resume;
            armTimeout();
            listener.stateChanged(null, current.name());
            return;
        }
        StateDefinition first = program.initialState();
        current = first;
        listener.stateChanged(null, first.name());
        armTimeout();
        run("enter", first.enter(), null);
        applyTransitions();
    }

    /** Asks for a transition; it happens when the running handler returns. */
    public void go(String state) {
        if (program.state(state) == null) {
            throw new IllegalArgumentException("no state '" + state + "' in program '" + program.name()
                    + "'; states are " + program.stateNames());
        }
        pendingGo = state;
    }

    /** Delivers an event to the current state. Returns false if the state has no handler for it. */
    public boolean deliver(Event event) {
        if (stopped || current == null) {
            return false;
        }
        Handler h = event.getKind() == EventKind.ESL ? current.eslHandler(event.getName()) : current.handler(event.getKind());
        if (h == null) {
            return false;
        }
        run(event.getKind().handlerName(), h, event);
        applyTransitions();
        return true;
    }

    /** Unloads: runs the current state's exit and the program's teardown, each guarded. */
    public void stop() {
        if (stopped) {
            return;
        }
        if (current != null) {
            run("exit", current.exit(), null);
        }
        run("teardown", program.teardown(), null);
        stopped = true;
        cancelTimeout();
    }

    /** Detaches without exit/teardown: the program is being replaced by a reloaded version of itself. */
    public void detach() {
        stopped = true;
        cancelTimeout();
    }

    private void applyTransitions() {
        int hops = 0;
        while (pendingGo != null && !stopped) {
            if (++hops > MAX_CHAINED_TRANSITIONS) {
                reportError("go", new IllegalStateException("more than " + MAX_CHAINED_TRANSITIONS + " transitions in a row; last to '" + pendingGo + "'"));
                pendingGo = null;
                return;
            }
            String target = pendingGo;
            pendingGo = null;
            StateDefinition from = current;
            run("exit", from.exit(), null);
            cancelTimeout();
            current = program.state(target);
            listener.stateChanged(from.name(), target);
            armTimeout();
            run("enter", current.enter(), null);
        }
    }

    private void armTimeout() {
        cancelTimeout();
        if (current.timeout() == null) {
            return;
        }
        long generation = ++stateGeneration;
        StateDefinition armedIn = current;
        stateTimeout = scheduler.schedule(current.timeout(), () -> onStationThread.accept(() -> {
            if (!stopped && current == armedIn && stateGeneration == generation) {
                run("timeout", armedIn.onTimeout(), Event.of(EventKind.TIMER).timer("timeout").build());
                applyTransitions();
            }
        }));
    }

    private void cancelTimeout() {
        stateGeneration++;
        if (stateTimeout != null) {
            stateTimeout.cancel();
            stateTimeout = null;
        }
    }

    private void run(String what, Handler handler, Event event) {
        if (handler == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            guard.run(state(), what, handler, event);
        } catch (HandlerException e) {
            org.stationd.api.Call call = event == null ? null : event.getCall();
            report(call == null ? e.error() : e.error().onCall(call), e);
            if (e instanceof HandlerTimeoutException t && t.programCancelled()) {
                listener.cancelled();
            }
        } finally {
            org.stationd.metrics.HostMetrics.HANDLER.observeNanos(System.nanoTime() - started, station);
        }
        checkData(what);
    }

    /**
     * The data a program keeps across handlers is measured after each one (it is only ever changed
     * by a handler, and never written anywhere that could measure it on the way): over
     * {@link Limits#DATA_BYTES} it is emptied, so one program's hoard cannot take the host's heap,
     * and the program hears why in its {@code onError} (data is empty there, ready to start again).
     */
    private void checkData(String what) {
        if (!DataSize.exceeds(data, Limits.DATA_BYTES)) {
            return;
        }
        data.clear();
        refusals.count("data", 1);
        report(new ProgramError(state(), what, "station " + station + " keeps more than " + Limits.size(Limits.DATA_BYTES)
                + " in data (the limit per station): data was emptied; keep less, or keep it in station.store", null), null);
    }

    private void reportError(String what, Throwable e) {
        report(new ProgramError(state(), what, message(e), ScriptLocation.of(e)), e);
    }

    /** Tells the operator, then the program's own onError (whose failure is only reported). */
    private void report(ProgramError error, Throwable cause) {
        listener.error(error, cause);
        long before = listener.actions();
        ErrorHandler onError = program.onError();
        if (onError != null) {
            try {
                guard.onError(onError, error);
            } catch (HandlerException nested) {
                listener.error(nested.error(), nested);
            }
        }
        if (error.call() != null && listener.actions() == before) {
            listener.leftInSilence(error.call(), error);
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
