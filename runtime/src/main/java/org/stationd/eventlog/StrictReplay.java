package org.stationd.eventlog;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.config.StationConfig;
import org.stationd.esl.event.EslEvent;
import org.stationd.station.MemorySms;
import org.stationd.station.MemoryStore;
import org.stationd.station.ProgramFactory;
import org.stationd.station.StationContext;
import org.stationd.station.StationListener;
import org.stationd.station.StationServices;
import org.stationd.station.VirtualScheduler;

/**
 * Strict replay: feeds a station's recorded inputs to a program on a virtual clock and checks that
 * it sends the recorded commands, in order; reports the first divergence. Timers fire on the
 * virtual clock by themselves, so an hour-long show replays in milliseconds.
 */
public final class StrictReplay {
    private final StationConfig config;
    private final ProgramFactory program;
    private final Path mediaDir;
    private final Path recordingsDir;
    /** Recorded times carry the switch's latency; a replay answers at once. Differences below this are not divergences. */
    static final Duration TIME_TOLERANCE = Duration.ofSeconds(1);
    private long seed = 1;
    private ReplaySpeed speed = ReplaySpeed.MAX;

    public StrictReplay(StationConfig config, ProgramFactory program, Path mediaDir, Path recordingsDir) {
        this.config = config;
        this.program = program;
        this.mediaDir = mediaDir;
        this.recordingsDir = recordingsDir;
    }

    /** Seeds the uuids the replayed program makes: the same seed gives the same run, byte for byte. */
    public StrictReplay seed(long s) {
        this.seed = s;
        return this;
    }

    public StrictReplay speed(ReplaySpeed s) {
        this.speed = s;
        return this;
    }

