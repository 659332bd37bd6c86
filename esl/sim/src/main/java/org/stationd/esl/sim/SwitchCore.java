package org.stationd.esl.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.sim.api.ApiCommand;
import org.stationd.esl.sim.api.ApiCommands;
import org.stationd.esl.sim.api.ApiRequest;
import org.stationd.esl.sim.api.DefaultApis;
import org.stationd.esl.sim.app.Applications;
import org.stationd.esl.sim.app.DefaultApplications;
import org.stationd.esl.sim.channel.Bridges;
import org.stationd.esl.sim.channel.Channels;
import org.stationd.esl.sim.clock.SimClock;
import org.stationd.esl.sim.clock.SimTimer;
import org.stationd.esl.sim.conference.Conferences;
import org.stationd.esl.sim.dialplan.Dialplan;
import org.stationd.esl.sim.event.EventBuilder;
import org.stationd.esl.sim.event.Events;
import org.stationd.esl.sim.event.Identity;
import org.stationd.esl.sim.event.Sites;
import org.stationd.esl.sim.media.SoundResolver;
import org.stationd.esl.sim.originate.Originator;
import org.stationd.esl.sim.socket.SimServer;

/**
 * The simulated FreeSWITCH core: one of everything (clock, events, channels, conferences,
 * dialplan, api commands, applications, the socket server) and the few things only the core does
 * (api dispatch with its API event, HEARTBEAT, session counters). Internal: programs use
 * {@link SimSwitch}. Everything here runs on the switch thread.
 */
public final class SwitchCore {
    private static final Logger log = LoggerFactory.getLogger(SwitchCore.class);

    public static final String VERSION = "1.10.12-release+git~20240802T210227Z~a88d069d6f~64bit";
    public static final String VERSION_LINE = "FreeSWITCH Version " + VERSION + " (git a88d069 2024-08-02 21:02:27Z 64bit)";
    public static final String READY_LINE = "FreeSWITCH (Version 1.10.12-release git a88d069 2024-08-02 21:02:27Z 64bit) is ready";

    private final SimOptions options;
    private final SimClock clock;
    private final Dialplan dialplan;
    private final Events events;
    private final Channels channels = new Channels();
    private final Bridges bridges = new Bridges(this);
    private final Conferences conferences;
    private final Applications applications = new Applications();
    private final ApiCommands apis = new ApiCommands();
    private final SoundResolver sounds = new SoundResolver();
    private final Originator originator;
    private final SimServer server;
    private final Map<String, String> globals = new LinkedHashMap<>();
    private final Deque<Long> sessionStarts = new ArrayDeque<>();
    private long startMicros;
    private int nextSessionId = 1;
    private int spsPeak;
    private int spsPeakFiveMin;
    private boolean up;
    private SimTimer heartbeat;
    private java.util.function.Consumer<Boolean> shutdownHook = restart -> {};
    private SimTimer checkIp;
    /** Phones told how to behave on their next calls (a replay), by endpoint: {@code user/3001}, {@code sofia/gateway/pstn/555}. */
    private final Map<String, Deque<org.stationd.esl.sim.dialplan.PhoneBehaviour>> scripted = new java.util.concurrent.ConcurrentHashMap<>();

    SwitchCore(SimOptions options) {
        this.options = options;
        this.clock = options.clock().get();
        this.dialplan = options.dialplan().get();
        Identity id = Identity.of(dialplan.setting("hostname", "vm"), dialplan.setting("ipv4", "192.0.2.2"),
                dialplan.setting("ipv6", "fd00::2"), options.zone());
        this.events = new Events(clock, id, options.firstEventSequence());
        dialplan.sounds().forEach(sounds::map);
        options.sounds().forEach(sounds::map);
        globals.put("local_ip_v4", dialplan.setting("local_ip_v4", "127.0.0.1"));
        globals.put("domain", dialplan.setting("domain", "127.0.0.1"));
        globals.put("hostname", id.hostname());
        globals.put("switchname", id.switchname());
        globals.put("core_uuid", id.coreUuid());
        this.conferences = new Conferences(this);
        this.originator = new Originator(this);
        DefaultApplications.register(applications);
        DefaultApis.register(apis);
        this.server = new SimServer(this);
    }

    // ---- parts -------------------------------------------------------------------------------

    public SimOptions options() {
        return options;
    }

    public SimClock clock() {
        return clock;
    }

    public Events events() {
        return events;
    }

