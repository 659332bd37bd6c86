package org.stationd.eventlog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.config.StationConfig;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.embedded.EmbeddedSwitch;
import org.stationd.esl.embedded.SwitchSpec;
import org.stationd.station.Lockstep;
import org.stationd.station.MemorySms;
import org.stationd.station.MemoryStore;
import org.stationd.station.ProgramFactory;
import org.stationd.station.Router;
import org.stationd.station.StationContext;
import org.stationd.station.StationListener;
import org.stationd.station.StationServices;
import org.stationd.station.VirtualScheduler;
import org.stationd.switchlink.EslSwitchLink;

/**
 * Stimulus replay: the recorded listeners call, press keys, hang up and text again, at the
 * recorded moments, and the simulated switch (over real ESL) answers whatever the program — the
 * recorded one or a changed one — now does. The switch and the station share one virtual clock,
 * and each step waits until both are quiet, so a replay is the same on every run.
 */
public final class StimulusReplay {
    private final StationConfig config;
    private final ProgramFactory program;
    private final Path mediaDir;
    private final Path recordingsDir;
    private final Path simDialplan;
    private long seed = 1;
    private ReplaySpeed speed = ReplaySpeed.MAX;

    /** {@code simDialplan}: the phones the switch has (the transmitter must answer), or null for the built-in one. */
    public StimulusReplay(StationConfig config, ProgramFactory program, Path mediaDir, Path recordingsDir, Path simDialplan) {
        this.config = config;
        this.program = program;
        this.mediaDir = mediaDir;
        this.recordingsDir = recordingsDir;
        this.simDialplan = simDialplan;
    }

    public StimulusReplay seed(long s) {
        this.seed = s;
        return this;
    }

    public StimulusReplay speed(ReplaySpeed s) {
        this.speed = s;
        return this;
    }

    public ReplayResult run(List<Map<String, Object>> log, Instant until) throws InterruptedException {
        List<Map<String, Object>> records = log.stream().filter(r -> config.id().equals(r.get("st"))).toList();
        if (records.isEmpty()) {
            return new ReplayResult(false, null, 0, 0, List.of(), List.of("the log has no records of station " + config.id()));
        }
        Instant start = Instant.parse((String) records.get(0).get("t"));
        Instant end = Instant.parse((String) records.get(records.size() - 1).get("t"));
        if (until != null && until.isBefore(end)) end = until;
        Instant last = end;
        StimulusCheck check = new StimulusCheck(records.stream().filter(r -> !Instant.parse((String) r.get("t")).isAfter(last)).toList());
        try (World w = new World(start, records, check)) {
            int inputs = 0;
            for (Stimuli.Stimulus s : Stimuli.of(records)) {
                if (s.at().isAfter(end)) break;
                w.advanceTo(s.at());
                if (w.apply(s)) inputs++;
                w.settle();
            }
            w.advanceTo(end);
            w.settle();
            String failure = check.failure();
            return new ReplayResult(w.errors.isEmpty() && failure == null, null, inputs, (int) w.commands.get(), List.copyOf(w.timeline),
                    List.copyOf(w.errors), failure);
        }
    }

    /** The simulated switch and the station, in lockstep on one virtual clock. */
    private final class World implements AutoCloseable {
        final Lockstep lockstep;
        final EmbeddedSwitch sim;
        final EslClient client;
        final VirtualScheduler stationClock;
        final ExecutorService pool = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("stimulus-" + config.id()).daemon(true).factory());
        final StationContext station;
        final List<String> timeline = Collections.synchronizedList(new ArrayList<>());
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong commands = new AtomicLong();
        final UuidLabels labels = new UuidLabels();
        /** Recorded uuid → the switch's uuid for the same call in this replay. */
        final Map<String, String> calls = new java.util.concurrent.ConcurrentHashMap<>();
        final OriginateMatcher originates;
        final StimulusCheck check;

        World(Instant start, List<Map<String, Object>> records, StimulusCheck check) {
            this.check = check;
            originates = new OriginateMatcher(records);
            // the phones the station called answer (or refuse) on each call as they did, then as on their last call;
            // the recorded listeners' calls park for the station, whatever this switch's dialplan says of their numbers
            Set<String> lines = new LinkedHashSet<>();
            Stimuli.of(records).stream().filter(st -> st.kind() == Stimuli.Kind.CALL).forEach(st -> lines.add(String.valueOf(st.fields().get("to"))));
            SwitchSpec spec = SwitchSpec.defaults().withZone(config.timezone()).withDialplan(simDialplan).withPhones(originates.phones()).withParked(lines);
            lockstep = Lockstep.start(start, spec).realTime(speed == ReplaySpeed.REALTIME);
            sim = lockstep.sim();
            client = lockstep.client();
            stationClock = lockstep.stationClock();
            Router router = new Router();
            client.intake(router);
            MemoryStore store = Replays.storeAtLoad(records, mediaDir, recordingsDir);
            StationListener errorLines = Replays.errorsInto(errors, stationClock::now);
            StationListener listener = new StationListener() {
                @Override
                public void programError(String st, String p, org.stationd.api.ProgramError e) {
                    errorLines.programError(st, p, e);
                }

                @Override
                public void stateChanged(String st, String p, String from, String to) {
                    check.in(null, to);
                }
            };
            StationServices services = StationServices.builder(new EslSwitchLink(client), stationClock, pool).listener(listener)
                    .files(mediaDir, recordingsDir).stores(k -> store).sms(k -> new MemorySms(k, config.sms(), stationClock::now, this::switchApi))
                    .leases(RecordedLeases.of(records, stationClock::now)).owners(router).tap(this::tap).ids(StationServices.seededIds(seed)).build();
            station = new StationContext(config, services);
            router.add(station);
            lockstep.attach(() -> List.of(station));
        }

