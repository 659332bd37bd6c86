package org.stationd.station;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.stationd.api.Call;
import org.stationd.api.Conference;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.api.KeyValueStore;
import org.stationd.api.Log;
import org.stationd.api.ProgramContext;
import org.stationd.api.ProgramError;
import org.stationd.api.Recordings;
import org.stationd.api.Sms;
import org.stationd.api.Station;
import org.stationd.call.CallEvents;
import org.stationd.call.CallLeg;
import org.stationd.config.StationConfig;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.session.ApiResponse;
import org.stationd.limits.LimitException;
import org.stationd.limits.Limits;
import org.stationd.limits.Refusals;
import org.stationd.limits.SwitchValues;
import org.stationd.switchlink.CallGoneException;
import org.stationd.switchlink.SpeechEngines;
import org.stationd.verb.VerbContext;
import org.stationd.verb.Verbs;

/**
 * One station on air: its calls, conferences, timers and its active program. Everything that
 * changes it runs on its own {@link SerialExecutor}, one input at a time, in arrival order; a
 * failing program is reported and the station carries on.
 */
public final class StationContext implements Station {
    private final StationConfig config;
    private final StationServices services;
    private final org.stationd.switchlink.SwitchLink link;
    private final SerialExecutor executor;
    private final StationFiles files;
    /** The running program's guard: another thread (a swap, a saved fix) stops its handler through it. */
    private volatile HandlerGuard guard;
    private final Verbs verbs;
    private final CallEvents callEvents;
    private final TransmitterDialer transmitter;
    /**
     * The station's calls in the order they arrived or were dialled. Programs iterate them (hang up
     * every call, take the first caller), and a replay must see them in the live show's order, not
     * in an order that depends on the uuids. Changed on the station thread, read from any: each
     * change makes a new map.
     */
    private volatile Map<String, CallLeg> calls = Map.of();
    private final Object callsLock = new Object();
    private final Map<String, StationConference> conferences = new ConcurrentHashMap<>();
    private final StationTimers timers;
    private final StationTopics topics;
    private final KeyValueStore store;
    private final Sms sms;
    private final Recordings recordings;
    private final Log log;
    /** What the program was refused, by kind ({@link Limits}): shown by {@code status}. */
    private final Refusals refusals = new Refusals();
    /** Where the program's topics and leases live: the station's group, or the station alone. */
    private final ProgramScope scope;
    private final StationLeases leases;
    private ProgramFactory factory;
    private ProgramFactory.Instance instance;
    private ProgramRunner runner;
    private volatile String lastError;
    private volatile Map<String, Object> settings;
    private volatile String reportedStatus;
    private volatile String reportedReason;
    private volatile boolean quarantined;
    /** Originates whose answer the link lost (the job's result never came): the switch may have placed them all the same. */
    private final java.util.Set<String> uncertain = ConcurrentHashMap.newKeySet();
    /** Originates whose answer came too late: their calls are awaited, or hung up once given up. Station thread. */
    private final LateOriginates late = new LateOriginates();
    /** The switch is shutting down or unreachable (the host says so on this thread): a failed transmitter dial is not final then. */
    private boolean switchAway;

    public StationContext(StationConfig config, StationServices services) {
        this.config = config;
        this.services = services;
        this.executor = new SerialExecutor(services.pool(), 10_000);
        this.files = new StationFiles(services.mediaDir(), services.recordingsDir(), config.id());
        executor.onAbandon(this::quarantine);
        this.link = new TappedLink(services.link(), this, services.tap());
        this.verbs = new Verbs(new Ctx());
        this.callEvents = new CallEvents(calls::get, this::conferenceBySwitchName, this::failed);
        this.transmitter = new TransmitterDialer(this, config.transmitters().stream().map(t -> t.dialString(config.gateways())).toList());
        this.store = new LimitedStore(services.stores().apply(config.id()), config.id(), refusals);
        this.sms = services.sms().apply(config.id());
        this.recordings = services.recordings().apply(config.id());
        this.log = new ProgramLog(this, services.scheduler(), refusals);
        this.scope = ProgramScope.of(config);
        this.topics = new StationTopics(config.id(), scope, services.bus(), refusals);
        this.leases = new StationLeases(services.leases(), config.id(), scope, services.scheduler(), this::submit, why -> log("warn", why));
        this.timers = new StationTimers(services.scheduler(), config.timezone(), this::submit, this::timerFired);
        this.settings = config.settings();
        if (services.ttsVoice() != null) {
            services.link().hasSpeechEngine(SpeechEngines.engineOf(services.ttsVoice()));   // asks the switch now, so the host says at start-up if say cannot work
        }
    }

