package org.stationd.station;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.stationd.api.Event;
import org.stationd.api.KeyValueStore;
import org.stationd.api.Log;
import org.stationd.api.ProgramContext;
import org.stationd.api.ProgramError;
import org.stationd.api.Station;
import org.stationd.call.CallLeg;
import org.stationd.config.StationConfig;
import org.stationd.esl.command.SendMsg;
import org.stationd.limits.Refusals;
import org.stationd.switchlink.SwitchLink;

/**
 * The program on a station: loading it (with its schedule entry's settings), a hot reload that
 * keeps its state, data and the timers it still names, unloading it (its calls hung up, its
 * timers, topics and leases let go), and quarantining one whose handler ignores its stop. Station
 * thread, except where said.
 */
final class ProgramSlot {
    /** What the station lets go of when its program goes. */
    record Holdings(TransmitterDialer transmitter, StationTimers timers, StationTopics topics, StationLeases leases,
                    CallTable calls, SwitchLink link) {}

    private final StationContext station;
    private final StationConfig config;
    private final StationServices services;
    private final Holdings held;
    private final KeyValueStore store;
    private final Refusals refusals;
    private final Log log;
    private ProgramFactory factory;
    private ProgramFactory.Instance instance;
    private ProgramRunner runner;
    /** The running program's guard: another thread (a swap, a saved fix) stops its handler through it. */
    private volatile HandlerGuard guard;
    private volatile String lastError;
    private volatile Map<String, Object> settings;
    private volatile String reportedStatus;
    private volatile String reportedReason;
    private volatile boolean quarantined;

    ProgramSlot(StationContext station, StationServices services, Holdings held, KeyValueStore store, Refusals refusals, Log log) {
        this.station = station;
        this.config = station.config();
        this.services = services;
        this.held = held;
        this.store = store;
        this.refusals = refusals;
        this.log = log;
        this.settings = config.settings();
    }

    String programName() { return factory == null ? null : factory.name(); }
    String programVersion() { return factory == null ? null : factory.version(); }
    String state() { return runner != null ? runner.state() : quarantined ? "quarantined" : null; }
    String lastError() { return lastError; }
    void lastError(String error) { lastError = stampError(programName(), error); }

    private String stampError(String program, String text) {
        return LastError.of(services.scheduler().now(), config.timezone(), program, text);
    }
    Map<String, Object> settings() { return settings; }
    boolean hasProgram() { return runner != null; }
    boolean quarantined() { return quarantined; }
    String reportedStatus() { return reportedStatus; }
    String reportedReason() { return reportedReason; }

    void reportStatus(String status, String reason) {
        reportedStatus = status;
        reportedReason = reason;
    }

    /** Whether a state of the program handles the raw ESL event {@code name}. */
    boolean handlesEsl(String name) {
        return runner != null && runner.program().states().stream().anyMatch(s -> s.eslHandler(name) != null);
    }

    /** A program's input, through the transmitter dialler (it may swallow its own call's events). */
    boolean deliver(Event event) {
        if (runner == null) {
            return false;
        }
        if (!held.transmitter().deliver(event)) {
            return true;
        }
        return runner.deliver(event);   // false: the state has no handler for it
    }

    /** Stops the handler running now if it has run {@code runningAtLeast} (see {@link StationContext#stopRunningHandler}). Any thread. */
    void stopRunningHandler(Thread running, String why, Duration runningAtLeast) {
        HandlerGuard g = guard;
        if (g != null && g.stopNow(running, why, runningAtLeast)) {
            services.listener().log(config.id(), programName(), state(), "info", "stopped the running handler: " + why);
        }
    }

    /** Loads a program with the settings of its schedule entry (over the station's own). */
    void load(ProgramFactory next, Map<String, Object> entrySettings) {
        if (!services.held()) {
            // a start that waited (a busy host) while another host took the station: its program would run fenced, for nothing
            services.listener().log(config.id(), next.name(), null, "info", "not started here: another host runs the station now");
            return;
        }
        unload();
        Map<String, Object> merged = new LinkedHashMap<>(config.settings());
        merged.putAll(entrySettings);
        settings = Collections.unmodifiableMap(DeclaredDefaults.apply(next, merged));   // keeps the order volunteers wrote
        reportedStatus = null;
        reportedReason = null;
        quarantined = false;
        Map<String, Object> data = new LinkedHashMap<>();
        ProgramFactory.Instance built;
        try {
            built = next.create(new Context(data));
        } catch (Exception e) {
            lastError = stampError(next.name(), "cannot start: " + e.getMessage());
            services.listener().programError(config.id(), next.name(), new ProgramError(null, "load", e.getMessage(), ScriptLocation.of(e)));
            return;
        }
        start(next, built, data, null);
    }

