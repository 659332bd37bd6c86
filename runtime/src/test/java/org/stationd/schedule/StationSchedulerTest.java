package org.stationd.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stationd.api.EventKind;
import org.stationd.api.ProgramContext;
import org.stationd.api.ProgramDefinition;
import org.stationd.api.StateDefinition;
import org.stationd.config.StationConfig;
import org.stationd.esl.session.ApiResponse;
import org.stationd.station.ProgramFactory;
import org.stationd.station.StationContext;
import org.stationd.station.StationServices;
import org.stationd.station.VirtualScheduler;
import org.stationd.switchlink.SwitchLink;

class StationSchedulerTest {
    static final ZoneId ZONE = ZoneId.of("Africa/Kampala");   // UTC+3
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-11-22T04:50:00Z"));   // 07:50 local
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final MemoryAirings airings = new MemoryAirings();

    @AfterEach
    void close() {
        pool.shutdownNow();
    }

    private StationContext station() {
        return station(clock);
    }

    private StationContext station(VirtualScheduler clock) {
        return station(clock, org.stationd.station.StationTap.NONE);
    }

    private StationContext station(VirtualScheduler clock, org.stationd.station.StationTap tap) {
        SwitchLink link = new SwitchLink() {
            @Override public java.util.concurrent.CompletableFuture<ApiResponse> api(String c) { commands.add(c); return java.util.concurrent.CompletableFuture.completedFuture(new ApiResponse("+OK")); }
            @Override public java.util.concurrent.CompletableFuture<ApiResponse> bgapi(String c) { commands.add(c); return new java.util.concurrent.CompletableFuture<>(); }
            @Override public java.util.concurrent.CompletableFuture<Void> sendmsg(String u, org.stationd.esl.command.SendMsg m) { commands.add("sendmsg " + u); return java.util.concurrent.CompletableFuture.completedFuture(null); }
        };
        StationConfig cfg = new StationConfig("kla", "Radio", ZONE, List.of(), Map.of(), null, Map.of(), "default", Map.of("volume", "normal"), List.of(), List.of());
        return new StationContext(cfg, StationServices.builder(link, clock, pool).files(Path.of("/m"), Path.of("/r"))
                .handlerLimit(Duration.ofMillis(500)).tap(tap).build());
    }

    private ProgramFactory show(String name) {
        return new ProgramFactory() {
            @Override public String name() { return name; }
            @Override public String version() { return name + "-v1"; }
            @Override public Instance create(ProgramContext ctx) {
                ProgramDefinition d = new ProgramDefinition(name).add(new StateDefinition("on")
                        .enter(e -> {
                            heard.add(name + " starts at " + clock.now() + " with " + ctx.getStation().getSettings());
                            if (name.equals("empty")) ctx.getStation().reportStatus("no_media", "nothing to play");
                        })
                        .on(EventKind.WRAP_UP, e -> heard.add(name + " wrap-up at " + clock.now() + " (" + e.getSeconds() + " s left)")))
                        .teardown(e -> heard.add(name + " teardown at " + clock.now()));
                return () -> d;
            }
        };
    }

    private static ScheduleEntry entry(long id, String program, String start, Duration d, String rule, int prio) {
        return new ScheduleEntry(id, "kla", program, Map.of("episode", id), LocalDateTime.parse(start), d, rule == null ? null : Recurrence.parse(rule), null, prio);
    }

