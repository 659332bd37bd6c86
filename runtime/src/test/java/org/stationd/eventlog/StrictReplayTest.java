package org.stationd.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.api.EventKind;
import org.stationd.api.ProgramContext;
import org.stationd.api.ProgramDefinition;
import org.stationd.api.StateDefinition;
import org.stationd.config.StationConfig;
import org.stationd.config.Transmitter;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.session.ApiResponse;
import org.stationd.station.ProgramFactory;
import org.stationd.station.StationContext;
import org.stationd.station.StationServices;
import org.stationd.station.VirtualScheduler;
import org.stationd.switchlink.SwitchLink;

/** Records a live session, replays it strictly (match), changes the program (exact divergence), and repeats (same result). */
class StrictReplayTest {
    @TempDir
    Path dir;

    static final StationConfig CONFIG = new StationConfig("kla", "Radio", ZoneId.of("Africa/Kampala"),
            List.of(new Transmitter("sip", "user/1001", null, null)), Map.of("call-in", List.of("+256414000001")), null, Map.of(), "show", Map.of(), List.of(), List.of());

    static ProgramFactory program(String jingle, int afterSeconds) {
        Function<ProgramContext, ProgramDefinition> build = ctx -> new ProgramDefinition("show")
                .add(new StateDefinition("dialling")
                        .enter(e -> ctx.getStation().dialTransmitter())
                        .on(EventKind.ANSWERED, e -> { e.getCall().play(jingle); ctx.getStation().after(afterSeconds, "news"); })
                        .on(EventKind.TIMER, e -> ctx.go("news")))
                .add(new StateDefinition("news")
                        .enter(e -> ctx.getStation().getTransmitter().play("news.wav"))
                        .on(EventKind.DTMF, e -> { if ("9".equals(e.getDigit())) ctx.getStation().getTransmitter().hangup(); }));
        return new ProgramFactory() {
            @Override public String name() { return "show"; }
            @Override public String version() { return jingle + afterSeconds; }
            @Override public Instance create(ProgramContext ctx) { ProgramDefinition d = build.apply(ctx); return () -> d; }
        };
    }

