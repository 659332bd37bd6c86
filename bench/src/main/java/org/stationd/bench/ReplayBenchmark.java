package org.stationd.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.stationd.config.StationConfig;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.session.ApiResponse;
import org.stationd.eventlog.EventLogTap;
import org.stationd.eventlog.ReplayResult;
import org.stationd.eventlog.StrictReplay;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.script.ProgramEngines;
import org.stationd.station.MemoryStore;
import org.stationd.station.ProgramFactory;
import org.stationd.station.StationContext;
import org.stationd.station.StationServices;
import org.stationd.station.VirtualScheduler;
import org.stationd.switchlink.SwitchLink;

/**
 * Strict replay throughput: a recorded call-in session (a listener calls, presses {@value #PRESSES}
 * keys a second apart, each answered with a prompt, then hangs up) replayed against the same show
 * written in Groovy and in JavaScript. One operation is one whole replay; JMH prints
 * {@code events} per second (recorded inputs fed to the program and checked).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReplayBenchmark {
    static final int PRESSES = 2_000;
    static final StationConfig STATION = new StationConfig("kla", "Radio Kampala", ZoneId.of("Africa/Kampala"), List.of(),
            Map.of("call-in", List.of("7001")), null, Map.of(), "keys", Map.of(), List.of(), List.of());

    static final String GROOVY = """
            program {
                apiVersion 1
                state('live') {
                    on.incomingCall { e -> e.call.answer() }
                    on.dtmf { e ->
                        data.presses = (data.presses ?: 0) + 1
                        e.call.play("digit-${e.digit}.wav")
                    }
                }
            }
            """;
    static final String JS = """
            program({
              apiVersion: 1,
              states: {
                live: {
                  incomingCall(e) { e.call.answer(); },
                  dtmf(e) {
                    data.presses = (data.presses || 0) + 1;
                    e.call.play(`digit-${e.digit}.wav`);
                  }
                }
              }
            });
            """;

    @Param({"groovy", "js"})
    public String language;

    Path dir;
    ProgramEngines engines;
    ProgramFactory program;
    List<Map<String, Object>> log;
    int inputs;

    @Setup(Level.Trial)
    public void record() throws Exception {
        dir = Files.createTempDirectory("stationd-replay-bench");
        Path file = dir.resolve("keys." + ("js".equals(language) ? "js" : "groovy"));
        Files.writeString(file, "js".equals(language) ? JS : GROOVY);
        engines = new ProgramEngines();
        program = new ScriptProgramLoader(engines).load(file);
        log = session(program);
        ReplayResult check = replay();
        if (!check.ok()) throw new IllegalStateException("the recorded session does not replay: " + check.summary());
        inputs = check.inputs();
        System.out.printf(Locale.ROOT, "%n%s: %d records, %d inputs and %d commands per replay%n", language, log.size(), inputs, check.commands());
    }

    @TearDown(Level.Trial)
    public void close() {
        engines.close();
    }

    /** Counted per operation, so JMH reports it as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Rates {
        public long events;
    }

    @Benchmark
    public ReplayResult strictReplay(Rates rates) throws Exception {
        ReplayResult r = replay();
        rates.events += r.inputs();
        return r;
    }

    ReplayResult replay() throws InterruptedException {
        return new StrictReplay(STATION, program, Path.of("/media"), Path.of("/recordings")).run(log, null);   // as recorded
    }

    /** Records a session the way a live station does: every input and command through the station's tap. */
    static List<Map<String, Object>> session(ProgramFactory program) throws Exception {
        VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-11-22T08:00:00Z"));
        List<Map<String, Object>> log = java.util.Collections.synchronizedList(new ArrayList<>());
        SwitchLink link = new SwitchLink() {
            @Override public CompletableFuture<ApiResponse> api(String c) { return CompletableFuture.completedFuture(new ApiResponse("+OK\n")); }
            @Override public CompletableFuture<ApiResponse> bgapi(String c) { return new CompletableFuture<>(); }
            @Override public CompletableFuture<Void> sendmsg(String uuid, SendMsg m) { return CompletableFuture.completedFuture(null); }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        MemoryStore store = new MemoryStore();
        StationContext station = new StationContext(STATION, StationServices.builder(link, clock, pool)
                .files(Path.of("/media"), Path.of("/recordings")).handlerLimit(Duration.ofSeconds(1)).stores(k -> store)
                .tap((st, pv, state, d, kind, f) -> log.add(EventLogTap.record(clock.now().toString(), st, pv, state, d, kind, f)))
                .ids(StationServices.seededIds(7)).build());
        try {
            String call = "5b1d0c1e-0000-4000-8000-000000000001";
            on(station, () -> station.load(program));
            esl(station, clock, call, "CHANNEL_PARK", Map.of("Call-Direction", "inbound", "Caller-Caller-ID-Number", "256700000001",
                    "Caller-Destination-Number", "7001"), "call-in");
            esl(station, clock, call, "CHANNEL_ANSWER", Map.of("Call-Direction", "inbound"), null);
            for (int i = 0; i < PRESSES; i++) {
                clock.advance(Duration.ofSeconds(1));
                esl(station, clock, call, "DTMF", Map.of("DTMF-Digit", String.valueOf(i % 10), "DTMF-Duration", "2000"), null);
            }
            esl(station, clock, call, "CHANNEL_HANGUP", Map.of("Hangup-Cause", "NORMAL_CLEARING"), null);
            on(station, station::unload);
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(log);
    }

    private static void esl(StationContext station, VirtualScheduler clock, String uuid, String name, Map<String, String> extra, String line)
            throws InterruptedException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Event-Name", name);
        h.put("Unique-ID", uuid);
        h.put("Event-Date-Timestamp", String.valueOf(clock.now().toEpochMilli() * 1000));
        h.putAll(extra);
        EslEvent e = new EslEvent(EslEvent.Format.PLAIN, h, null);
        on(station, () -> station.onEsl(e, line));
    }

    private static void on(StationContext station, Runnable task) throws InterruptedException {
        station.submit(task);
        station.awaitIdle(Duration.ofSeconds(30));
    }
}