    private void sync(StationContext s) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            CountDownLatch l = new CountDownLatch(1);
            s.submit(l::countDown);
            assertTrue(l.await(5, TimeUnit.SECONDS));
        }
    }

    private void advance(StationContext s, String to) throws InterruptedException {
        Instant target = Instant.parse(to);
        while (true) {
            Instant next = clock.nextDue();
            if (next == null || next.isAfter(target)) break;
            clock.advanceTo(next);
            sync(s);
        }
        clock.advanceTo(target);
        sync(s);
    }

    @Test
    void showStartsGetsWrapUpAndIsUnloadedAtTheEndThenTheDefaultRuns() throws Exception {
        StationContext s = station();
        List<ScheduleEntry> grid = List.of(entry(1, "morning", "2026-11-22T08:00", Duration.ofHours(1), "FREQ=DAILY", 0));
        StationScheduler sched = new StationScheduler(s, () -> grid, this::show, airings, clock, StationScheduler.DEFAULT_WARNING, StationScheduler.DEFAULT_GRACE, "silence");
        s.submit(sched::replan);
        sync(s);
        advance(s, "2026-11-22T06:10:00Z");
        assertEquals(List.of(
                "silence starts at 2026-11-22T04:50:00Z with {volume=normal}",
                "silence teardown at 2026-11-22T05:00:00Z",
                "morning starts at 2026-11-22T05:00:00Z with {volume=normal, episode=1}",
                "morning wrap-up at 2026-11-22T05:59:30Z (30.0 s left)",
                "morning teardown at 2026-11-22T06:00:00Z",
                "silence starts at 2026-11-22T06:00:00Z with {volume=normal}"), heard);
        assertEquals(List.of("1 morning ok 2026-11-22T05:00:00Z..2026-11-22T06:00:00Z"), airings.summary());
    }

    @Test
    void afterARestartAShowStartsLateWithinGraceOrIsMissed() throws Exception {
        clock.advanceTo(Instant.parse("2026-11-22T05:04:00Z"));   // 08:04: four minutes into the slot
        VirtualScheduler firstHostClock = new VirtualScheduler(clock.now());   // never advanced: this host dies
        StationContext s = station(firstHostClock);
        List<ScheduleEntry> grid = List.of(entry(1, "morning", "2026-11-22T08:00", Duration.ofHours(1), null, 0),
                entry(2, "noon", "2026-11-22T09:00", Duration.ofHours(1), null, 0));
        StationScheduler sched = new StationScheduler(s, () -> grid, this::show, airings, firstHostClock, StationScheduler.DEFAULT_WARNING, Duration.ofMinutes(5), "silence");
        s.submit(sched::replan);
        sync(s);
        assertEquals("morning starts at 2026-11-22T05:04:00Z with {volume=normal, episode=1}", heard.get(0));
        // the host dies; it comes back 20 minutes into the next slot
        StationContext again = station();
        clock.advanceTo(Instant.parse("2026-11-22T06:20:00Z"));
        StationScheduler sched2 = new StationScheduler(again, () -> grid, this::show, airings, clock, StationScheduler.DEFAULT_WARNING, Duration.ofMinutes(5), "silence");
        again.submit(sched2::replan);
        sync(again);
        assertTrue(heard.get(heard.size() - 1).startsWith("silence starts at 2026-11-22T06:20:00Z"), heard.toString());
        assertEquals(List.of("1 morning late 2026-11-22T05:04:00Z..open", "2 noon missed -"), airings.summary());
    }

    @Test
    void aHigherPriorityShowCutsInAndAProgramCanReportNoMedia() throws Exception {
        StationContext s = station();
        List<ScheduleEntry> grid = List.of(entry(1, "music", "2026-11-22T08:00", Duration.ofHours(2), null, 0),
                entry(2, "empty", "2026-11-22T08:30", Duration.ofMinutes(10), null, 5));
        StationScheduler sched = new StationScheduler(s, () -> grid, this::show, airings, clock, Duration.ofSeconds(30), StationScheduler.DEFAULT_GRACE, null);
        s.submit(sched::replan);
        sync(s);
        advance(s, "2026-11-22T07:10:00Z");
        assertEquals(List.of("1 music cut 2026-11-22T05:00:00Z..2026-11-22T05:30:00Z",
                "2 empty no_media 2026-11-22T05:30:00Z..2026-11-22T05:40:00Z",
                "1 music late 2026-11-22T05:40:00Z..2026-11-22T07:00:00Z"), airings.summary());
    }

    /** Airings in memory, summarised for assertions. */
    static final class MemoryAirings implements AiringLog {
        record Row(long entry, String program, String status, Instant start, Instant end) {}
        final List<Row> rows = new ArrayList<>();
        final List<Instant[]> planned = new ArrayList<>();

        @Override public synchronized long begin(String st, Long entryId, String program, String version, Instant ps, Instant pe, Instant as, String status, String reason) {
            rows.add(new Row(entryId, program, status, as, null));
            planned.add(new Instant[] {ps});
            return rows.size() - 1;
        }
        @Override public synchronized void end(long id, Instant ae, String status, String reason) {
            Row r = rows.get((int) id);
            rows.set((int) id, new Row(r.entry, r.program, status.equals("ok") && r.status.equals("late") ? "late" : status, r.start, ae));
        }
        @Override public synchronized boolean exists(String st, Long entryId, Instant ps) {
            for (int i = 0; i < rows.size(); i++) if (rows.get(i).entry == entryId && planned.get(i)[0].equals(ps)) return true;
            return false;
        }
        synchronized List<String> summary() {
            return rows.stream().map(r -> r.entry + " " + r.program + " " + r.status + " " + (r.start == null ? "-" : r.start + ".." + (r.end == null ? "open" : r.end))).toList();
        }
    }

    @Test
    void theWrapUpIsRecordedAndAStrictReplayDeliversItAtTheSameMoment() throws Exception {
        List<Map<String, Object>> log = new CopyOnWriteArrayList<>();
        StationContext s = station(clock, (st, pv, state, dir, kind, f) ->
                log.add(new java.util.LinkedHashMap<>(org.stationd.eventlog.EventLogTap.record(clock.now().toString(), st, pv, state, dir, kind, f))));
        ProgramFactory closing = new ProgramFactory() {
            @Override public String name() { return "closing"; }
            @Override public String version() { return "closing-v1"; }
            @Override public Instance create(ProgramContext ctx) {
                ProgramDefinition d = new ProgramDefinition("closing").add(new StateDefinition("on")
                        .on(EventKind.WRAP_UP, e -> ctx.getStation().conference("studio").play("closing.wav")));
                return () -> d;
            }
        };
        List<ScheduleEntry> grid = List.of(entry(1, "closing", "2026-11-22T08:00", Duration.ofHours(1), null, 0));
        StationScheduler sched = new StationScheduler(s, () -> grid, name -> closing, airings, clock, StationScheduler.DEFAULT_WARNING, StationScheduler.DEFAULT_GRACE, null);
        s.submit(sched::replan);
        sync(s);
        advance(s, "2026-11-22T06:10:00Z");
        assertTrue(log.stream().anyMatch(r -> "sched".equals(r.get("k")) && "wrapUp".equals(r.get("event")) && "2026-11-22T05:59:30Z".equals(r.get("t"))), log.toString());
        assertTrue(log.stream().anyMatch(r -> "sched".equals(r.get("k")) && "start".equals(r.get("event")) && Long.valueOf(1).equals(((Number) r.get("entry")).longValue())), log.toString());
        assertTrue(log.stream().anyMatch(r -> "out".equals(r.get("dir")) && String.valueOf(r.get("cmd")).contains("closing.wav")), log.toString());
        assertEquals(Map.of("volume", "normal", "episode", 1L), log.stream().filter(r -> "load".equals(r.get("k"))).findFirst().orElseThrow().get("settings"),
                "the load record carries the entry's settings");

        StationConfig cfg = new StationConfig("kla", "Radio", ZONE, List.of(), Map.of(), null, Map.of(), "default", Map.of("volume", "normal"), List.of(), List.of());
        org.stationd.eventlog.ReplayResult r = new org.stationd.eventlog.StrictReplay(cfg, closing, Path.of("/m"), Path.of("/r")).run(log, null);
        assertTrue(r.ok(), r.summary() + "\n" + String.join("\n", r.timeline()));
        assertEquals(1, r.commands(), r.summary());
    }
}