    public Channels channels() {
        return channels;
    }

    public Bridges bridges() {
        return bridges;
    }

    public Conferences conferences() {
        return conferences;
    }

    public Applications applications() {
        return applications;
    }

    public ApiCommands apis() {
        return apis;
    }

    public SoundResolver sounds() {
        return sounds;
    }

    /** The next calls to {@code endpoint} behave like these, in order; then as the dialplan says. */
    public void script(String endpoint, java.util.List<org.stationd.esl.sim.dialplan.PhoneBehaviour> inOrder) {
        scripted.computeIfAbsent(endpoint, k -> new java.util.concurrent.ConcurrentLinkedDeque<>()).addAll(inOrder);
    }

    /** How a call to {@code endpoint} behaves: the next scripted behaviour, else {@code fromDialplan} (may be null). */
    public org.stationd.esl.sim.dialplan.PhoneBehaviour behaviour(String endpoint, org.stationd.esl.sim.dialplan.PhoneBehaviour fromDialplan) {
        Deque<org.stationd.esl.sim.dialplan.PhoneBehaviour> next = scripted.get(endpoint);
        org.stationd.esl.sim.dialplan.PhoneBehaviour b = next == null ? null : next.pollFirst();
        return b != null ? b : fromDialplan;
    }

    public Dialplan dialplan() {
        return dialplan;
    }

    public Originator originator() {
        return originator;
    }

    public SimServer server() {
        return server;
    }

    /** How late what the switch writes reaches its Event Socket clients (a fault: {@code Faults.slowReplies}). */
    private volatile java.time.Duration outputDelay = java.time.Duration.ZERO;

    public java.time.Duration outputDelay() {
        return outputDelay;
    }

    public void outputDelay(java.time.Duration d) {
        outputDelay = d == null || d.isNegative() ? java.time.Duration.ZERO : d;
    }

    public Map<String, String> globals() {
        return globals;
    }

    /** What {@code fsctl shutdown [restart]} does; set by {@link SimSwitch}. */
    public java.util.function.Consumer<Boolean> shutdownHook() {
        return shutdownHook;
    }

    void setShutdownHook(java.util.function.Consumer<Boolean> hook) {
        this.shutdownHook = hook;
    }