    private static EslEvent esl(String name, String uuid, String... kv) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Event-Name", name);
        h.put("Unique-ID", uuid);
        for (int i = 0; i < kv.length; i += 2) h.put(kv[i], kv[i + 1]);
        return new EslEvent(EslEvent.Format.PLAIN, h, null);
    }

    /** A live session: the program runs against a switch stand-in; the event log records it. */
    private Path record() throws Exception {
        Path logDir = dir.resolve("eventlog");
        VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-11-22T08:00:00Z"));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        List<String> originates = new java.util.concurrent.CopyOnWriteArrayList<>();
        SwitchLink link = new SwitchLink() {
            @Override public CompletableFuture<ApiResponse> api(String c) { return CompletableFuture.completedFuture(new ApiResponse("+OK\n")); }
            @Override public CompletableFuture<ApiResponse> bgapi(String c) {
                String uuid = c.replaceAll(".*origination_uuid=([^,]+),.*", "$1");
                originates.add(uuid);
                return CompletableFuture.completedFuture(new ApiResponse("+OK " + uuid + "\n"));
            }
            @Override public CompletableFuture<Void> sendmsg(String u, SendMsg m) { return CompletableFuture.completedFuture(null); }
        };
        try (EventLogWriter writer = new EventLogWriter(logDir, 1000, 1 << 20)) {
            StationContext s = new StationContext(CONFIG, StationServices.builder(link, clock, pool).files(dir.resolve("media"), dir.resolve("rec"))
                    .tap(new EventLogTap(writer, clock::now)).build());
            run(s, () -> s.load(program("jingle.wav", 30)));
            clock.advance(Duration.ofSeconds(2));
            String tx = originates.get(0);
            run(s, () -> s.onEsl(esl("CHANNEL_ANSWER", tx), null));
            run(s, () -> s.onEsl(esl("CHANNEL_PARK", tx), null));   // the originate's &park(), run once answered
            clock.advance(Duration.ofSeconds(31));
            sync(s);
            clock.advance(Duration.ofSeconds(5));
            run(s, () -> s.onEsl(esl("DTMF", tx, "DTMF-Digit", "9"), null));
            clock.advance(Duration.ofSeconds(1));
            run(s, () -> s.onEsl(esl("CHANNEL_HANGUP", tx, "Hangup-Cause", "NORMAL_CLEARING"), null));
        }
        pool.shutdownNow();
        return logDir;
    }

    private static void run(StationContext s, Runnable r) throws InterruptedException {
        s.submit(r);
        sync(s);
    }

    private static void sync(StationContext s) throws InterruptedException {
        CountDownLatch l = new CountDownLatch(1);
        s.submit(l::countDown);
        assertTrue(l.await(5, TimeUnit.SECONDS));
    }

    /** Live, a loaded machine answered the transmitter's answer 2.5 s late: the replay, answering at once, plays the same show. */
    @Test
    void aCommandRecordedLateForItsInputIsStillTheSameShow() throws Exception {
        List<Map<String, Object>> log = new java.util.ArrayList<>();
        for (Map<String, Object> r : EventLogReader.read(record())) {
            Map<String, Object> copy = new LinkedHashMap<>(r);
            if ("out".equals(r.get("dir")) && String.valueOf(r).contains("jingle.wav")) {
                copy.put("t", Instant.parse((String) r.get("t")).plusMillis(2500).toString());
            }
            log.add(copy);
        }
        ReplayResult same = new StrictReplay(CONFIG, program("jingle.wav", 30), dir.resolve("media"), dir.resolve("rec")).run(log, null);
        assertTrue(same.ok(), same.summary() + "\n" + String.join("\n", same.timeline()));
        // still: a command sent before the input the recording answered with it (the news 20 s early, before its timer) differs
        ReplayResult sooner = new StrictReplay(CONFIG, program("jingle.wav", 10), dir.resolve("media"), dir.resolve("rec")).run(log, null);
        assertFalse(sooner.ok());
        assertEquals("the time", sooner.divergence().field(), sooner.divergence().toString());
    }

    @Test
    void theSameProgramMatchesAChangedOneDivergesExactlyAndRunsRepeatIdentically() throws Exception {
        Path logDir = record();
        List<Map<String, Object>> log = EventLogReader.read(logDir);
        assertTrue(log.stream().anyMatch(r -> "out".equals(r.get("dir")) && "bgapi".equals(r.get("k"))), log.toString());

        ReplayResult same = new StrictReplay(CONFIG, program("jingle.wav", 30), dir.resolve("media"), dir.resolve("rec")).run(log, null);
        assertTrue(same.ok(), same.summary() + "\n" + String.join("\n", same.timeline()));
        assertEquals(4, same.commands(), same.summary());   // originate, jingle, news, hangup, as recorded
        assertEquals(4, same.timeline().stream().filter(l -> l.contains("  → ")).count(), String.join("\n", same.timeline()));

        ReplayResult changed = new StrictReplay(CONFIG, program("new-jingle.wav", 30), dir.resolve("media"), dir.resolve("rec")).run(log, null);
        assertFalse(changed.ok());
        assertEquals("2026-11-22T08:00:02Z", changed.divergence().time());
        assertEquals("dialling", changed.divergence().state());
        assertTrue(changed.divergence().expected().contains("execute-app-arg=" + dir.resolve("media").resolve("jingle.wav").toAbsolutePath()), changed.divergence().toString());
        assertTrue(changed.divergence().actual().contains("new-jingle.wav"), changed.divergence().toString());

        ReplayResult sooner = new StrictReplay(CONFIG, program("jingle.wav", 10), dir.resolve("media"), dir.resolve("rec")).run(log, null);
        assertFalse(sooner.ok());
        assertTrue(sooner.divergence().actual().contains("news.wav"), sooner.divergence().toString());
        // reported when it happened (the news 20 s early), with the time marked as what differs
        assertEquals("2026-11-22T08:00:12Z", sooner.divergence().time(), sooner.divergence().toString());
        assertEquals("the time", sooner.divergence().field(), sooner.divergence().toString());
        assertTrue(sooner.divergence().shownActual().endsWith("(at »2026-11-22T08:00:12Z«)"), sooner.divergence().toString());

        ReplayResult again = new StrictReplay(CONFIG, program("jingle.wav", 30), dir.resolve("media"), dir.resolve("rec")).run(log, null);
        assertEquals(same.timeline(), again.timeline());
    }

    /** Dials a number; when that fails, another. */
    static ProgramFactory redialler() {
        Function<ProgramContext, ProgramDefinition> build = ctx -> new ProgramDefinition("redial")
                .add(new StateDefinition("dialling")
                        .enter(e -> ctx.getStation().originate("user/2001"))
                        .on(EventKind.FAILED, e -> ctx.getStation().originate("user/2002")));
        return new ProgramFactory() {
            @Override public String name() { return "redial"; }
            @Override public String version() { return "1"; }
            @Override public Instance create(ProgramContext ctx) { ProgramDefinition d = build.apply(ctx); return () -> d; }
        };
    }

    /**
     * The live originate's answer came later than the link waited: the station waited for the call
     * (ring time and grace) before it heard failed. The replay waits the same, so the program's
     * second dial comes at the same moment, not at once.
     */
    @Test
    void anOriginateAnsweredTooLateIsReplayedAsLate() throws Exception {
        Path logDir = dir.resolve("eventlog");
        VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-11-22T08:00:00Z"));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        SwitchLink link = new SwitchLink() {
            @Override public CompletableFuture<ApiResponse> api(String c) { return CompletableFuture.completedFuture(new ApiResponse("+OK\n")); }
            @Override public CompletableFuture<ApiResponse> bgapi(String c) {
                return c.contains("user/2001") ? CompletableFuture.failedFuture(new org.stationd.esl.session.EslTimeoutException("no reply within 10000 ms"))
                        : new CompletableFuture<>();
            }
            @Override public CompletableFuture<Void> sendmsg(String u, SendMsg m) { return CompletableFuture.completedFuture(null); }
        };
        try (EventLogWriter writer = new EventLogWriter(logDir, 1000, 1 << 20)) {
            StationContext s = new StationContext(CONFIG, StationServices.builder(link, clock, pool).files(dir.resolve("media"), dir.resolve("rec"))
                    .tap(new EventLogTap(writer, clock::now)).build());
            run(s, () -> s.load(redialler()));
            sync(s);
            clock.advance(Duration.ofSeconds(60));
            sync(s);
        }
        pool.shutdownNow();
        List<Map<String, Object>> log = EventLogReader.read(logDir);
        List<Map<String, Object>> dials = log.stream().filter(r -> "bgapi".equals(r.get("k"))).toList();
        assertEquals(2, dials.size(), log.toString());
        assertEquals("2026-11-22T08:01:00Z", String.valueOf(dials.get(1).get("t")), "the second dial after 30 s of ring time and 30 s of grace");

        ReplayResult same = new StrictReplay(CONFIG, redialler(), dir.resolve("media"), dir.resolve("rec")).run(log, null);
        assertTrue(same.ok(), same.summary() + "\n" + String.join("\n", same.timeline()));
        assertEquals(3, same.commands(), same.summary());   // the dial, the given-up call's uuid_kill, the second dial
    }

    /** A program that plays into a conference and, when the switch refuses a file, plays the next one. */
    static ProgramFactory skipper() {
        Function<ProgramContext, ProgramDefinition> build = ctx -> new ProgramDefinition("skipper")
                .add(new StateDefinition("playing")
                        .enter(e -> ctx.getStation().conference("studio").play("missing.wav"))
                        .on(EventKind.CONFERENCE_PLAYBACK_DONE, e -> {
                            if ("failed".equals(e.getStatus())) ctx.getStation().conference("studio").play("next.wav");
                        }));
        return new ProgramFactory() {
            @Override public String name() { return "skipper"; }
            @Override public String version() { return "1"; }
            @Override public Instance create(ProgramContext ctx) { ProgramDefinition d = build.apply(ctx); return () -> d; }
        };
    }

    @Test
    void theSwitchsAnswersToApiCommandsAreRecordedAndReplayed() throws Exception {
        Path logDir = dir.resolve("eventlog");
        VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-11-22T08:00:00Z"));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        SwitchLink link = new SwitchLink() {
            @Override public CompletableFuture<ApiResponse> api(String c) {
                return CompletableFuture.completedFuture(new ApiResponse(c.contains("missing.wav") ? "-ERR file not found\n" : "+OK\n"));
            }
            @Override public CompletableFuture<ApiResponse> bgapi(String c) { return new CompletableFuture<>(); }
            @Override public CompletableFuture<Void> sendmsg(String u, SendMsg m) { return CompletableFuture.completedFuture(null); }
        };
        try (EventLogWriter writer = new EventLogWriter(logDir, 1000, 1 << 20)) {
            StationContext s = new StationContext(CONFIG, StationServices.builder(link, clock, pool).files(dir.resolve("media"), dir.resolve("rec"))
                    .tap(new EventLogTap(writer, clock::now)).build());
            run(s, () -> s.load(skipper()));
            sync(s);
        }
        pool.shutdownNow();
        List<Map<String, Object>> log = EventLogReader.read(logDir);
        assertTrue(log.stream().anyMatch(r -> "reply".equals(r.get("k")) && String.valueOf(r.get("body")).startsWith("-ERR file not found")), log.toString());
        assertEquals(2, log.stream().filter(r -> "api".equals(r.get("k"))).count(), log.toString());

        ReplayResult same = new StrictReplay(CONFIG, skipper(), dir.resolve("media"), dir.resolve("rec")).run(log, null);
        assertTrue(same.ok(), same.summary() + "\n" + String.join("\n", same.timeline()));
        assertEquals(2, same.commands(), same.summary());
        assertTrue(same.timeline().stream().anyMatch(l -> l.contains("← reply -ERR file not found to conference kla-studio play")), String.join("\n", same.timeline()));

        // a log without the answers (written before they were recorded): every api command is answered +OK, so nothing is skipped
        List<Map<String, Object>> old = log.stream().filter(r -> !"reply".equals(r.get("k"))).toList();
        ReplayResult oldReplay = new StrictReplay(CONFIG, skipper(), dir.resolve("media"), dir.resolve("rec")).run(old, null);
        assertFalse(oldReplay.ok());
        assertEquals("(nothing)", oldReplay.divergence().actual());
        assertTrue(oldReplay.divergence().expected().endsWith("next.wav"), oldReplay.divergence().toString());
    }

    @Test
    void aCorruptedLineIsReportedWithFileAndLine() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"v\":1,\"t\":\"2026-11-22T08:00:00Z\",\"st\":\"kla\",\"dir\":\"in\",\"k\":\"sms\"}\n{\"v\":1,\"t\":\"2026-11-22T08:00:0\n");
        EventLogException e = assertThrows(EventLogException.class, () -> EventLogReader.read(f));
        assertTrue(e.getMessage().startsWith(f + ":2: not a JSON object"), e.getMessage());
        Files.writeString(f, "{\"v\":2,\"t\":\"x\",\"st\":\"kla\",\"dir\":\"in\",\"k\":\"sms\"}\n");
        assertTrue(assertThrows(EventLogException.class, () -> EventLogReader.read(f)).getMessage().contains(":1: event log format version 2 is not supported"));
    }

    @Test
    void recordsAreOrderedByTimeNotByTheTextOfTheTime() throws Exception {
        Path f = dir.resolve("order.jsonl");
        // Instant.toString() drops trailing zeros: ":01Z" is before ":01.5Z" although it sorts after it as text
        Files.writeString(f, "{\"v\":1,\"t\":\"2026-11-22T08:00:01Z\",\"st\":\"kla\",\"dir\":\"in\",\"k\":\"sms\",\"text\":\"first\"}\n"
                + "{\"v\":1,\"t\":\"2026-11-22T08:00:01.500Z\",\"st\":\"kla\",\"dir\":\"in\",\"k\":\"sms\",\"text\":\"second\"}\n");
        List<Map<String, Object>> read = EventLogReader.read(f);
        assertEquals(List.of("first", "second"), read.stream().map(r -> r.get("text")).toList());
        assertEquals("2026-11-22T08:00:01Z", read.get(0).get("t"), "times are kept as written");
        Files.writeString(f, "{\"v\":1,\"t\":\"yesterday\",\"st\":\"kla\",\"dir\":\"in\",\"k\":\"sms\"}\n");
        assertTrue(assertThrows(EventLogException.class, () -> EventLogReader.read(f)).getMessage().startsWith(f + ":1: \"t\" is not an ISO-8601 time"));
    }

    @Test
    void textsThatArrivedEarlierInTheLogAreThereForSmsRecent() throws Exception {
        StationConfig cfg = new StationConfig("kla", "Radio", ZoneId.of("Africa/Kampala"), List.of(), Map.of(), "+256414000099", Map.of(), "texts",
                Map.of(), List.of(), List.of());
        ProgramFactory thanks = new ProgramFactory() {
            @Override public String name() { return "texts"; }
            @Override public String version() { return "1"; }
            @Override public Instance create(ProgramContext ctx) {
                ProgramDefinition d = new ProgramDefinition("texts").add(new StateDefinition("on").on(EventKind.SMS, e ->
                        ctx.getStation().getSms().send(e.getFrom(), "thanks, that is text " + ctx.getStation().getSms().recent(50).size())));
                return () -> d;
            }
        };
        Path logDir = dir.resolve("sms-log");
        VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-11-22T08:00:00Z"));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        SwitchLink link = new SwitchLink() {
            @Override public CompletableFuture<ApiResponse> api(String c) { return CompletableFuture.completedFuture(new ApiResponse("+OK\n")); }
            @Override public CompletableFuture<ApiResponse> bgapi(String c) { return new CompletableFuture<>(); }
            @Override public CompletableFuture<Void> sendmsg(String u, SendMsg m) { return CompletableFuture.completedFuture(null); }
        };
        try (EventLogWriter writer = new EventLogWriter(logDir, 1000, 1 << 20)) {
            StationContext[] s = new StationContext[1];
            s[0] = new StationContext(cfg, StationServices.builder(link, clock, pool).files(dir.resolve("media"), dir.resolve("rec"))
                    .sms(k -> new org.stationd.station.MemorySms(k, cfg.sms(), clock::now, c -> s[0].switchApi(c)))
                    .tap(new EventLogTap(writer, clock::now)).build());
            run(s[0], () -> s[0].load(thanks));
            for (String from : List.of("+256700000001", "+256700000002", "+256700000003")) {
                clock.advance(Duration.ofMinutes(1));
                run(s[0], () -> s[0].onSms(from, "hello"));
            }
        }
        pool.shutdownNow();
        List<Map<String, Object>> log = EventLogReader.read(logDir);
        assertTrue(log.stream().anyMatch(r -> String.valueOf(r.get("cmd")).equals("chat sms|+256414000099|+256700000003|thanks, that is text 3")), log.toString());
        ReplayResult r = new StrictReplay(cfg, thanks, dir.resolve("media"), dir.resolve("rec")).run(log, null);
        assertTrue(r.ok(), r.summary());
        assertEquals(3, r.commands());
    }
}