    // ---- the host's side ----------------------------------------------------------------------

    public StationConfig config() { return config; }
    public SerialExecutor executor() { return executor; }
    public String programName() { return factory == null ? null : factory.name(); }
    public String programVersion() { return factory == null ? null : factory.version(); }
    public String state() { return runner != null ? runner.state() : quarantined ? "quarantined" : null; }
    public String lastError() { return lastError; }
    public Collection<CallLeg> calls() { return calls.values(); }
    public Refusals refusals() { return refusals; }

    /** Counts a refusal of this station's program and hands it back to be thrown. */
    LimitException refused(LimitException e) { return refusals.counted(e); }

    private void addCall(CallLeg leg) {
        synchronized (callsLock) {
            Map<String, CallLeg> next = new LinkedHashMap<>(calls);
            next.put(leg.getId(), leg);
            calls = java.util.Collections.unmodifiableMap(next);
        }
    }

    private void removeCall(String id) {
        synchronized (callsLock) {
            if (!calls.containsKey(id)) return;
            Map<String, CallLeg> next = new LinkedHashMap<>(calls);
            next.remove(id);
            calls = java.util.Collections.unmodifiableMap(next);
        }
    }
    public boolean owns(String uuid) { return calls.containsKey(uuid); }
    public boolean hasConference(String switchName) { return conferenceBySwitchName(switchName) != null; }

    /**
     * Stops the program's handler running right now, if one is and has run {@code runningAtLeast},
     * as a limit would ({@code why} is its error): the program is being replaced, and the swap or
     * fix queued behind it must not wait for a runaway to use up its limit. Any thread.
     */
    public void stopRunningHandler(String why, java.time.Duration runningAtLeast) {
        HandlerGuard g = guard;
        if (g != null && g.stopNow(executor.runningThread(), why, runningAtLeast)) {
            services.listener().log(config.id(), programName(), state(), "info", "stopped the running handler: " + why);
        }
    }

    /** Runs on the station's thread. */
    public void submit(Runnable task) {
        executor.execute(task);
    }

