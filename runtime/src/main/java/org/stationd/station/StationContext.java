package org.stationd.station;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.stationd.api.Conference;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.api.KeyValueStore;
import org.stationd.api.ProgramError;
import org.stationd.api.Sms;
import org.stationd.api.Station;
import org.stationd.call.CallEvents;
import org.stationd.call.CallLeg;
import org.stationd.config.StationConfig;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.session.ApiResponse;
import org.stationd.limits.LimitException;
import org.stationd.limits.Refusals;
import org.stationd.switchlink.SpeechEngines;
import org.stationd.switchlink.SwitchLink;
import org.stationd.verb.Verbs;

/**
 * One station on air. Everything that changes it runs on its own {@link SerialExecutor}, one
 * input at a time, in arrival order; a failing program is reported and the station carries on.
 * Its parts: the {@link CallTable}, the {@link SwitchIntake} (what the switch says), the
 * {@link ProgramSlot} (load, reload, unload), the {@link Dialler} (calls it places), its
 * {@link StationConferences}, and the {@link ProgramStation} facade: the {@link Station} programs
 * hold ({@link #station()}). This class is the host's handle on the station.
 */
public final class StationContext {
    /** Inputs a station may have waiting; beyond that the router drops its events (counted, and the station is told). */
    public static final int QUEUE_LIMIT = 10_000;
    private final StationConfig config;
    private final StationServices services;
    private final SwitchLink link;
    private final SerialExecutor executor;
    private final StationFiles files;
    private final CallTable calls = new CallTable();
    private final TransmitterDialer transmitter;
    /** What the program was refused, by kind ({@link org.stationd.limits.Limits}): shown by {@code status}. */
    private final Refusals refusals = new Refusals();
    private final Dialler dialler;
    private final ProgramSlot slot;
    private final StationConferences conferences;
    private final ProgramStation api;
    private final SwitchIntake intake;
    /** The switch is shutting down or unreachable (the host says so on this thread): a failed transmitter dial is not final then. */
    private boolean switchAway;
    /** True while the switch's answer to a command completes on this thread (station thread only). */
    private boolean answering;

    public StationContext(StationConfig config, StationServices services) {
        this.config = config;
        this.services = services;
        this.executor = new SerialExecutor(services.pool(), QUEUE_LIMIT);
        this.files = new StationFiles(services.mediaDir(), services.recordingsDir(), config.id());
        this.link = new TappedLink(services.link().answeringOn(this::answer), this, services.tap(), services::held);
        Verbs verbs = new Verbs(new StationVerbContext(this, link, files, services, refusals));
        this.transmitter = new TransmitterDialer(this, config.transmitters().stream().map(t -> t.dialString(config.gateways())).toList());
        KeyValueStore store = new LimitedStore(services.stores().apply(config.id()), config.id(), refusals);
        Sms sms = services.sms().apply(config.id());
        ProgramLog log = new ProgramLog(this, services.scheduler(), refusals);
        ProgramScope scope = ProgramScope.of(config);
        StationTopics topics = new StationTopics(config.id(), scope, services.bus(), refusals);
        StationLeases leases = new StationLeases(services.leases(), config.id(), scope, services.scheduler(), this::submit, why -> log("warn", why));
        StationTimers timers = new StationTimers(services.scheduler(), config.timezone(), this::submit, this::timerFired);
        this.dialler = new Dialler(this, services, link, calls, verbs);
        this.slot = new ProgramSlot(this, services, new ProgramSlot.Holdings(transmitter, timers, topics, leases, calls, link), store, refusals, log);
        this.conferences = new StationConferences(this, services.owners());
        this.api = new ProgramStation(this, services, new ProgramStation.Parts(slot, calls, dialler, transmitter, conferences, timers,
                topics, leases, store, sms, services.recordings().apply(config.id())));
        CallEvents callEvents = new CallEvents(calls::get, conferences::bySwitchName, this::failed);
        this.intake = new SwitchIntake(this, services, calls, dialler, slot, conferences, callEvents, verbs, sms);
        executor.onAbandon(slot::quarantine);
        if (services.ttsVoice() != null) {
            services.link().hasSpeechEngine(SpeechEngines.engineOf(services.ttsVoice()));   // asks the switch now, so the host says at start-up if say cannot work
        }
    }