    /** Whether a program's text names a timer, as a quoted string; a text not known names none. */
    private static boolean names(String text, String timer) {
        return text != null && (text.contains("'" + timer + "'") || text.contains("\"" + timer + "\""));
    }

    /**
     * Hot reload: the new version takes over between two events, keeping the state name, data and
     * the timers its text still names ({@code 'token'} or {@code "token"}): a fix saved mid-show
     * keeps the show's clock going, while a timer the fix removed (a runaway {@code every}) stops
     * and never fires into code that does not know it. A fresh copy of the same version keeps all.
     * A version that cannot start on this station leaves the running one on air.
     */
    void reload(ProgramFactory next) {
        if (runner == null) {
            load(next, config.settings());
            return;
        }
        ProgramFactory.Instance built;
        try {
            built = next.create(new Context(runner.data()));
        } catch (Exception e) {
            keptRunning(next, e);
            return;
        }
        swap(next, built, ProgramSlot::closeQuietly);
    }

    /** A new version built for this station off its thread ({@link #build}), to go on with {@link #install}. */
    record Built(ProgramFactory factory, Map<String, Object> data, OffThreadContext context, ProgramFactory.Instance instance, Exception failed) {}

    /** The version asked for last ({@link #want}): a build that finishes after a newer one's is dropped. */
    private volatile ProgramFactory wanted;
    /** The running program's data (null: none runs), for a version built off the station's thread. */
    private volatile Map<String, Object> liveData;

    /** A hot reload to {@code next} is on its way (any thread, in the order versions were saved). */
    void want(ProgramFactory next) {
        wanted = next;
    }

    /**
     * Builds {@code next} for this station (compiled once per version; here the station's own copy:
     * a Groovy script instance, a JavaScript context) on the calling thread, not the station's, so
     * the swap on its thread is short. Any thread.
     */
    Built build(ProgramFactory next) {
        Map<String, Object> data = liveData;
        if (data == null || wanted != next) {
            return new Built(next, null, null, null, null);   // nothing to reload, or a newer version is coming
        }
        OffThreadContext ctx = new OffThreadContext(new Context(data));
        try {
            return new Built(next, data, ctx, next.create(ctx), null);
        } catch (Exception e) {
            return new Built(next, data, ctx, null, e);
        } finally {
            ctx.built();
        }
    }

    /**
     * Puts a version built off the station's thread on air as {@link #reload} would, in one short
     * step with nothing read from the database. Built for another program than the one running now
     * (a load or swap came between) or with its top level reaching for the station's own things, it
     * is built again here; a newer version saved meanwhile wins. The old version's engine copy is
     * let go on {@code closer} (closing a JavaScript context takes a while).
     */
    void install(Built b, Executor closer) {
        if (wanted != b.factory()) {
            closeQuietly(b.instance());
            return;
        }
        boolean sameRun = runner != null && runner.data() == b.data();
        if (!sameRun || b.context().touched()) {
            closeQuietly(b.instance());
            if (factory != null && factory.name().equals(b.factory().name())) reload(b.factory());
            return;
        }
        if (b.failed() != null) {
            keptRunning(b.factory(), b.failed());
            return;
        }
        swap(b.factory(), b.instance(), old -> {
            try {
                closer.execute(() -> closeQuietly(old));
            } catch (RejectedExecutionException e) {
                closeQuietly(old);   // the host is closing: here, then
            }
        });
    }

    private void keptRunning(ProgramFactory next, Exception e) {
        String why = "version " + next.version() + " cannot start here, kept the running version: " + e.getMessage();
        lastError = stampError(next.name(), why);
        services.listener().programError(config.id(), next.name(), new ProgramError(state(), "reload", why, ScriptLocation.of(e)));
    }

    /** The old version goes (no exit, no teardown), the new one starts where it was. */
    private void swap(ProgramFactory next, ProgramFactory.Instance built, Consumer<ProgramFactory.Instance> close) {
        station.tap("in", "op", Map.of("cmd", "reload", "program", next.name(), "version", next.version()));
        Map<String, Object> data = runner.data();
        String state = runner.state();
        ProgramFactory.Instance old = instance;
        runner.detach();
        if (!(factory.name().equals(next.name()) && factory.version().equals(next.version()))) {
            List<String> gone = held.timers().cancelUnless(name -> names(next.text(), name));
            if (!gone.isEmpty()) {
                station.log("info", "the new version does not name the timer(s) " + gone + " any more: cancelled");
            }
        }
        close.accept(old);
        start(next, built, data, state);
    }

    /** Unloads the program: exit and teardown run, timers stop, the station's calls are hung up. */
    void unload() {
        unload(false);
    }