    /**
     * Waits until the station has run everything queued so far, and what that queued (twice
     * round its queue): replays and tests step a station this way. Never from the station's thread.
     */
    public void awaitIdle(java.time.Duration limit) throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            submit(done::countDown);
            if (!done.await(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("station " + getId() + " did not finish its work in " + limit.toSeconds() + " s");
            }
        }
    }

    /** Loads a program fresh (new data), replacing whatever ran: the old one gets its teardown. */
    public void load(ProgramFactory next) {
        load(next, config.settings());
    }

    /** Loads a program with the settings of its schedule entry (over the station's own). */
    public void load(ProgramFactory next, Map<String, Object> entrySettings) {
        unload();
        Map<String, Object> merged = new LinkedHashMap<>(config.settings());
        merged.putAll(entrySettings);
        settings = java.util.Collections.unmodifiableMap(merged);   // keeps the order volunteers wrote
        reportedStatus = null;
        reportedReason = null;
        start(next, new LinkedHashMap<>(), null);
    }

    /** What the program said about its airing ({@code no_media}, {@code failed}), or null. */
    public String reportedStatus() { return reportedStatus; }
    public String reportedReason() { return reportedReason; }
    public boolean hasProgram() { return runner != null; }

    /**
     * Hot reload: the new version takes over between two events, keeping the state name, data and
     * the timers its text still names ({@code 'token'} or {@code "token"}): a fix saved mid-show
     * keeps the show's clock going, while a timer the fix removed (a runaway {@code every}) stops
     * and never fires into code that does not know it. A fresh copy of the same version keeps all.
     */
    /** Whether a program's text names a timer, as a quoted string; a text not known names none. */
    private static boolean names(String text, String timer) {
        return text != null && (text.contains("'" + timer + "'") || text.contains("\"" + timer + "\""));
    }

    public void reload(ProgramFactory next) {
        if (runner == null) {
            load(next);
            return;
        }
        tap("in", "op", Map.of("cmd", "reload", "program", next.name(), "version", next.version()));
        Map<String, Object> data = runner.data();
        String state = runner.state();
        ProgramFactory.Instance old = instance;
        runner.detach();
        if (!(factory.name().equals(next.name()) && factory.version().equals(next.version()))) {
            List<String> gone = timers.cancelUnless(name -> names(next.text(), name));
            if (!gone.isEmpty()) {
                log("info", "the new version does not name the timer(s) " + gone + " any more: cancelled");
            }
        }
        closeQuietly(old);
        start(next, data, state);
    }

    /** Unloads the program: exit and teardown run, timers stop, the station's calls are hung up. */
    public void unload() {
        if (runner != null) {
            tap("in", "unload", Map.of());   // a replay must unload at the same moment: the hangups that follow are its doing
            transmitter.stop();
            runner.stop();
            closeQuietly(instance);
            runner = null;
            instance = null;
            factory = null;
        }
        timers.cancelAll();
        topics.unsubscribeAll();
        leases.releaseAll();   // another station of the group takes the token now, not when it lapses
        transmitter.reset();
        for (CallLeg c : calls.values()) {
            c.retire();
            if (!c.isEnded()) {
                c.markHangupRequested();
                link.sendmsg(c.getId(), org.stationd.esl.command.SendMsg.hangup("NORMAL_CLEARING"));
            }
        }
    }

    /**
     * A handler of the program did not stop when told (it ignores interruption) and its thread was
     * given up: the program comes off the station without running any more of its code (no exit,
     * no teardown), its calls are hung up, and the operator is told. A new version (the file saved
     * again), a reload or a swap puts a program back. Runs first on the station's new thread.
     */
    private void quarantine() {
        if (runner == null) {
            return;
        }
        String name = factory.name();
        String state = runner.state();
        String why = "a handler of " + name + " did not stop when told (it ignores interruption): the program is quarantined "
                + "and the station is off air until the program is saved again, reloaded or swapped";
        lastError = why;
        services.listener().programError(config.id(), name, new ProgramError(state, "quarantine", why, null));
        runner.detach();
        ProgramFactory.Instance stuck = instance;
        runner = null;
        instance = null;
        factory = null;
        closeQuietly(stuck);   // a JavaScript program's context is cancelled with it
        quarantined = true;
        unload();
        services.listener().stateChanged(config.id(), name, state, "quarantined");
    }

    private void start(ProgramFactory next, Map<String, Object> data, String resumeState) {
        quarantined = false;
        ProgramContext ctx = new Context(data);
        try {
            instance = next.create(ctx);
        } catch (Exception e) {
            lastError = "cannot start " + next.name() + ": " + e.getMessage();
            services.listener().programError(config.id(), next.name(), new ProgramError(null, "load", e.getMessage(), ScriptLocation.of(e)));
            return;
        }
        factory = next;
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
        tap("in", "load", load);
        HandlerGuard guard = new HandlerGuard(services.handlerLimit());
        this.guard = guard;
        runner = new ProgramRunner(instance.definition(), data, guard, services.scheduler(), this::submit, config.id(), refusals, new ProgramRunner.Listener() {
            @Override
            public void stateChanged(String from, String to) {
                services.listener().stateChanged(config.id(), next.name(), from, to);
            }

            @Override
            public void cancelled() {
                // The engine gave up on this copy of the program: start a fresh one where it was,
                // unless another version (a fix saved meanwhile) or none took its place first.
                ProgramFactory.Instance gaveUp = instance;
                submit(() -> {
                    if (instance == gaveUp) reload(factory);
                });
            }

            @Override
            public void error(ProgramError error, Throwable cause) {
                lastError = error.handler() + " in state " + error.state() + ": " + error.message()
                        + (error.location() == null ? "" : " at " + error.location());
                services.listener().programError(config.id(), next.name(), error);
            }
        });
        services.listener().programLoaded(config.id(), next.name(), next.version());
        runner.start(resumeState);
    }

    /** An ESL event about one of this station's calls (or a call arriving on its line). Station thread. */
    public void onEsl(EslEvent e, String incomingLine) {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("name", e.name());
        rec.put("headers", e.headers());
        if (e.body() != null) rec.put("body", e.body());
        if (incomingLine != null) rec.put("line", incomingLine);
        tap("in", "esl", rec);
        String uuid = e.uniqueId();
        CallLeg leg = uuid == null ? null : calls.get(uuid);
        if (leg == null && incomingLine != null) {
            incoming(e, incomingLine);
            return;
        }
        if (leg == null && late.isDisowned(uuid)) {
            disownedCall(uuid, e);
            return;
        }
        if (leg != null) {
            late.arrived(uuid);   // a late originate's call showed up: it is the call the program asked for
        }
        if (leg == null) {
            conferenceEvent(e);
            return;
        }
        trackConference(leg, e);
        for (Event ev : callEvents.translate(leg, e)) {
            services.listener().callEvent(config.id(), leg.getId(), ev.describe());
            if (!leg.isRetired()) {
                deliver(ev);
            }
        }
        if (!leg.isRetired() && runner != null && runner.program().states().stream().anyMatch(s -> s.eslHandler(e.name()) != null)) {
            deliver(CallEvents.raw(leg, e));
        }
        if ("CHANNEL_DESTROY".equals(e.name())) {
            removeCall(leg.getId());
            services.owners().release(leg.getId());
        }
    }

    /** A call whose originate was given up came after all: nobody holds it, so it is hung up. */
    private void disownedCall(String uuid, EslEvent e) {
        if ("CHANNEL_DESTROY".equals(e.name())) {
            late.forget(uuid);
            services.owners().release(uuid);
            return;
        }
        if (!"CHANNEL_HANGUP".equals(e.name()) && !"CHANNEL_HANGUP_COMPLETE".equals(e.name()) && late.killOnce(uuid)) {
            log("warn", "call " + uuid + " came after its originate was given up; hanging it up");
            kill(uuid, "warn");
        }
    }

    /** Hangs up a call nobody holds; a refusal is the switch's word, not the program's fault (no program error). */
    private void kill(String uuid, String failureLevel) {
        link.api("uuid_kill " + uuid + " NORMAL_CLEARING").whenComplete((r, err) -> {
            if (err != null || r.isError()) {
                String why = err != null ? err.getMessage() : r.text().strip();
                submit(() -> log(failureLevel, "uuid_kill " + uuid + ": " + why));
            }
        });
    }

    // ---- the switch going away and coming back -----------------------------------------------

    /** The ids of the calls this station holds that have not ended (a snapshot: safe from any thread). */
    public java.util.Set<String> liveCallIds() {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        calls.values().stream().filter(c -> !c.isEnded()).forEach(c -> ids.add(c.getId()));
        return ids;
    }

    /**
     * The host's word on the switch: away (shutting down, or the link is lost) or back. Recorded
     * as an input, so a replay makes the same transmitter decisions. Back: a transmitter waiting
     * for the switch is dialled at once. Station thread.
     */
    public void switchState(boolean away) {
        if (away == switchAway) return;
        tap("in", "switch", Map.of("away", away));
        switchAway = away;
        services.listener().log(config.id(), programName(), state(), away ? "warn" : "info",
                away ? "the switch is away; calls and transmitter wait for it" : "the switch is back");
        if (!away) transmitter.switchBack();
    }

    boolean switchAway() { return switchAway; }

    /** The originates whose outcome the link lost since the last call, forgotten as they are handed over. */
    public java.util.Set<String> takeUncertainOriginates() {
        java.util.Set<String> out = java.util.Set.copyOf(uncertain);
        uncertain.removeAll(out);
        return out;
    }

    /**
     * Calls that died with the switch (it restarted, or they ended while the link was down): each
     * still up reaches the program as the hang-up FreeSWITCH would have sent, with {@code cause},
     * then is forgotten as after CHANNEL_DESTROY. Station thread.
     */
    public void callsLost(java.util.Collection<String> ids, String cause) {
        for (String id : ids) {
            CallLeg leg = calls.get(id);
            if (leg == null || leg.isEnded()) continue;
            for (String name : List.of("CHANNEL_HANGUP", "CHANNEL_DESTROY")) {
                Map<String, String> h = new LinkedHashMap<>();
                h.put("Event-Name", name);
                h.put("Unique-ID", id);
                h.put("Answer-State", "hangup");
                h.put("Hangup-Cause", cause);
                h.put("Stationd-Resync", "the call is gone from the switch");
                onEsl(new EslEvent(EslEvent.Format.PLAIN, h, null), null);
            }
        }
    }

    private void incoming(EslEvent e, String line) {
        String from = e.header("Caller-Caller-ID-Number");
        String to = e.header("Caller-Destination-Number");
        CallLeg leg = new CallLeg(e.uniqueId(), config.id(), "inbound", from, to, line, verbs);
        leg.role("listener");
        leg.updateVariables(e.headers());
        addCall(leg);
        services.owners().claim(leg.getId(), this);
        services.listener().callEvent(config.id(), leg.getId(), "incoming call from " + from + " on " + line);
        deliver(Event.of(EventKind.INCOMING_CALL).call(leg).line(line).from(from).to(to).build());
    }

    private void trackConference(CallLeg leg, EslEvent e) {
        if (!"CUSTOM".equals(e.name()) || !"conference::maintenance".equals(e.subclass())) {
            return;
        }
        StationConference conf = conferenceBySwitchName(e.header("Conference-Name"));
        if (conf == null) {
            return;
        }
        if ("add-member".equals(e.header("Action"))) {
            conf.memberJoined(leg.getId(), e.header("Member-ID"));
        } else if ("del-member".equals(e.header("Action"))) {
            conf.memberLeft(leg.getId());
        }
    }

    /** Conference events not about one of our calls: a playback into our conference finished. */
    private void conferenceEvent(EslEvent e) {
        if (!"conference::maintenance".equals(e.subclass())) {
            return;
        }
        StationConference conf = conferenceBySwitchName(e.header("Conference-Name"));
        if (conf != null && "play-file".equals(e.header("Action"))) {
            conf.began(e.header("File"));
            return;
        }
        if (!"play-file-done".equals(e.header("Action"))) {
            return;
        }
        String[] mine = conf == null ? null : conf.finished(e.header("File"));
        if (mine != null) {
            deliver(Event.of(EventKind.CONFERENCE_PLAYBACK_DONE).conference(conf).file(mine[0]).status(mine[1]).build());
        }
    }

    /** A text message to the station's number: stored, then heard by the program. Station thread. */
    public void onSms(String from, String text) {
        tap("in", "sms", Map.of("from", from == null ? "" : from, "text", text));
        if (sms instanceof SmsInbox inbox) {
            inbox.received(from, text);
        }
        services.listener().callEvent(config.id(), "sms", "text from " + from);
        deliver(Event.of(EventKind.SMS).from(from).to(config.sms()).text(text).build());
    }

    /** A message, timer, SMS or operator input: delivered to the program on this thread. */
    public void deliver(Event event) {
        if (runner == null) {
            return;
        }
        if (!transmitter.deliver(event)) {
            return;
        }
        runner.deliver(event);
    }

    // ---- Station: what programs use -----------------------------------------------------------

    @Override public String getId() { return config.id(); }
    @Override public String getName() { return config.name(); }
    @Override public String getTimezone() { return config.timezone().getId(); }
    @Override public Map<String, Object> getSettings() { return settings; }
    @Override public java.time.ZonedDateTime getNow() { return services.scheduler().now().atZone(config.timezone()); }

    @Override
    public void reportStatus(String status, String reason) {
        if (!java.util.Set.of("ok", "no_media", "failed").contains(status)) {
            throw new IllegalArgumentException("reportStatus: status must be ok, no_media or failed, got '" + status + "'");
        }
        reportedStatus = status;
        reportedReason = reason;
        log("info", "airing status " + status + (reason == null ? "" : ": " + reason));
    }
    @Override public Map<String, String> getLines() { return config.primaryLines(); }
    @Override public List<Call> getCalls() { return calls.values().stream().filter(c -> !c.isEnded()).map(c -> (Call) c).toList(); }
    @Override public Call dialTransmitter() { return transmitter.dial(); }
    @Override public Call getTransmitter() { return transmitter.current(); }
    @Override public void hangupTransmitter() { transmitter.hangUp(); }
    @Override public Call originate(String number) { return originate(number, Map.of()); }

    @Override
    public Call originate(String number, Map<String, Object> options) {
        try {
            SwitchValues.dial("originate: the number", number);
        } catch (LimitException e) {
            throw refused(e);
        }
        String dial = number.contains("/") ? number : gatewayDial(number);
        return originateLeg(dial, options == null ? Map.of() : options, "outbound");
    }

    private String gatewayDial(String number) {
        if (config.gateways().isEmpty()) {
            throw new IllegalStateException("station " + config.id() + " has no gateway to dial " + number + "; add one under gateways: in stations.yaml");
        }
        return config.gateways().values().iterator().next().dialString(number);
    }

    CallLeg originateLeg(String dial, Map<String, Object> options, String role) {
        String uuid = services.ids().get();
        int timeout = options.get("timeout") instanceof Number n ? n.intValue() : 30;
        StringBuilder vars = new StringBuilder("origination_uuid=").append(uuid)
                .append(",station_id=").append(config.id())
                .append(",stationd_role=").append(role)
                .append(",originate_timeout=").append(timeout);
        try {
            if (options.get("callerId") != null) {
                vars.append(",origination_caller_id_number=").append(SwitchValues.channelValue("originate: callerId", options.get("callerId")));
            }
            if (options.get("variables") instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> v : m.entrySet()) {
                    String name = SwitchValues.variableName("originate: variable", v.getKey());
                    vars.append(',').append(name).append('=').append(SwitchValues.channelValue("originate: variable " + name, v.getValue()));
                }
            }
        } catch (LimitException e) {
            throw refused(e);   // before the call exists: nothing reaches the switch
        }
        CallLeg leg = new CallLeg(uuid, config.id(), "outbound", null, dial, null, verbs);
        leg.role(role);
        addCall(leg);
        services.owners().claim(uuid, this);
        services.listener().callEvent(config.id(), uuid, "dialling " + dial + " (" + role + ")");
        link.bgapi("originate {" + vars + "}" + dial + " &park()").whenComplete((r, err) -> submit(() -> {
            if (err != null && LateOriginates.late(err) && !leg.isAnswered() && !leg.isEnded() && !late.isAwaited(uuid)) {
                awaitLate(leg, timeout);
                return;
            }
            String cause = err != null ? "SWITCH_ERROR" : r.isError() ? r.errorText() : null;
            if (err != null && !leg.isAnswered()) {
                uncertain.add(uuid);
            }
            if (cause != null) originateFailed(leg, cause);
        }));
        return leg;
    }

    /** The originate's answer did not come in time: the call stays the program's until it shows up, or the wait is over. */
    private void awaitLate(CallLeg leg, int ringSeconds) {
        String uuid = leg.getId();
        late.await(uuid);
        Duration wait = Duration.ofSeconds(Math.max(0, ringSeconds)).plus(LateOriginates.GRACE);
        log("warn", "the switch did not answer the originate of " + uuid + " in time; its call is kept for " + wait.toSeconds()
                + " s in case the switch placed it");
        scheduleOnThread(wait, () -> {
            if (!late.arrived(uuid) || calls.get(uuid) != leg || leg.isAnswered() || leg.isEnded()) {
                return;
            }
            late.disown(uuid);   // still claimed: should the call come after all, it is hung up
            originateFailed(leg, "SWITCH_ERROR");
            // it may be there already, its events lost (the link dropped meanwhile): ended now; usually "no such channel"
            kill(uuid, "debug");
            scheduleOnThread(LateOriginates.DISOWNED_FOR, () -> {
                if (late.isDisowned(uuid)) {
                    late.forget(uuid);
                    if (!owns(uuid)) services.owners().release(uuid);
                }
            });
        });
    }

    /** The switch's late answer to an originate of ours ({@code BACKGROUND_JOB}): a refusal fails the call it was waiting for. Station thread. */
    public void onLateJob(String uuid, String body) {
        CallLeg leg = calls.get(uuid);
        if (leg == null || !late.isAwaited(uuid)) {
            return;   // answered in time (the link had it), or the call showed up already
        }
        late.arrived(uuid);
        String text = body == null ? "" : body.strip();
        if (text.startsWith("-ERR")) {
            String cause = text.substring(4).strip();
            originateFailed(leg, cause.isEmpty() ? "SWITCH_ERROR" : cause);
        }
    }

    /** An originate failed before its call answered: the program hears it, and the call is forgotten. */
    private void originateFailed(CallLeg leg, String cause) {
        String uuid = leg.getId();
        if (leg.isAnswered() || !leg.claimFailureReport()) {
            return;
        }
        leg.ended();
        services.listener().callEvent(config.id(), uuid, "failed: " + cause);
        deliver(Event.of(EventKind.FAILED).call(leg).cause(cause).build());
        removeCall(uuid);
        if (!late.isDisowned(uuid)) {
            services.owners().release(uuid);
        }
    }

    @Override
    public Conference conference(String name) {
        String sw = StationConference.switchName(config.id(), name);
        return conferences.computeIfAbsent(sw, k -> {
            services.owners().usesConference(k, this);
            return new StationConference(name, k, this);
        });
    }

    /** The station's conferences now (status, the console's station page). */
    public java.util.List<Conference> conferences() { return java.util.List.copyOf(conferences.values()); }

    StationConference conferenceBySwitchName(String switchName) {
        return switchName == null ? null : conferences.get(switchName);
    }

    @Override public void after(double seconds, String name) { timers.after(seconds, name); }
    @Override public void every(double seconds, String name) { timers.every(seconds, name); }
    @Override public void at(String localTime, String name) { timers.at(localTime, name); }
    @Override public void cancel(String name) { timers.cancel(name); }

    private void timerFired(String name) {
        tap("in", "timer", Map.of("timer", name));
        deliver(Event.of(EventKind.TIMER).timer(name).build());
    }

    /** Writes an input or output of this station to the event log. */
    public void tap(String dir, String kind, Map<String, Object> fields) {
        services.tap().record(config.id(), programVersion(), state(), dir, kind, fields);
    }

    void scheduleOnThread(Duration delay, Runnable task) {
        services.scheduler().schedule(delay, () -> submit(task));
    }

    @Override public KeyValueStore getStore() { return store; }

    @Override
    public void publish(String topic, Object data) {
        topics.publish(topic, data);
    }

    @Override
    public void subscribe(String topic) {
        topics.subscribe(topic, (t, d) -> submit(() -> {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("topic", t);
            rec.put("data", d);
            tap("in", "zmq", rec);
            deliver(Event.of(EventKind.MESSAGE).topic(t).data(d).build());
        }));
    }

    @Override public Sms getSms() {
        if (sms == null) {
            throw new IllegalStateException("station " + config.id() + " has no sms number in stations.yaml");
        }
        return sms;
    }

    @Override public Recordings getRecordings() { return recordings; }

    @Override
    public boolean lease(String name, double seconds) {
        if (!(seconds > 0 && seconds <= 3600)) {   // NaN too
            throw new IllegalArgumentException("lease: seconds must be between 0 and 3600, got " + seconds);
        }
        leaseName(name, "lease");
        if (quarantined) {
            return false;   // a handler that ignored its stop, still running: its program is gone and takes nothing more
        }
        boolean granted = leases.claim(name, Duration.ofMillis(Math.round(seconds * 1000)));
        tap("in", "lease", Map.of("name", name, "granted", granted));   // the database's answer is the outside world: a replay gives it back
        return granted;
    }

    @Override
    public void releaseLease(String name) {
        leaseName(name, "releaseLease");
        leases.release(name);
    }

    /** The database keeps lease names of up to 200 characters, the group's name and this one's together. */
    private static void leaseName(String name, String what) {
        if (name == null || name.isEmpty() || name.length() > 100) {
            throw new IllegalArgumentException(what + ": the name must be text of 1 to 100 characters, e.g. 'news-master', got "
                    + (name == null ? "null" : name.length() + " characters"));
        }
    }

    // ---- helpers for verbs and conferences ----------------------------------------------------

    void api(String command, String what) {
        link.api(command).whenComplete((r, e) -> {
            if (e != null || r.isError()) {
                String why = e != null ? e.getMessage() : r.text();
                submit(() -> failed(what, why));
            }
        });
    }

    CompletableFuture<ApiResponse> api(String command) {
        return link.api(command);
    }

    /** An api command on behalf of this station (recorded in its event log), e.g. {@code chat sms|…}; a refusal is reported. */
    public void switchApi(String command) {
        api(command, command.split(" ", 2)[0]);
    }

    String media(String file) {
        return files.media(file);
    }

    String recordingPath(String file) {
        return files.recordingPath(file);
    }

    /**
     * Makes the station's recordings folder (the host does when the station starts; each record
     * makes it again if it went). Null once it exists, else why it cannot be made.
     */
    public String makeRecordingsFolder() {
        return files.makeRecordingsFolder();
    }

    private void failed(String what, String why) {
        if (switchAway) {
            log("warn", what + " not done while the switch is away: " + why);   // the switch's trouble, not the program's
            return;
        }
        lastError = what + ": " + why;
        services.listener().programError(config.id(), programName(), new ProgramError(state(), what, why, null));
    }

    /** Every transmitter number failed: other hosts and consoles hear it on the bus, operators by SMS. */
    void transmitterUnreachable(String cause) {
        services.bus().publish("station/" + config.id() + "/transmitter-unreachable", Map.of("station", config.id(), "cause", String.valueOf(cause)));
        for (String operator : config.operators()) {
            try {
                getSms().send(operator, config.name() + ": the transmitter cannot be reached (" + cause + ") after all "
                        + config.transmitters().size() + " number(s).");
            } catch (RuntimeException e) {
                log("error", "could not text operator " + operator + ": " + e.getMessage());
            }
        }
    }

    void log(String level, String message) {
        services.listener().log(config.id(), programName(), state(), level, message);
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

    private final class Ctx implements VerbContext {
        @Override public org.stationd.switchlink.SwitchLink link() { return link; }
        @Override public String media(String file) { return StationContext.this.media(file); }
        @Override public String recording(String file) { return files.recordingTarget(file, why -> failed("record", why)); }
        @Override public String conferenceName(String name) { return StationConference.switchName(config.id(), name); }
        @Override public String ttsVoice() { return services.ttsVoice(); }
        @Override public String newUuid() { return services.ids().get(); }
        @Override public void refused(LimitException e) { refusals.counted(e); }
        @Override public Consumer<Throwable> failures(String what) {
            return e -> submit(() -> {
                if (CallGoneException.in(e)) {   // e.g. a record ended by the caller's hangup, reported before it: the hangup follows
                    log("debug", what + " not done: the call had already ended on the switch");
                } else {
                    failed(what, e.getMessage());
                }
            });
        }
    }

    /** The globals of a program: station, data, go, state, log. */
    private final class Context implements ProgramContext {
        private final Map<String, Object> data;

        Context(Map<String, Object> data) { this.data = data; }

        @Override public Station getStation() { return StationContext.this; }
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