        private void switchApi(String command) {
            station.switchApi(command);
        }

        /** Every input and command of the station: the timeline, and the pairing of the calls it places. */
        private void tap(String st, String pv, String state, String dir, String kind, Map<String, Object> fields) {
            lockstep.activity();
            check.in(pv, state);
            if ("job".equals(kind) && !Boolean.TRUE.equals(fields.get("late")) && String.valueOf(fields.get("body")).strip().startsWith("-ERR")) {
                String uuid = OriginateMatcher.originationUuid(String.valueOf(fields.get("cmd")));
                if (uuid != null) check.callFailed(uuid, String.valueOf(fields.get("body")).strip().substring(4).strip(), originates);
            }
            if ("out".equals(dir)) {
                commands.incrementAndGet();
                String text = ReplayLink.text(kind, fields);
                if ("bgapi".equals(kind)) originates.placed(text, calls);
                timeline.add(stationClock.now() + "  " + st + "  " + state + "  → " + labels.label(text));
            } else if ("esl".equals(kind) || "job".equals(kind)) {
                timeline.add(stationClock.now() + "  " + st + "  " + state + "  ← " + labels.label(StrictReplay.describe(withKind(kind, fields))));
            }
        }

        private Map<String, Object> withKind(String kind, Map<String, Object> fields) {
            Map<String, Object> m = new LinkedHashMap<>(fields);
            m.put("k", kind);
            return m;
        }

        /** Does what the world did; false when it no longer applies (the call it concerns is not there). */
        boolean apply(Stimuli.Stimulus s) throws InterruptedException {
            String at = s.at() + "  " + config.id() + "  " + station.state() + "  ";
            switch (s.kind()) {
                case LOAD -> {
                    Map<String, Object> settings = Replays.settings(s.fields(), config);
                    timeline.add(at + "● " + program.name() + " goes on air");
                    onStation(() -> station.load(program, settings));
                }
                case RELOAD -> {   // the calls stay up and the program goes on where it was
                    timeline.add(at + "● " + program.name() + " reloaded live");
                    onStation(() -> station.reload(program));
                }
                case UNLOAD -> {
                    timeline.add(at + "● the show ends");
                    onStation(station::unload);
                }
                case CALL -> {
                    String from = String.valueOf(s.fields().get("from"));
                    String to = String.valueOf(s.fields().get("to"));
                    timeline.add(at + "● " + from + " calls " + to);
                    calls.put(s.call(), sim.placeCall(from, to, s.call()));   // under its recorded uuid: names made from it stay the same
                }
                case DTMF -> {
                    String uuid = live(s);
                    if (uuid == null) return skipped(at, "presses " + s.fields().get("digit"), s);
                    timeline.add(at + "● " + labels.label(uuid) + " presses " + s.fields().get("digit"));
                    sim.pressDigits(uuid, String.valueOf(s.fields().get("digit")));
                }
                case HANGUP -> {
                    String uuid = live(s);
                    if (uuid == null) return skipped(at, "hangs up", s);
                    timeline.add(at + "● " + labels.label(uuid) + " hangs up (" + s.fields().get("cause") + ")");
                    sim.hangup(uuid, String.valueOf(s.fields().get("cause")));
                }
                case SMS -> {
                    String from = String.valueOf(s.fields().get("from"));
                    String to = config.sms() == null ? "" : config.sms();
                    timeline.add(at + "● text from " + from);
                    lockstep.text(from, to, String.valueOf(s.fields().get("text")));
                }
                case MESSAGE -> {
                    timeline.add(at + "● message " + s.fields().get("topic"));
                    onStation(() -> station.deliver(Event.of(EventKind.MESSAGE).topic((String) s.fields().get("topic")).data(s.fields().get("data")).build()));
                }
                case WRAP_UP -> {
                    double seconds = ((Number) s.fields().getOrDefault("seconds", 30)).doubleValue();
                    timeline.add(at + "● wrap-up warning");
                    onStation(() -> station.deliver(Event.of(EventKind.WRAP_UP).seconds(seconds).build()));
                }
            }
            return true;
        }

        private boolean skipped(String at, String what, Stimuli.Stimulus s) {
            timeline.add(at + "○ (" + what + " skipped: the call " + s.call() + " is not up in this replay)");
            return false;
        }

        /** The switch's uuid of a recorded call, if that call is up now. */
        private String live(Stimuli.Stimulus s) {
            String uuid = calls.get(s.call());
            return uuid != null && sim.hasCall(uuid) ? uuid : null;
        }

        void advanceTo(Instant t) throws InterruptedException {
            lockstep.advanceTo(t);
        }

        void settle() throws InterruptedException {
            lockstep.settle();
        }

        private void onStation(Runnable task) throws InterruptedException {
            lockstep.on(station, task);
        }

        @Override
        public void close() {
            try {
                lockstep.on(station, station::unload);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                pool.shutdownNow();
                lockstep.close();
            }
        }
    }
}