    public boolean isUp() {
        return up;
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    void start() throws InterruptedException {
        server.bind(options.host(), options.port());
        clock.run(this::boot);
    }

    /** What a freshly started FreeSWITCH has: uptime from now, heartbeats every 20 s. */
    void boot() {
        up = true;
        startMicros = clock.nowMicros();
        scheduleHeartbeat();
    }

    private void scheduleHeartbeat() {
        long period = options.heartbeat().toMillis();
        if (period <= 0) {
            return;
        }
        heartbeat = clock.scheduleBackground(period, () -> {
            if (up) {
                heartbeat();
                scheduleHeartbeat();
            }
        });
        if (checkIp == null) {
            scheduleCheckIp();
        }
    }

    private void scheduleCheckIp() {
        checkIp = clock.scheduleBackground(60_000, () -> {
            if (up) {
                reSchedule(2, "check_ip", 60);
                scheduleCheckIp();
            } else {
                checkIp = null;
            }
        });
    }

    /** HEARTBEAT then RE_SCHEDULE, as switch_core's heartbeat task does every 20 s. */
    public void heartbeat() {
        long upMicros = clock.nowMicros() - startMicros;
        events.create("HEARTBEAT", Sites.HEARTBEAT)
                .add("Event-Info", "System Ready")
                .add("Up-Time", upTime(upMicros, false))
                .add("FreeSWITCH-Version", VERSION)
                .add("Uptime-msec", upMicros / 1000)
                .add("Session-Count", channels.count())
                .add("Max-Sessions", options.maxSessions())
                .add("Session-Per-Sec", options.sessionsPerSecond() > 0 ? options.sessionsPerSecond() : 30)
                .add("Session-Per-Sec-Last", sessionsLastSecond())
                .add("Session-Per-Sec-Max", spsPeak)
                .add("Session-Per-Sec-FiveMin", spsPeakFiveMin)
                .add("Session-Since-Startup", channels.sinceStartup())
                .add("Session-Peak-Max", channels.peak())
                .add("Session-Peak-FiveMin", channels.peakFiveMin())
                .add("Idle-CPU", "98.000000")
                .fire();
        reSchedule(1, "heartbeat", options.heartbeat().toSeconds());
    }

    private void reSchedule(int id, String desc, long inSeconds) {
        events.create("RE_SCHEDULE", Sites.RE_SCHEDULE)
                .add("Task-ID", id)
                .add("Task-Desc", desc)
                .add("Task-Group", "core")
                .add("Task-Runtime", clock.nowMicros() / 1_000_000 + inSeconds)
                .fire();
    }

    void stopTimers() {
        up = false;
        if (heartbeat != null) {
            heartbeat.cancel();
            heartbeat = null;
        }
        if (checkIp != null) {
            checkIp.cancel();
            checkIp = null;
        }
    }

    /** A restart: new Core-UUID, event numbers from 1 again, no calls, counters reset. */
    void reboot() {
        events.restart(events.identity().restarted(), options.firstEventSequence());
        globals.put("core_uuid", events.identity().coreUuid());
        channels.clear();
        conferences.clear();
        nextSessionId = 1;
        sessionStarts.clear();
        spsPeak = 0;
        spsPeakFiveMin = 0;
        boot();
    }

    void close() {
        stopTimers();
        server.close();
        clock.close();
    }

    // ---- sessions ----------------------------------------------------------------------------

    public int nextSessionId() {
        long now = clock.nowMicros();
        sessionStarts.addLast(now);
        while (!sessionStarts.isEmpty() && sessionStarts.peekFirst() < now - 300_000_000L) {
            sessionStarts.pollFirst();
        }
        int last = sessionsLastSecond();
        spsPeak = Math.max(spsPeak, last);
        spsPeakFiveMin = Math.max(spsPeakFiveMin, last);
        return nextSessionId++;
    }

    /** Sessions started in the last second of switch time. */
    public int sessionsLastSecond() {
        long now = clock.nowMicros();
        int n = 0;
        for (var it = sessionStarts.descendingIterator(); it.hasNext(); ) {
            if (it.next() >= now - 1_000_000L) {
                n++;
            } else {
                break;
            }
        }
        return n;
    }

    public int spsPeak() {
        return spsPeak;
    }

    public int spsPeakFiveMin() {
        return spsPeakFiveMin;
    }

    public long uptimeMicros() {
        return clock.nowMicros() - startMicros;
    }

    /** "0 years, 0 days, 0 hours, 4 minutes, 7 seconds, 188 milliseconds, 13 microseconds" (status adds "UP "). */
    public static String upTime(long micros, boolean singular) {
        long us = micros % 1000;
        long ms = (micros / 1000) % 1000;
        long totalSec = micros / 1_000_000;
        long sec = totalSec % 60;
        long min = (totalSec / 60) % 60;
        long hr = (totalSec / 3600) % 24;
        long days = (totalSec / 86400) % 365;
        long yr = totalSec / (86400L * 365);
        return yr + " year" + s(yr) + ", " + days + " day" + s(days) + ", " + hr + " hour" + s(hr) + ", " + min + " minute" + s(min)
                + ", " + sec + " second" + s(sec) + ", " + ms + " millisecond" + s(ms) + ", " + us + " microsecond" + s(us);
    }

    private static String s(long n) {
        return n == 1 ? "" : "s";
    }

    // ---- api ---------------------------------------------------------------------------------

    /**
     * switch_api_execute: runs an api command. The API event is numbered now and fired when the
     * command has finished, before its caller sees the result (so it precedes the BACKGROUND_JOB).
     */
    public CompletableFuture<String> api(String command, String args, boolean background) {
        String cmd = command == null ? "" : command.trim();
        ApiCommand c = apis.get(cmd);
        if (c == null) {
            return CompletableFuture.completedFuture("-ERR " + cmd + " Command not found!\n");
        }
        EventBuilder apiEvent = events.create("API", Sites.API).add("API-Command", cmd).add("API-Command-Argument", args == null || args.isEmpty() ? null : args);
        CompletableFuture<String> result;
        try {
            result = c.execute(new ApiRequest(this, cmd, args, background));
        } catch (RuntimeException e) {
            log.error("api {} {} failed", cmd, args, e);
            result = CompletableFuture.completedFuture("-ERR " + e.getMessage() + "\n");
        }
        return result.thenApply(body -> {
            apiEvent.fire();
            return body;
        });
    }

    // ---- resources ---------------------------------------------------------------------------

    public static String resource(String name) {
        try (InputStream in = SwitchCore.class.getResourceAsStream("/org/stationd/esl/sim/" + name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