    /**
     * {@code moving}: the station goes on on another host of a cluster: its named leases (a relay's
     * token) are the station's, not this program's, and its next run renews them.
     */
    void unload(boolean moving) {
        if (runner != null) {
            // a replay must unload at the same moment: the hangups that follow are its doing
            station.tap("in", "unload", moving ? Map.of("moving", true) : Map.of());
            held.transmitter().stop();
            runner.stop();
            closeQuietly(instance);
            runner = null;
            liveData = null;
            instance = null;
            factory = null;
        }
        held.timers().cancelAll();
        held.topics().unsubscribeAll();
        if (!moving) held.leases().releaseAll();   // another station of the group takes the token now, not when it lapses
        held.transmitter().reset();
        for (CallLeg c : held.calls().all()) {
            c.retire();
            if (!c.isEnded()) {
                c.markHangupRequested();
                held.link().sendmsg(c.getId(), SendMsg.hangup("NORMAL_CLEARING"));
            }
        }
    }

    /**
     * A handler of the program did not stop when told (it ignores interruption) and its thread was
     * given up: the program comes off the station without running any more of its code (no exit,
     * no teardown), its calls are hung up, and the operator is told. A new version (the file saved
     * again), a reload or a swap puts a program back. Runs first on the station's new thread.
     */
    void quarantine() {
        if (runner == null) {
            return;
        }
        String name = factory.name();
        String state = runner.state();
        String why = "a handler of " + name + " did not stop when told (it ignores interruption): the program is quarantined "
                + "and the station is off air until the program is saved again, reloaded or swapped";
        lastError = stampError(name, why);
        services.listener().programError(config.id(), name, new ProgramError(state, "quarantine", why, null));
        runner.detach();
        ProgramFactory.Instance stuck = instance;
        runner = null;
        liveData = null;
        instance = null;
        factory = null;
        closeQuietly(stuck);   // a JavaScript program's context is cancelled with it
        quarantined = true;
        unload();
        services.listener().stateChanged(config.id(), name, state, "quarantined");
    }

    private void start(ProgramFactory next, ProgramFactory.Instance built, Map<String, Object> data, String resumeState) {
        quarantined = false;
        instance = built;
        factory = next;
        lastError = null;   // a good load, reload or swap: what went wrong before is over
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("program", next.name());
        load.put("version", next.version());
        Map<String, Object> snapshot = new LinkedHashMap<>();
        for (String key : store.keys()) {
            snapshot.put(key, store.get(key));
        }
        load.put("settings", settings);   // with the schedule entry's own, so a replay runs the same show
        load.put("store", snapshot);   // a replay starts from the same stored values (e.g. the last episode aired)
        // where this station's media and recordings are: a replay from another folder maps the recorded paths to its own
        if (services.mediaDir() != null) load.put("media", services.mediaDir().toAbsolutePath().toString());
        if (services.recordingsDir() != null) load.put("recordings", services.recordingsDir().toAbsolutePath().toString());
        station.tap("in", "load", load);
        HandlerGuard guard = new HandlerGuard(services.handlerLimit());
        this.guard = guard;
        runner = new ProgramRunner(instance.definition(), data, guard, services.scheduler(), station::submit, config.id(), refusals, new ProgramRunner.Listener() {
            @Override
            public void stateChanged(String from, String to) {
                services.listener().stateChanged(config.id(), next.name(), from, to);
            }

            @Override
            public void cancelled() {
                // The engine gave up on this copy of the program: start a fresh one where it was,
                // unless another version (a fix saved meanwhile) or none took its place first.
                ProgramFactory.Instance gaveUp = instance;
                station.submit(() -> {
                    if (instance == gaveUp) reload(factory);
                });
            }

            @Override
            public long actions() {
                return ((TappedLink) held.link()).sent();
            }

            @Override
            public void leftInSilence(org.stationd.api.Call call, ProgramError error) {
                if (call instanceof org.stationd.call.CallLeg leg) station.apologise(leg, "the program's " + error.handler() + " failed");
            }

            @Override
            public void error(ProgramError error, Throwable cause) {
                lastError = stampError(next.name(), error.handler() + " in state " + error.state() + ": " + error.message()
                        + (error.location() == null ? "" : " at " + error.location()));
                services.listener().programError(config.id(), next.name(), error);
            }
        });
        liveData = data;
        services.listener().programLoaded(config.id(), next.name(), next.version());
        runner.start(resumeState);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // releasing engine resources must not take the station down
        }
    }

    /** The globals of a program: station, data, go, state, log. */
    private final class Context implements ProgramContext {
        private final Map<String, Object> data;

        Context(Map<String, Object> data) { this.data = data; }

        @Override public Station getStation() { return station.station(); }
        /** The same map object across reloads, so engines may bind it once. */
        @Override public Map<String, Object> getData() { return data; }
        @Override public void go(String state) {
            if (runner == null) {
                throw new IllegalStateException("go('" + state + "') while the program is being built; call it from a handler");
            }
            runner.go(state);
        }
        @Override public String getState() { return state(); }
        @Override public Log getLog() { return log; }
    }
}
