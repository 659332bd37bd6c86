package org.stationd.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.stationd.api.ProgramError;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.esl.sim.SimSwitch;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.host.StationHost;
import org.stationd.host.SwitchConnection;
import org.stationd.media.Wav;
import org.stationd.script.ProgramEngines;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.embedded.SwitchSpec;
import org.stationd.esl.sim.dialplan.DialplanLoader;
import org.stationd.station.Lockstep;
import org.stationd.station.Router;
import org.stationd.station.StationContext;
import org.stationd.station.StationListener;
import org.stationd.station.StationTap;

/**
 * A show on a test bench: real stations on the embedded simulated switch over TCP, real engines
 * and storage, in a folder of its own. Tests script the outside world — listeners who call,
 * press keys, hang up and text — and check what aired, in which order, and what was stored.
 *
 * <pre>{@code
 * try (Show show = Show.in(dir).program(Show.programFile("voiceboard.groovy"))
 *         .station("gulu", s -> s.program("voiceboard.groovy").transmitter("user/3001").line("ivr", "7009"))
 *         .start()) {
 *     show.listener("256700000001").calls(show.line("gulu", "ivr")).presses("2").waits(Duration.ofSeconds(2)).presses("7#");
 *     show.await("saved", () -> show.logged("gulu", "saved a greeting"));
 * }
 * }</pre>
 *
 * <p>In a JUnit test, {@link ProgramTest} / {@link ShowExtension} give a bench as a parameter and
 * close its shows afterwards; {@link #replay} replays what a station recorded.
 */
public final class Show implements AutoCloseable {
    private final Path dir;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> records = new CopyOnWriteArrayList<>();
    private final List<ProgramError> errors = new CopyOnWriteArrayList<>();
    private ProgramEngines engines;
    private SwitchConnection link;
    private final Instant virtualStart;
    private Lockstep lockstep;
    private Phones phones;
    private StationHost host;
    private boolean closed;
    /** Listeners are loopback calls over the simulator's Event Socket, as on a real switch ({@link Builder#bundledDialplan}). */
    private final boolean phonesOverEsl;
    private final SwitchWatcher beforeStations;
    private boolean stationsStopped;

    /** Something that watches the switch the stations use (see {@link Builder#beforeStations}). */
    @FunctionalInterface
    public interface SwitchWatcher {
        void switchUp(EslClientOptions eventSocket) throws Exception;
    }

    private Show(Path dir, Instant virtualStart, boolean phonesOverEsl, SwitchWatcher beforeStations) {
        this.beforeStations = beforeStations;
        this.dir = dir;
        this.virtualStart = virtualStart;
        this.phonesOverEsl = phonesOverEsl;
    }

    public static Builder in(Path dir) throws IOException {
        return new Builder(dir);
    }

    /**
     * Runs a folder's own {@code stations.yaml} as it stands (a copy of the shipped one, say: its
     * sim.yaml, programs and media where it says) on the simulated switch, on a virtual clock that
     * starts at {@code virtualStart}: a day of its schedule takes a moment.
     */
    public static Show configured(Path dir, Instant virtualStart) throws Exception {
        Show show = new Show(dir, virtualStart, false, null);
        try {
            show.open();
        } catch (Exception | Error e) {
            show.close();
            throw e;
        }
        return show;
    }