    @SuppressWarnings("unchecked")
    public ReplayResult run(List<Map<String, Object>> log, Instant until) throws InterruptedException {
        List<Map<String, Object>> records = log.stream().filter(r -> config.id().equals(r.get("st"))).toList();
        List<String> timeline = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (records.isEmpty()) {
            return new ReplayResult(false, null, 0, 0, timeline, List.of("the log has no records of station " + config.id()));
        }
        VirtualScheduler clock = new VirtualScheduler(Instant.parse((String) records.get(0).get("t")));
        ExecutorService pool = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("replay-" + config.id()).daemon(true).factory());
        // The replay feeds one input and waits for the station to be idle before the next, so the station
        // may as well run on the replay's own thread: no hand-off to the pool and back per input (most of a
        // replay's time). Only work submitted from elsewhere (a watchdog moving the station off a stuck
        // handler) goes to the pool.
        Thread replayer = Thread.currentThread();
        java.util.concurrent.Executor stationThread = task -> {
            if (Thread.currentThread() == replayer) {
                task.run();
            } else {
                pool.execute(task);
            }
        };
        UuidMap uuids = new UuidMap();
        StationContext[] holder = new StationContext[1];
        boolean replies = records.stream().anyMatch(r -> "reply".equals(r.get("k")));
        ReplayLink link = new ReplayLink(text -> timeline.add(clock.now() + "  " + config.id() + "  " + holder[0].state() + "  → " + text), clock::now, replies);
        StationListener listener = Replays.errorsInto(errors, clock::now);
        MemoryStore store = Replays.storeAtLoad(records, mediaDir, recordingsDir);
        StationServices services = StationServices.builder(link, clock, stationThread).listener(listener).files(mediaDir, recordingsDir)
                .handlerLimit(Duration.ofMillis(200)).stores(k -> store).sms(k -> new MemorySms(k, config.sms(), clock::now, cmd -> holder[0].switchApi(cmd)))
                .leases(RecordedLeases.of(records, clock::now)).ids(StationServices.seededIds(seed)).build();
        StationContext station = new StationContext(config, services);
        holder[0] = station;
        List<Map<String, Object>> expected = new ArrayList<>();
        Times times = new Times();
        List<Instant> causes = new ArrayList<>();   // for each expected command, the last input recorded before it
        Instant lastInput = null;
        int inputs = 0;
        int matched = 0;
        boolean loaded = false;
        boolean reloading = false;
        org.stationd.station.Pacer pacer = speed.pacer(clock.now());
        // the recording's media and recordings folders, read as this replay's (a log made in another folder replays the same)
        RecordedPaths paths = RecordedPaths.none();
        try {
            for (int index = 0; index < records.size(); index++) {
                Map<String, Object> r = records.get(index);
                Instant t = times.at((String) r.get("t"));
                if (until != null && t.isAfter(until)) break;
                pacer.waitFor(t);
                advance(clock, station, t);
                String kind = (String) r.get("k");
                if ("load".equals(kind)) {
                    paths = RecordedPaths.of(r, mediaDir, recordingsDir);
                }
                if ("in".equals(r.get("dir"))) {
                    lastInput = t;
                }
                if ("out".equals(r.get("dir"))) {
                    expected.add(r);
                    causes.add(lastInput);
                } else if ("load".equals(kind) || !loaded) {
                    Map<String, Object> settings = Replays.settings("load".equals(kind) ? r : null, config);
                    if (!loaded || !reloading) {
                        run(station, () -> station.load(program, settings));
                    } else {   // the recorded live reload: the program takes over where it was, calls and timers kept
                        timeline.add(t + "  " + config.id() + "  " + station.state() + "  ● " + program.name() + " reloaded live");
                        run(station, () -> station.reload(program));
                    }
                    loaded = true;
                    reloading = false;
                    if ("load".equals(kind)) continue;
                }
                if ("op".equals(kind)) reloading = "reload".equals(r.get("cmd"));
                if ("in".equals(r.get("dir")) && !"timer".equals(kind) && !"load".equals(kind) && !"lease".equals(kind) && !"op".equals(kind)) {
                    inputs++;
                    if (!"reply".equals(kind) || String.valueOf(r.get("body")).startsWith("-")) {   // the switch's +OKs are not news
                        timeline.add(t + "  " + config.id() + "  " + station.state() + "  ← " + paths.translate(describe(r)));
                    }
                    feed(station, link, uuids, paths, r);
                }
                ReplayResult.Divergence d = compare(expected, causes, link.sent(), uuids, paths, matched, station.state(), times);
                if (d == null) d = early(expected, link.sent(), t, uuids, paths, records.subList(index + 1, records.size()), station.state());
                if (d != null) {
                    return new ReplayResult(false, d, inputs, matched, timeline, errors);
                }
                matched = Math.min(expected.size(), link.sent().size());
            }
            advance(clock, station, clock.now().plus(Duration.ofMillis(1)));
            ReplayResult.Divergence d = compare(expected, causes, link.sent(), uuids, paths, matched, station.state(), times);
            if (d == null && link.sent().size() != expected.size()) {
                d = link.sent().size() > expected.size()
                        ? extra(link.sent().get(expected.size()), "(nothing more)", uuids, station.state())
                        : divergence(clock.now(), station.state(), paths.translate(text(expected.get(link.sent().size()))), "(nothing)", uuids);
            }
            return new ReplayResult(d == null, d, inputs, Math.min(expected.size(), link.sent().size()), timeline, errors);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Compares the commands both sides have issued so far, pairing uuids on the way. */
    private static ReplayResult.Divergence compare(List<Map<String, Object>> expected, List<Instant> causes, List<ReplayLink.Sent> actual, UuidMap uuids,
                                                   RecordedPaths paths, int from, String state, Times times) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = from; i < n; i++) {
            String e = paths.translate(text(expected.get(i)));
            String a = actual.get(i).text();
            if (!uuids.unify(e, a)) {
                return divergence(actual.get(i).at(), state, e, a, uuids);
            }
            // the same command at another moment is a different show (a jingle 20 s early is audible)
            Instant want = times.at((String) expected.get(i).get("t"));
            Instant got = actual.get(i).at();
            if (Duration.between(want, got).abs().compareTo(TIME_TOLERANCE) > 0 && !slowerLive(causes.get(i), want, got)) {
                return atAnotherTime(e, a, want, got, state, uuids);
            }
        }
        return null;
    }

    /**
     * Sent earlier than recorded, but not before the input it answers: live, the station took longer
     * to answer that input (a handler's first run, a loaded machine); the show is the same.
     */
    private static boolean slowerLive(Instant cause, Instant want, Instant got) {
        return cause != null && got.isBefore(want) && !got.isBefore(cause.minus(TIME_TOLERANCE));
    }

    /** The same command sent at another moment than recorded. */
    private static ReplayResult.Divergence atAnotherTime(String e, String a, Instant want, Instant got, String state, UuidMap uuids) {
        CommandDiff.Shown same = CommandDiff.of(e, a, uuids);
        return new ReplayResult.Divergence(got.toString(), state, e + " (at " + want + ")", a + " (at " + got + ")", "the time",
                same.expected() + " (at »" + want + "«)", same.actual() + " (at »" + got + "«)");
    }

    /** A command the program sent that the recording does not have by now (more than the tolerance later): a divergence when it happens. */
    private static ReplayResult.Divergence early(List<Map<String, Object>> expected, List<ReplayLink.Sent> actual, Instant now, UuidMap uuids,
                                                 RecordedPaths paths, List<Map<String, Object>> later, String state) {
        if (actual.size() <= expected.size()) return null;
        ReplayLink.Sent first = actual.get(expected.size());
        if (Duration.between(first.at(), now).compareTo(TIME_TOLERANCE) <= 0) return null;
        Map<String, Object> next = later.stream().filter(r -> "out".equals(r.get("dir"))).findFirst().orElse(null);
        if (next == null) return extra(first, "(nothing more)", uuids, state);
        String e = paths.translate(text(next));
        boolean inputFirst = later.subList(0, later.indexOf(next)).stream().anyMatch(r -> "in".equals(r.get("dir")));
        if (!inputFirst && uuids.unify(e, first.text())) return null;   // recorded later only because live answered the same input slower
        if (uuids.unify(e, first.text())) return atAnotherTime(e, first.text(), Instant.parse((String) next.get("t")), first.at(), state, uuids);
        return extra(first, e + " (at " + next.get("t") + ")", uuids, state);
    }

    private static ReplayResult.Divergence extra(ReplayLink.Sent sent, String recorded, UuidMap uuids, String state) {
        return divergence(sent.at(), state, recorded, sent.text(), uuids);
    }

    private static ReplayResult.Divergence divergence(Instant at, String state, String e, String a, UuidMap uuids) {
        CommandDiff.Shown shown = CommandDiff.of(e, a, uuids);
        return new ReplayResult.Divergence(at.toString(), state, e, a, shown.field(), shown.expected(), shown.actual());
    }

    static String text(Map<String, Object> out) {
        return ReplayLink.text((String) out.get("k"), out);
    }

    /** The records' times, each text parsed once (a replay reads every record's time, and each command's again). */
    private static final class Times {
        private final Map<String, Instant> parsed = new java.util.HashMap<>();

        Instant at(String t) {
            return parsed.computeIfAbsent(t, Instant::parse);
        }
    }

    @SuppressWarnings("unchecked")
    private void feed(StationContext station, ReplayLink link, UuidMap uuids, RecordedPaths paths, Map<String, Object> r) throws InterruptedException {
        switch ((String) r.get("k")) {
            case "esl" -> {
                Map<String, String> headers = new LinkedHashMap<>();
                ((Map<String, Object>) r.get("headers")).forEach((k, v) -> headers.put(uuids.translate(k), uuids.taggedFile(paths.translate(uuids.translate(String.valueOf(v))))));
                String body = r.get("body") == null ? null : paths.translate(uuids.translate((String) r.get("body")));
                EslEvent e = new EslEvent(EslEvent.Format.PLAIN, headers, body);
                String line = (String) r.get("line");
                run(station, () -> station.onEsl(e, line));
            }
            case "job" -> {
                String cmd = paths.translate(uuids.translate((String) r.get("cmd")));
                String body = paths.translate(uuids.translate(String.valueOf(r.get("body"))));
                if (Boolean.TRUE.equals(r.get("late"))) {
                    link.lateJob(cmd, body);
                } else {
                    link.finishJob(cmd, body);
                }
                sync(station);
            }
            case "reply" -> {
                link.finishApi(uuids.taggedWords(paths.translate(uuids.translate((String) r.get("cmd")))), paths.translate(uuids.translate(String.valueOf(r.get("body")))));
                sync(station);
            }
            case "zmq" -> run(station, () -> station.deliver(Event.of(EventKind.MESSAGE).topic((String) r.get("topic")).data(paths.translateAll(r.get("data"))).build()));
            case "sms" -> run(station, () -> station.onSms((String) r.get("from"), (String) r.get("text")));
            case "unload" -> run(station, station::unload);
            case "switch" -> run(station, () -> station.switchState(Boolean.TRUE.equals(r.get("away"))));
            case "sched" -> {
                if ("wrapUp".equals(r.get("event"))) {   // the scheduler's warning: the program hears it at the same moment
                    double seconds = ((Number) r.getOrDefault("seconds", 30)).doubleValue();
                    run(station, () -> station.deliver(Event.of(EventKind.WRAP_UP).seconds(seconds).build()));
                }
            }
            default -> { }
        }
    }

    static String describe(Map<String, Object> r) {
        return switch ((String) r.get("k")) {
            case "esl" -> {
                Map<?, ?> h = (Map<?, ?>) r.get("headers");
                String more = h.get("DTMF-Digit") != null ? " " + h.get("DTMF-Digit")
                        : "CUSTOM".equals(r.get("name")) && h.get("Event-Subclass") != null ? " " + h.get("Event-Subclass") + (h.get("Action") != null ? " " + h.get("Action") : "")
                        : "";
                yield "esl " + r.get("name") + more;
            }
            case "job" -> "job result " + String.valueOf(r.get("body")).strip();
            case "reply" -> "reply " + String.valueOf(r.get("body")).strip() + " to " + r.get("cmd");
            case "zmq" -> "message " + r.get("topic");
            case "sms" -> "sms from " + r.get("from");
            default -> String.valueOf(r.get("k"));
        };
    }

    private static void advance(VirtualScheduler clock, StationContext station, Instant to) throws InterruptedException {
        while (true) {
            Instant next = clock.nextDue();
            if (next == null || next.isAfter(to)) break;
            clock.advanceTo(next);
            sync(station);
        }
        clock.advanceTo(to);
    }

    private static void run(StationContext s, Runnable task) throws InterruptedException {
        s.submit(task);
        sync(s);
    }

    private static void sync(StationContext s) throws InterruptedException {
        s.awaitIdle(Duration.ofSeconds(30));
    }
}