    // ---- the host's side ----------------------------------------------------------------------

    public StationConfig config() { return config; }
    public String id() { return config.id(); }
    /** What programs hold as {@code station}: the scripting API's {@link Station}, over this station's parts. */
    public Station station() { return api; }
    public SerialExecutor executor() { return executor; }
    public String programName() { return slot.programName(); }
    public String programVersion() { return slot.programVersion(); }
    public String state() { return slot.state(); }
    public String lastError() { return slot.lastError(); }
    public Collection<CallLeg> calls() { return calls.all(); }
    public Refusals refusals() { return refusals; }
    public boolean owns(String uuid) { return calls.owns(uuid); }
    /** The station's conferences now (status, the console's station page). */
    public List<Conference> conferences() { return conferences.all(); }
    /** What the program said about its airing ({@code no_media}, {@code failed}), or null. */
    public String reportedStatus() { return slot.reportedStatus(); }
    public String reportedReason() { return slot.reportedReason(); }
    public boolean hasProgram() { return slot.hasProgram(); }

    /** Counts a refusal of this station's program and hands it back to be thrown. */
    LimitException refused(LimitException e) { return refusals.counted(e); }

    /**
     * Stops the program's handler running right now, if one is and has run {@code runningAtLeast},
     * as a limit would ({@code why} is its error): the program is being replaced, and the swap or
     * fix queued behind it must not wait for a runaway to use up its limit. Any thread.
     */
    public void stopRunningHandler(String why, Duration runningAtLeast) {
        slot.stopRunningHandler(executor.runningThread(), why, runningAtLeast);
    }

    /** Runs on the station's thread. */
    public void submit(Runnable task) {
        executor.execute(task);
    }

    /**
     * Where the switch's answers to this station's commands complete: on its queue, put there by
     * the ESL event loop in socket order with the station's events, so an answer and the events
     * around it reach the program in the order the switch sent them.
     */
    private void answer(Runnable completion) {
        executor.admit(() -> {
            answering = true;
            try {
                completion.run();
            } finally {
                answering = false;
            }
        });
    }

    /** On the station's thread: at once while an answer is being handled (it keeps its place among the events), else queued. */
    void onStation(Runnable task) {
        if (answering && executor.inExecutor()) {
            task.run();
        } else {
            submit(task);
        }
    }