    /**
     * The stationd checkout: the {@code stationd.home} system property (the launcher and the
     * build set it), else the nearest folder at or above the working folder with {@code programs/}
     * and {@code stations.yaml}.
     */
    public static Path home() {
        String prop = System.getProperty("stationd.home");
        if (prop != null && !prop.isBlank()) return Path.of(prop).toAbsolutePath().normalize();
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("programs")) && Files.isRegularFile(p.resolve("stations.yaml"))) return p;
        }
        throw new IllegalStateException("cannot find the stationd folder: set -Dstationd.home=… or run from inside it");
    }

    /** A shipped program: {@code Show.programFile("playlist.groovy")} is {@code <home>/programs/playlist.groovy}. */
    public static Path programFile(String file) {
        return home().resolve("programs").resolve(file);
    }

    /** Sets up the bench: programs, media, the switch's phones, the stations. */
    public static final class Builder {
        private final Path dir;
        private final StringBuilder stations = new StringBuilder();
        private final Map<String, String> users = new LinkedHashMap<>();
        final List<Show> started = new CopyOnWriteArrayList<>();
        private Instant virtualStart;
        private String switchUrl;
        private boolean bundledDialplan;
        private SwitchWatcher beforeStations;
        private String topLevel = "";

        Builder(Path dir) throws IOException {
            this.dir = dir;
            Files.createDirectories(dir.resolve("programs/media"));
            for (String user : List.of("3001", "3002", "3003", "3004", "3005")) {
                users.put(user, "{ answer_after_ms: 100 }");
            }
        }

        /**
         * Runs the show on a virtual clock that starts now: the switch and the stations move
         * together, time passes only when the test waits, and an hour of show (a 30 s hang-up, a
         * wrap-up, a whole schedule slot) takes a moment.
         */
        public Builder virtualTime() {
            return virtualTime(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }

        /** The same, starting at {@code start} (e.g. just before a scheduled show). */
        public Builder virtualTime(Instant start) {
            if (switchUrl != null) throw new IllegalStateException("a real switch runs on real time, not a virtual clock");
            if (bundledDialplan) throw new IllegalStateException("the bundled dialplan's listeners call over the Event Socket, on real time");
            this.virtualStart = start;
            return this;
        }

        /**
         * Runs the show on a real FreeSWITCH ({@code esl://127.0.0.1:8021}, password ClueCon) with
         * the {@code stations} dialplan context of {@code shared/freeswitch}: transmitters are
         * {@code loopback/tx<N>/stations}, listeners call {@code loopback/<line>/stations}.
         */
        public Builder realSwitch(String eslUrl) {
            if (virtualStart != null) throw new IllegalStateException("a real switch runs on real time, not a virtual clock");
            if (bundledDialplan) throw new IllegalStateException("the bundled dialplan is for the simulator; a real switch has its own");
            this.switchUrl = eslUrl;
            return this;
        }

        /**
         * Runs the show on the simulator with the bundled FreeSWITCH's {@code stations} context
         * ({@link DialplanLoader#BUNDLED_STATIONS_RESOURCE}, as {@code Dialplan.bundledStations()}):
         * transmitters are {@code loopback/tx<N>/stations} and listeners loopback calls placed over
         * the Event Socket, exactly as on {@link #realSwitch} — the same session on both switches.
         */
        public Builder bundledDialplan() {
            if (switchUrl != null) throw new IllegalStateException("the bundled dialplan is for the simulator; a real switch has its own");
            if (virtualStart != null) throw new IllegalStateException("the bundled dialplan's listeners call over the Event Socket, on real time");
            this.bundledDialplan = true;
            return this;
        }

        /**
         * Called once the switch is up and before any station starts, with how to reach its Event
         * Socket: a test connects its own observer there and misses nothing the stations do.
         */
        public Builder beforeStations(SwitchWatcher watcher) {
            this.beforeStations = watcher;
            return this;
        }

        /** Copies a program file (e.g. one of programs/) onto the bench. */
        public Builder program(Path file) throws IOException {
            Files.copy(file, dir.resolve("programs").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            return this;
        }

        public Builder program(String name, String text) throws IOException {
            Files.writeString(dir.resolve("programs").resolve(name), text);
            return this;
        }

        /** A media file of the given length (a tone: only its length matters to the switch). */
        public Builder media(String name, double seconds) throws IOException {
            Wav.write(dir.resolve("programs/media").resolve(name), Wav.melody(seconds, new int[] {440, 550}), Wav.RATE);
            return this;
        }

        /** A phone the switch can reach as {@code user/<id>}, in sim.yaml's words: {@code busy}, {@code { answer_after_ms: 500, hangup_after_s: 3 }}. */
        public Builder phone(String id, String behaviour) {
            users.put(id, behaviour);
            return this;
        }

        /** Top-level {@code stations.yaml} keys put before {@code stations:} (e.g. {@code database:} and {@code cluster:}). */
        public Builder config(String yaml) {
            topLevel += yaml.endsWith("\n") ? yaml : yaml + "\n";
            return this;
        }

        public Builder station(String id, java.util.function.Consumer<StationSpec> spec) {
            StationSpec s = new StationSpec(id);
            spec.accept(s);
            stations.append(s.yaml());
            return this;
        }

        public Show start() throws Exception {
            if (bundledDialplan) {
                try (var in = DialplanLoader.class.getResourceAsStream(DialplanLoader.BUNDLED_STATIONS_RESOURCE)) {
                    Files.write(dir.resolve("sim.yaml"), in.readAllBytes());
                }
            } else {
                StringBuilder sim = new StringBuilder("switch: { incoming_context: stations }\ncontexts:\n  stations:\n    \"^(\\\\d+)$\": { behaviour: park }\nusers:\n");
                users.forEach((u, b) -> sim.append("  \"").append(u).append("\": ").append(b).append('\n'));
                sim.append("gateways:\n  pstn:\n    default: { answer_after_ms: 100 }\n");
                Files.writeString(dir.resolve("sim.yaml"), sim.toString());
            }
            Files.writeString(dir.resolve("stations.yaml"), "switch: " + (switchUrl == null ? "sim" : switchUrl) + "\nsim: sim.yaml\nprograms: programs\nmedia: programs/media\ndata: data\n"
                    + "control:\n  control: tcp://127.0.0.1:*\n  publish: tcp://127.0.0.1:*\n"
                    + topLevel + "stations:\n" + stations);
            Show show = new Show(dir, virtualStart, bundledDialplan, beforeStations);
            started.add(show);
            try {
                show.open();
            } catch (Exception | Error e) {
                show.close();
                throw e;
            }
            return show;
        }

        /** The bench's folder: stations.yaml, programs/, programs/media/, data/ (with the event log). */
        public Path dir() {
            return dir;
        }

        /** Closes every show this bench started (ShowExtension does it after each test). */
        void closeStarted() throws Exception {
            Exception first = null;
            for (Show s : started) {
                try {
                    s.close();
                } catch (Exception e) {
                    if (first == null) first = e; else first.addSuppressed(e);
                }
            }
            if (first != null) throw first;
        }
    }

    /** One station on the bench. */
    public static final class StationSpec {
        private final String id;
        private String program;
        private final List<String> transmitters = new ArrayList<>();
        private final Map<String, String> lines = new LinkedHashMap<>();
        private String sms;
        private String settings = "{}";
        private String group;
        private final List<String> operators = new ArrayList<>();
        private final List<String> schedule = new ArrayList<>();

        StationSpec(String id) {
            this.id = id;
        }

        public StationSpec program(String file) { program = file; return this; }
        public StationSpec transmitter(String... dialStrings) { transmitters.addAll(List.of(dialStrings)); return this; }
        public StationSpec line(String name, String number) { lines.put(name, number); return this; }
        public StationSpec sms(String number) { sms = number; return this; }
        /** Operators texted when the transmitter cannot be reached. */
        public StationSpec operators(String... numbers) { operators.addAll(List.of(numbers)); return this; }
        /** Settings in YAML flow style: {@code "{ series: [a.wav, b.wav], mode: queue }"}. */
        public StationSpec settings(String yamlFlow) { settings = yamlFlow; return this; }
        /** A schedule entry in YAML flow style: {@code "{ program: news.groovy, start: 2026-11-22T08:00, duration: 1h, rrule: FREQ=DAILY }"}. */
        public StationSpec show(String yamlFlow) { schedule.add(yamlFlow); return this; }
        /** The group whose stations' programs share topics and leases (stations.yaml's {@code group:}). */
        public StationSpec group(String name) { group = name; return this; }

        String yaml() {
            StringBuilder y = new StringBuilder("  - id: " + id + "\n    timezone: Africa/Kampala\n    program: " + program + "\n");
            if (!transmitters.isEmpty()) {
                y.append("    transmitter:\n");
                transmitters.forEach(t -> y.append("      - sip: ").append(t).append('\n'));
            }
            if (!lines.isEmpty()) {
                y.append("    lines:\n");
                lines.forEach((n, num) -> y.append("      ").append(n).append(": \"").append(num).append("\"\n"));
            }
            if (sms != null) y.append("    sms: \"").append(sms).append("\"\n");
            if (group != null) y.append("    group: ").append(group).append('\n');
            y.append("    gateways: { pstn: { dial: \"sofia/gateway/pstn/\" } }\n");
            if (!operators.isEmpty()) y.append("    operators: [").append(String.join(", ", operators.stream().map(o -> "\"" + o + "\"").toList())).append("]\n");
            y.append("    settings: ").append(settings).append('\n');
            if (!schedule.isEmpty()) {
                y.append("    schedule:\n");
                schedule.forEach(e -> y.append("      - ").append(e).append('\n'));
            }
            return y.toString();
        }
    }

    private void open() throws Exception {
        HostConfig config = ConfigLoader.load(dir.resolve("stations.yaml"));
        ZoneId zone = config.stations().get(0).timezone();
        if (virtualStart != null) {
            lockstep = Lockstep.start(virtualStart, SwitchSpec.defaults().withPassword(config.switchConfig().password())
                    .withDialplan(config.simDialplan()).withZone(zone));
        } else {
            link = SwitchConnection.open(config.switchConfig(), config.simDialplan(), zone);
        }
        if (link != null && link.sim() == null) {
            phones = new SwitchPhones(config.switchConfig().host(), config.switchConfig().port(), config.switchConfig().password());
        } else if (phonesOverEsl) {
            phones = new SwitchPhones("127.0.0.1", link.sim().port(), config.switchConfig().password());
        } else {
            phones = new SimPhones(this::sim);
        }
        if (beforeStations != null) {
            String password = config.switchConfig().password();
            beforeStations.switchUp(link != null && link.sim() == null
                    ? EslClientOptions.of(config.switchConfig().host(), config.switchConfig().port(), password)
                    : EslClientOptions.of("127.0.0.1", sim().port(), password));
        }
        engines = new ProgramEngines();
        StationListener recorder = new StationListener() {
            @Override public void stateChanged(String st, String p, String from, String to) { lines.add(st + " state " + to); }
            @Override public void callEvent(String st, String c, String what) { lines.add(st + " call " + what); }
            @Override public void programError(String st, String p, ProgramError e) { errors.add(e); lines.add(st + " error " + e.message()); }
            @Override public void log(String st, String p, String state, String level, String message) { lines.add(st + " log " + message); }
            @Override public void programLoaded(String st, String p, String v) { lines.add(st + " loaded " + p); }
        };
        StationTap tap = (st, v, state, d, kind, fields) -> {
            Map<String, Object> r = new LinkedHashMap<>(fields);
            r.put("st", st);
            r.put("dir", d);
            r.put("k", kind);
            r.put("state", state);
            records.add(r);
            if (lockstep != null) lockstep.activity();
        };
        if (lockstep == null) {
            host = new StationHost(config, new ScriptProgramLoader(engines), link.client(), null, List.of(recorder), tap);
            return;
        }
        host = new StationHost(config, new ScriptProgramLoader(engines), lockstep.client(), null, List.of(recorder), tap, lockstep.stationClock());
        lockstep.attach(host::stations);
        lockstep.settle();
    }

    // ---- the outside world ------------------------------------------------------------------

    /** Someone with a phone number: they call, press keys, hang up, text. */
    public Listener listener(String number) {
        return new Listener(this, number);
    }

    /**
     * The phone a station called, once it has answered: a talk show's host ({@code user/3009}), a
     * guest. The returned listener presses keys and hangs up on that call:
     * {@code show.answered("kla", "user/3009").presses("1")}.
     */
    public Listener answered(String station, String dialled) throws InterruptedException {
        String[] id = new String[1];
        await(station + " has called " + dialled + " and it answered", () -> {
            for (org.stationd.api.Call c : station(station).station().getCalls()) {
                if (dialled.equals(c.getTo())) {
                    id[0] = phones.answeredFarEnd(c.getId());
                    if (id[0] != null) return true;
                }
            }
            return false;
        });
        return new Listener(this, dialled, id[0]);
    }

    /** The embedded simulated switch (null when the show runs on a real FreeSWITCH). */
    public SimSwitch sim() {
        return (SimSwitch) (lockstep != null ? lockstep.sim() : link.sim());   // switch: sim is the simulator's provider
    }

    Phones phones() {
        return phones;
    }

    /** The switch ends a call as if its line dropped ({@code uuid_kill} on a real switch). */
    public void drop(String callId) {
        phones.hangup(callId, "NORMAL_CLEARING");
    }

    /** The show's time: the virtual clock's, or the wall clock's. */
    public Instant now() {
        return lockstep != null ? lockstep.now() : Instant.now();
    }

    /** Lets show time pass: on a virtual clock at once (every timer on the way fires), else by sleeping. */
    public void pass(Duration d) throws InterruptedException {
        if (lockstep != null) {
            lockstep.advance(d);
        } else {
            Thread.sleep(d.toMillis());
        }
    }

    /** On a virtual clock: lets the switch and the stations finish what a listener just did. */
    void settle() {
        if (lockstep == null) return;
        try {
            lockstep.settle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public StationContext station(String id) {
        StationContext s = host.station(id);
        if (s == null) throw new IllegalArgumentException("no station '" + id + "' on this bench");
        return s;
    }

    /** A station line's number, as listeners dial it: {@code show.listener("+256700000001").calls(show.line("kla", "call-in"))}. */
    public String line(String station, String line) {
        String number = station(station).config().primaryLines().get(line);
        if (number == null) {
            throw new IllegalArgumentException("station '" + station + "' has no line '" + line + "' (it has " + station(station).config().primaryLines().keySet() + ")");
        }
        return number;
    }

    /** The bench's folder. */
    public Path dir() {
        return dir;
    }

    /** Where a station's event log is written (complete once the show is closed). */
    public Path eventLog(String station) {
        return dir.resolve("data/eventlog").resolve(station);
    }

    /**
     * A strict replay of what a station recorded on this bench (close the show first, so the log
     * is complete): {@code show.replay("gulu").program(changed).strict()}.
     */
    public Replay replay(String station) {
        return Replay.of(eventLog(station)).config(dir.resolve("stations.yaml")).station(station);
    }

    public StationHost host() {
        return host;
    }

    /** A text message to a station's number, as FreeSWITCH's mod_sms delivers it. */
    public void text(String from, String to, String body) {
        if (lockstep != null) {
            lockstep.text(from, to, body);
        } else {
            link.client().sendevent("MESSAGE", Router.textHeaders(from, to), body).join();
        }
    }

    // ---- what happened ------------------------------------------------------------------------

    /** What a station put on air, in order: files played on calls and into conferences, and speech. */
    public List<String> aired(String station) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : records) {
            if (!station.equals(r.get("st")) || !"out".equals(r.get("dir"))) continue;
            String what = org.stationd.station.Aired.of(String.valueOf(r.get("k")), r);
            if (what != null) out.add(what);
        }
        return out;
    }

    /** A value the station's program stored ({@code station.store}), or null. */
    public Object stored(String station, String key) {
        return station(station).station().getStore().get(key);
    }

    /**
     * Every command a station sent, in order, as the event log and replays write them:
     * {@code api conference kla play …}, {@code bgapi originate …}, {@code sendmsg <uuid> {execute-app-name=playback, …}}.
     */
    public List<String> commands(String station) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : records) {
            if (!station.equals(r.get("st")) || !"out".equals(r.get("dir"))) continue;
            out.add("sendmsg".equals(r.get("k")) ? "sendmsg " + r.get("uuid") + " " + r.get("headers") : r.get("k") + " " + r.get("cmd"));
        }
        return out;
    }

    /** The API commands a station sent, e.g. {@code chat sms|…} or {@code conference … play …}. */
    public List<String> apiCommands(String station) {
        return records.stream().filter(r -> station.equals(r.get("st")) && "out".equals(r.get("dir")) && "api".equals(r.get("k")))
                .map(r -> String.valueOf(r.get("cmd"))).toList();
    }

    /** What the switch answered a station's API command, in order: {@code +OK seek to position 24000}. */
    public List<String> replies(String station, String commandPart) {
        return records.stream().filter(r -> station.equals(r.get("st")) && "in".equals(r.get("dir")) && "reply".equals(r.get("k"))
                        && String.valueOf(r.get("cmd")).contains(commandPart))
                .map(r -> String.valueOf(r.get("body")).trim()).toList();
    }

    /**
     * What a station's schedule did, in order, as its event log records it: {@code start
     * playlist.groovy (entry 1)} when a show comes on, {@code end talkshow.js (entry 2): cut} when it goes.
     */
    public List<String> scheduled(String station) {
        return records.stream().filter(r -> station.equals(r.get("st")) && "sched".equals(r.get("k")) && r.get("program") != null)
                .map(r -> r.get("event") + " " + r.get("program") + " (entry " + r.get("entry") + ")" + (r.get("status") == null ? "" : ": " + r.get("status")))
                .toList();
    }

    /** Every line the stations reported: {@code <station> state|call|log|error|loaded …}. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    public List<ProgramError> errors() {
        return List.copyOf(errors);
    }

    public boolean logged(String station, String text) {
        return lines.stream().anyMatch(l -> l.startsWith(station + " log ") && l.contains(text));
    }

    public boolean entered(String station, String state) {
        return lines.contains(station + " state " + state);
    }

    /**
     * Waits until {@code condition} holds: on a virtual clock by running the show forward, timer by
     * timer, for up to 6 hours of show time; on real time (the switch plays real seconds) up to 30 s.
     */
    public void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, Duration.ofSeconds(30), condition);
    }

    /** The same with more patience on real time (a real switch restarting); a virtual clock ignores it. */
    public void await(String what, Duration realPatience, BooleanSupplier condition) throws InterruptedException {
        if (lockstep != null) {
            if (!lockstep.runUntil(condition, VIRTUAL_PATIENCE)) {
                throw new AssertionError("ran the show " + VIRTUAL_PATIENCE.toHours() + " h (to " + lockstep.now() + ") waiting for: " + what
                        + "\nthe stations said:\n  " + String.join("\n  ", lines));
            }
            return;
        }
        long end = System.nanoTime() + realPatience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + realPatience.toSeconds() + " s for: " + what + "\nthe stations said:\n  " + String.join("\n  ", lines));
            }
            Thread.sleep(20);
        }
    }

    public void awaitState(String station, String state) throws InterruptedException {
        await(station + " enters " + state, () -> entered(station, state));
    }

    private static final Duration VIRTUAL_PATIENCE = Duration.ofHours(6);

    static String freeEndpoint() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Stops the stations (their teardown runs and their calls are hung up) but keeps the switch and
     * the phones: a test then waits for the switch to end every call before {@link #close}.
     */
    public synchronized void stopStations() throws Exception {
        if (stationsStopped) return;
        stationsStopped = true;
        if (host != null) host.close();
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) return;
        closed = true;
        stopStations();
        if (phones != null) phones.close();
        if (link != null) link.close();
        if (lockstep != null) lockstep.close();
        if (engines != null) engines.close();
    }
}