    /**
     * Waits until the station has run everything queued so far, and what that queued (twice
     * round its queue): replays and tests step a station this way. Never from the station's thread.
     */
    public void awaitIdle(Duration limit) throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            CountDownLatch done = new CountDownLatch(1);
            submit(done::countDown);
            if (!done.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("station " + id() + " did not finish its work in " + limit.toSeconds() + " s");
            }
        }
    }

    /** Loads a program fresh (new data), replacing whatever ran: the old one gets its teardown. Station thread. */
    public void load(ProgramFactory next) { slot.load(next, config.settings()); }
    /** Loads a program with the settings of its schedule entry (over the station's own). Station thread. */
    public void load(ProgramFactory next, Map<String, Object> entrySettings) { slot.load(next, entrySettings); }
    /** Hot reload: the new version goes on where the old one was (see {@link ProgramSlot#reload}). Station thread. */
    public void reload(ProgramFactory next) { slot.reload(next); }
    /**
     * Hot reload from any thread: this station's copy of {@code next} is built on {@code builder},
     * then swapped in on the station's thread ahead of its queued inputs (see {@link ProgramSlot#install});
     * the old copy is let go on {@code builder} too.
     */
    public void reload(ProgramFactory next, java.util.concurrent.Executor builder) {
        slot.want(next);
        builder.execute(() -> {
            ProgramSlot.Built built = slot.build(next);
            executor.first(() -> slot.install(built, builder));
        });
    }
    /** Unloads the program: exit and teardown run, timers stop, the station's calls are hung up. Station thread. */
    public void unload() { slot.unload(); }
    /** {@code moving}: the station goes on on another host of a cluster, and its named leases stay the station's. Station thread. */
    public void unload(boolean moving) { slot.unload(moving); }

    // ---- what the switch says (station thread) -------------------------------------------------

    /** An ESL event about one of this station's calls (or a call arriving on its line). */
    public void onEsl(EslEvent e, String incomingLine) { intake.onEsl(e, incomingLine); }
    /** A text message to the station's number: stored, then heard by the program. */
    public void onSms(String from, String text) { intake.onSms(from, text); }
    /** The router could not hand this station {@code count} events: its queue was full. */
    public void missedEvents(long count) { intake.missedEvents(count); }
    /** The switch's late answer to an originate of ours ({@code BACKGROUND_JOB}). */
    public void onLateJob(String uuid, String body) { dialler.onLateJob(uuid, body); }
    /** Calls that died with the switch reach the program as the hang-ups FreeSWITCH would have sent, with {@code cause}. */
    public void callsLost(Collection<String> ids, String cause) { intake.callsLost(ids, cause); }

    /** The ids of the calls this station holds that have not ended (a snapshot: safe from any thread). */
    public Set<String> liveCallIds() { return calls.liveIds(); }

    /** The originates whose outcome the link lost since the last call, forgotten as they are handed over. */
    public Set<String> takeUncertainOriginates() { return dialler.takeUncertain(); }

    /**
     * The host's word on the switch: away (shutting down, or the link is lost) or back. Recorded
     * as an input, so a replay makes the same transmitter decisions. Back: a transmitter waiting
     * for the switch is dialled at once.
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

    /** A message, timer, SMS or operator input: delivered to the program on this thread. */
    public boolean deliver(Event event) { return slot.deliver(event); }

    private final Apology apology = new Apology();

    /** The media file a caller the program cannot take hears before the station hangs up (see {@link Apology}). */
    public void apology(String file) { apology.file(file); }

    /** Plays the apology to a listener's call and hangs it up (see {@link Apology}). Station thread. */
    void apologise(CallLeg leg, String why) { apology.apologise(leg, why, this::log); }

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

    // ---- helpers for verbs, conferences and the transmitter ------------------------------------

    CallLeg originateLeg(String dial, Map<String, Object> options, String role) {
        return dialler.originateLeg(dial, options, role);
    }

    void api(String command, String what) {
        link.api(command).whenComplete((r, e) -> {
            if (e != null || r.isError()) {
                String why = e != null ? e.getMessage() : r.text();
                onStation(() -> failed(what, why));
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

    /** A command the switch refused: the program's error, unless the switch is away. */
    void failed(String what, String why) {
        if (switchAway) {
            log("warn", what + " not done while the switch is away: " + why);   // the switch's trouble, not the program's
            return;
        }
        slot.lastError(what + ": " + why);
        services.listener().programError(config.id(), programName(), new ProgramError(state(), what, why, null));
    }

    /** Every transmitter number failed: other hosts and consoles hear it on the bus, operators by SMS. */
    void transmitterUnreachable(String cause) {
        services.bus().publish("station/" + config.id() + "/transmitter-unreachable", Map.of("station", config.id(), "cause", String.valueOf(cause)));
        for (String operator : config.operators()) {
            try {
                api.getSms().send(operator, config.name() + ": the transmitter cannot be reached (" + cause + ") after all "
                        + config.transmitters().size() + " number(s).");
            } catch (RuntimeException e) {
                log("error", "could not text operator " + operator + ": " + e.getMessage());
            }
        }
    }

    public void log(String level, String message) {
        services.listener().log(config.id(), programName(), state(), level, message);
    }
}
