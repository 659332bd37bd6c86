package org.stationd.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
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
import org.stationd.api.ProgramError;
import org.stationd.api.StateDefinition;
import org.stationd.config.Gateway;
import org.stationd.config.StationConfig;
import org.stationd.config.Transmitter;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.session.ApiResponse;

class StationContextTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final RealScheduler scheduler = new RealScheduler();
    private final RecordingLink link = new RecordingLink();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<ProgramError> errors = new CopyOnWriteArrayList<>();
    private final Router router = new Router();

    @AfterEach
    void close() {
        pool.shutdownNow();
        scheduler.close();
    }

    private StationContext station(String id) {
        return station(id, scheduler);
    }

    private StationContext station(String id, Scheduler scheduler) {
        return station(id, scheduler, b -> b);
    }

    /** A station whose services are the usual ones, then as {@code more} changes them. */
    private StationContext station(String id, Scheduler scheduler, java.util.function.UnaryOperator<StationServices.Builder> more) {
        StationConfig cfg = new StationConfig(id, "Radio " + id, ZoneId.of("Africa/Kampala"),
                List.of(new Transmitter("sip", "user/1001", null, null), new Transmitter("sim1", null, "0772000001", "mtn")),
                Map.of("call-in", List.of("+256414000001")), null,
                Map.of("mtn", new Gateway("mtn", "sofia/gateway/mtn/", "")), "p", Map.of(), List.of(), List.of());
        StationListener listener = new StationListener() {
            @Override public void stateChanged(String s, String p, String from, String to) { log.add(s + ":" + from + "->" + to); }
            @Override public void programError(String s, String p, ProgramError e) { errors.add(e); }
        };
        StationServices services = more.apply(StationServices.builder(link, scheduler, pool).listener(listener).files(Path.of("/media"), Path.of("/rec"))
                .leases(new MemoryLeases(java.time.Instant::now)).owners(router)).build();
        StationContext s = new StationContext(cfg, services);
        router.add(s);
        return s;
    }

    private static ProgramFactory program(java.util.function.Function<ProgramContext, ProgramDefinition> build) {
        return new ProgramFactory() {
            @Override public String name() { return "test"; }
            @Override public String version() { return "v1"; }
            @Override public Instance create(ProgramContext ctx) {
                ProgramDefinition d = build.apply(ctx);
                return () -> d;
            }
        };
    }

    private static void sync(StationContext s) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        s.submit(done::countDown);
        assertTrue(done.await(5, TimeUnit.SECONDS));
    }

    private static EslEvent esl(String name, String uuid, String... kv) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Event-Name", name);
        h.put("Unique-ID", uuid);
        for (int i = 0; i < kv.length; i += 2) {
            h.put(kv[i], kv[i + 1]);
        }
        return new EslEvent(EslEvent.Format.PLAIN, h, null);
    }

    private static ProgramDefinition showProgram(ProgramContext ctx) {
        return new ProgramDefinition("show")
                .add(new StateDefinition("dial")
                        .enter(e -> ctx.getStation().dialTransmitter())
                        .on(EventKind.ANSWERED, e -> e.getCall().play("jingle.wav"))
                        .on(EventKind.PLAYBACK_DONE, e -> ctx.go("live")))
                .add(new StateDefinition("live")
                        .enter(e -> ctx.getData().put("live", true))
                        .on(EventKind.DTMF, e -> {
                            if ("9".equals(e.getDigit())) ctx.go("end");
                            if ("0".equals(e.getDigit())) throw new IllegalStateException("zero is not allowed");
                            if ("*".equals(e.getDigit())) while (!Thread.currentThread().isInterrupted()) { /* runaway */ }
                        })
                        .on(EventKind.INCOMING_CALL, e -> { e.getCall().answer(); e.getCall().say("hello"); }))
                .add(new StateDefinition("end").enter(e -> ctx.getStation().getTransmitter().hangup()));
    }

    /** A program holds the station's api.Station facade, the same one each time, never the host's handle on the station. */
    @Test
    void aProgramHoldsTheFacadeNotTheHostsHandle() throws Exception {
        StationContext s = station("kla");
        List<Object> held = new CopyOnWriteArrayList<>();
        s.submit(() -> s.load(program(ctx -> new ProgramDefinition("holder").add(new StateDefinition("on")
                .enter(e -> { held.add(ctx.getStation()); held.add(ctx.getStation().getId()); })))));
        sync(s);
        assertEquals(2, held.size(), "the program's enter ran");
        assertSame(s.station(), held.get(0));
        assertFalse(held.get(0) instanceof StationContext, "a program never gets the host's handle");
        assertEquals("kla", held.get(1));
    }

    /** A swap stops the running handler at once, with the swap as its reason, instead of waiting for its limit. */
    @Test
    void aSwapStopsTheRunningHandlerAtOnce() throws Exception {
        StationContext s = station("gulu");
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        s.submit(() -> s.load(program(ctx -> new ProgramDefinition("stuck").add(new StateDefinition("on")
                .on(EventKind.MESSAGE, e -> {
                    inHandler.countDown();
                    never.await();   // blocked: its own limit would stop it after 5 s, as "blocked"
                })))));
        s.submit(() -> s.deliver(org.stationd.api.Event.of(EventKind.MESSAGE).topic("x").build()));
        assertTrue(inHandler.await(10, TimeUnit.SECONDS));
        s.stopRunningHandler("its program is being swapped", java.time.Duration.ZERO);
        sync(s);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).message().contains("was stopped: its program is being swapped"), errors.toString());
    }

    /** Two of the station's calls bridged: the program hears BRIDGED with the other call, as the station holds it. */
    @Test
    void aBridgedCallNamesTheOtherCall() throws Exception {
        StationContext s = station("bri");
        List<String> heard = new CopyOnWriteArrayList<>();
        s.submit(() -> s.load(program(ctx -> new ProgramDefinition("bridge").add(new StateDefinition("on")
                .on(EventKind.BRIDGED, e -> heard.add(e.getCall().getId() + " with " + (e.getOther() == null ? null : e.getOther().getId())))))));
        sync(s);
        for (String uuid : List.of("a-leg", "b-leg")) {
            router.onEvent(esl("CHANNEL_PARK", uuid, "Call-Direction", "inbound", "Caller-Destination-Number", "+256414000001"));
        }
        router.onEvent(esl("CHANNEL_BRIDGE", "a-leg", "Other-Leg-Unique-ID", "b-leg"));
        sync(s);
        assertEquals(List.of("a-leg with b-leg"), heard);
    }

    /**
     * A shared conference: another station's report of the same file is stopped just as this one
     * asks for it (the news relay's handover). Its play-file-done ends the other's playback, not
     * ours: each station's play carries its own tag, which FreeSWITCH echoes.
     */
    @Test
    void theEndOfAnotherStationsPlaybackOfTheSameFileIsNotOurs() throws Exception {
        StationContext s = station("kla");
        List<String> heard = new CopyOnWriteArrayList<>();
        s.submit(() -> s.load(program(ctx -> new ProgramDefinition("relay").add(new StateDefinition("on")
                .enter(e -> ctx.getStation().conference("shared:news"))
                .on(EventKind.MESSAGE, e -> ctx.getStation().conference("shared:news").play("news.wav"))
                .on(EventKind.CONFERENCE_PLAYBACK_DONE, e -> heard.add(e.getFile() + " " + e.getStatus()))))));
        sync(s);
        String theirs = "{stationd_play=0b7c4d4e-8a51-4a5e-9d0c-3f6c3f0e2a11}/media/news.wav";
        router.onEvent(newsRoom("play-file", theirs));        // the old master's report is playing
        sync(s);
        s.submit(() -> s.deliver(org.stationd.api.Event.of(EventKind.MESSAGE).topic("news/handover").build()));   // we take over: play
        sync(s);
        String ours = played("shared-news");
        assertTrue(ours.matches("\\{stationd_play=[0-9a-f-]{36}}/media/news.wav"), ours);
        router.onEvent(newsRoom("play-file", ours));          // ours begins (FreeSWITCH announces it at once)
        router.onEvent(newsRoom("play-file-done", theirs));   // the old master's stop lands now
        router.onEvent(newsRoom("play-file-done", "/media/news.wav"));   // a station of an older stationd, untagged
        sync(s);
        assertEquals(List.of(), heard, "the other reports' ends are not ours");
        router.onEvent(newsRoom("play-file-done", ours));     // ours ends
        sync(s);
        assertEquals(List.of("news.wav done"), heard);
    }

    /** A conference event of the shared news room: play-file, play-file-done of {@code file} as the switch names it. */
    private static EslEvent newsRoom(String action, String file) {
        return esl("CUSTOM", null, "Event-Subclass", "conference::maintenance", "Conference-Name", "shared-news", "File", file, "Action", action);
    }

    /** The name on the switch of the last file the station played into {@code room}. */
    private String played(String room) {
        String prefix = "api conference " + room + " play ";
        List<String> plays = link.commands.stream().filter(c -> c.startsWith(prefix)).toList();
        assertFalse(plays.isEmpty(), link.commands.toString());
        return plays.get(plays.size() - 1).substring(prefix.length());
    }

    /**
     * A relay master moved to this host (a failover, a rebalance) stops the room and plays the report
     * from where it was. FreeSWITCH moves the head of the room's files, and the stopped files stay the
     * head until the conference's next frame closes them: the seek waits for their ends, then moves ours.
     */
    @Test
    void aNewMasterMovesItsReportOnlyOnceTheStoppedOnesHaveEnded() throws Exception {
        link.replies.put("conference shared-news stop", "+OK Stopped 2 files.\n");
        StationContext s = station("kla");
        List<String> heard = new CopyOnWriteArrayList<>();
        s.submit(() -> s.load(program(ctx -> new ProgramDefinition("relay").add(new StateDefinition("on")
                .enter(e -> ctx.getStation().conference("shared:news"))
                .on(EventKind.MESSAGE, e -> {
                    ctx.getStation().conference("shared:news").stop();
                    ctx.getStation().conference("shared:news").play("news.wav", 18);
                })
                .on(EventKind.CONFERENCE_PLAYBACK_DONE, e -> heard.add(e.getFile() + " " + e.getStatus()))))));
        sync(s);
        s.submit(() -> s.deliver(org.stationd.api.Event.of(EventKind.MESSAGE).topic("news/master").build()));   // master now: stop, play
        sync(s);
        String ours = played("shared-news");
        router.onEvent(newsRoom("play-file", ours));          // ours is announced before the stopped ones close
        router.onEvent(newsRoom("play-file-done", "{stationd_play=0b7c4d4e-8a51-4a5e-9d0c-3f6c3f0e2a11}/media/news.wav"));
        sync(s);
        assertTrue(link.commands.stream().noneMatch(c -> c.contains("file_seek")), "one stopped file is still the head: " + link.commands);
        router.onEvent(newsRoom("play-file-done", "{stationd_play=5d1f0c7a-41d2-4c59-8d8e-1b8f3c1f9e20}/media/news.wav"));
        sync(s);
        assertEquals(List.of("api conference shared-news file_seek 18000"), link.commands.stream().filter(c -> c.contains("file_seek")).toList());
        assertEquals(List.of(), heard, "the old reports' ends are not ours");
        router.onEvent(newsRoom("play-file-done", ours));
        sync(s);
        assertEquals(List.of("news.wav done"), heard);
    }

    /** What this station asked for before it stopped the room ends stopped, even before it began. */
    @Test
    void aPlaybackStoppedBeforeItBeganEndsStopped() throws Exception {
        StationContext s = station("kla");
        List<String> heard = new CopyOnWriteArrayList<>();
        s.submit(() -> s.load(program(ctx -> new ProgramDefinition("relay").add(new StateDefinition("on")
                .enter(e -> ctx.getStation().conference("shared:news").play("news.wav"))
                .on(EventKind.MESSAGE, e -> ctx.getStation().conference("shared:news").stop())
                .on(EventKind.CONFERENCE_PLAYBACK_DONE, e -> heard.add(e.getFile() + " " + e.getStatus()))))));
        sync(s);
        s.submit(() -> s.deliver(org.stationd.api.Event.of(EventKind.MESSAGE).topic("stop").build()));
        sync(s);
        router.onEvent(newsRoom("play-file-done", played("shared-news")));
        sync(s);
        assertEquals(List.of("news.wav stopped"), heard);
    }

    /**
     * In a cluster a start can wait (a busy host) while another host takes the station: its program
     * is not started here. A program whose host lost the station meanwhile has its commands kept
     * from the switch by the fence, and the event log says so ({@code "fenced": true}).
     */
    @Test
    void aStationThisHostNoLongerHoldsStartsNoProgramAndItsCommandsAreLoggedFenced() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean(false);
        List<String> said = new CopyOnWriteArrayList<>();
        List<Map<String, Object>> out = new CopyOnWriteArrayList<>();
        StationContext s = station("mbl", scheduler, b -> b
                .listener(new StationListener() {
                    @Override public void log(String st, String p, String state, String level, String message) { said.add(message); }
                })
                .tap((st, v, state, dir, kind, fields) -> {
                    if ("out".equals(dir)) out.add(fields);
                })
                .held(held::get));
        s.submit(() -> s.load(program(StationContextTest::showProgram)));
        sync(s);
        assertEquals(null, s.programName(), "no program started");
        assertTrue(link.commands.isEmpty(), link.commands.toString());
        assertTrue(said.contains("not started here: another host runs the station now"), said.toString());

        held.set(true);
        s.submit(() -> s.load(program(StationContextTest::showProgram)));
        sync(s);
        assertEquals(1, out.size(), out.toString());   // the transmitter's originate, sent while held
        assertFalse(out.get(0).containsKey("fenced"), out.toString());
        held.set(false);
        String tx = link.originated().get(0);
        router.onEvent(esl("CHANNEL_ANSWER", tx));
        router.onEvent(esl("CHANNEL_PARK", tx));   // answered: the show plays its jingle, now fenced
        sync(s);
        assertEquals(2, out.size(), out.toString());
        assertEquals(true, out.get(1).get("fenced"), out.toString());
    }

    /** A station that moves to another host keeps its named leases (its next run renews them); taken off air, it gives them up. */
    @Test
    void aStationMovingToAnotherHostKeepsItsTokenAndOneTakenOffAirGivesItUp() throws Exception {
        MemoryLeases leases = new MemoryLeases(java.time.Instant::now);
        StationContext s = station("mov", scheduler, b -> b.leases(leases));
        ProgramFactory master = program(ctx -> new ProgramDefinition("relay").add(new StateDefinition("on")
                .enter(e -> assertTrue(ctx.getStation().lease("news-master", 10)))));
        s.submit(() -> s.load(master));
        sync(s);
        s.submit(() -> s.unload(true));
        sync(s);
        assertFalse(leases.claim("station/mov/news-master", "another-station", java.time.Duration.ofSeconds(10)), "the moving station still holds the token");
        s.submit(() -> s.load(master));   // its next run renews it
        sync(s);
        s.submit(s::unload);
        sync(s);
        assertTrue(leases.claim("station/mov/news-master", "another-station", java.time.Duration.ofSeconds(10)), "taken off air, it gave the token up");
    }

    @Test
    void runsAShowFromTransmitterToDtmfAndSurvivesFaultyHandlers() throws Exception {
        StationContext s = station("kla");
        s.submit(() -> s.load(program(StationContextTest::showProgram)));
        sync(s);
        String tx = link.originated().get(0);
        assertTrue(link.commands.get(0).startsWith("bgapi originate {origination_uuid=" + tx + ",station_id=kla,stationd_role=transmitter,originate_timeout=30}user/1001 &park()"), link.commands.toString());

        router.onEvent(esl("CHANNEL_ANSWER", tx));
        router.onEvent(esl("CHANNEL_PARK", tx));   // the originate's &park(): FreeSWITCH runs it once answered
        sync(s);
        String play = link.lastAppUuid("playback");
        assertTrue(link.commands.stream().anyMatch(c -> c.equals("sendmsg " + tx + "|call-command: execute|execute-app-name: playback|execute-app-arg: /media/jingle.wav|event-lock: true|Event-UUID: " + play)), link.commands.toString());

        router.onEvent(esl("CHANNEL_EXECUTE_COMPLETE", tx, "Application", "playback", "Application-UUID", play, "Application-Response", "FILE PLAYED"));
        sync(s);
        assertEquals("live", s.state());

        router.onEvent(esl("DTMF", tx, "DTMF-Digit", "0"));       // throws
        router.onEvent(esl("DTMF", tx, "DTMF-Digit", "*"));       // loops until stopped
        sync(s);
        assertEquals(2, errors.size(), errors.toString());
        assertEquals("zero is not allowed", errors.get(0).message());
        assertTrue(errors.get(1).message().contains("used more than 200 ms of CPU time"), errors.get(1).message());   // the dtmf handler is warm by now
        assertEquals("live", s.state());

        router.onEvent(esl("CHANNEL_PARK", "in-1", "Call-Direction", "inbound", "Caller-Caller-ID-Number", "+256700000001", "Caller-Destination-Number", "+256414000001"));
        sync(s);
        assertTrue(link.commands.contains("sendmsg in-1|call-command: execute|execute-app-name: answer"), link.commands.toString());
        assertTrue(link.commands.stream().anyMatch(c -> c.startsWith("sendmsg in-1|call-command: execute|execute-app-name: speak|execute-app-arg: flite|kal|hello")));

        router.onEvent(esl("DTMF", tx, "DTMF-Digit", "9"));
        sync(s);
        assertEquals("end", s.state());
        assertTrue(link.commands.contains("sendmsg " + tx + "|call-command: hangup|hangup-cause: NORMAL_CLEARING"));
        assertEquals(List.of("kla:null->dial", "kla:dial->live", "kla:live->end"), log);
    }

    /** Programs iterate station.calls, and unloading hangs them all up: in the order they were made, so a replay (other uuids) does the same. */
    @Test
    void callsKeepTheOrderTheyWereMadeIn() throws Exception {
        StationContext s = station("kla");
        s.submit(() -> s.load(program(ctx -> new ProgramDefinition("many").add(new StateDefinition("a")
                .enter(e -> { for (int i = 0; i < 20; i++) ctx.getStation().originate("user/" + (2000 + i)); })))));
        sync(s);
        List<String> made = link.originated();
        assertEquals(20, made.size());
        assertEquals(made, s.station().getCalls().stream().map(org.stationd.api.Call::getId).toList());
        s.submit(s::unload);
        sync(s);
        List<String> hungUp = link.commands.stream().filter(c -> c.endsWith("|call-command: hangup|hangup-cause: NORMAL_CLEARING"))
                .map(c -> c.substring("sendmsg ".length(), c.indexOf('|'))).toList();
        assertEquals(made, hungUp);
    }

    @Test
    void transmitterFallsBackToTheNextNumberAndReportsFailureOnlyAtTheEnd() throws Exception {
        StationContext s = station("gulu");
        List<String> heard = new CopyOnWriteArrayList<>();
        s.submit(() -> s.load(program(ctx -> new ProgramDefinition("tx").add(new StateDefinition("a")
                .enter(e -> ctx.getStation().dialTransmitter())
                .on(EventKind.FAILED, e -> heard.add("failed " + e.getCause()))
                .on(EventKind.ANSWERED, e -> heard.add("answered"))))));
        sync(s);
        String first = link.originated().get(0);
        link.originates.get(first).complete(new ApiResponse("-ERR USER_BUSY\n"));
        sync(s);
        sync(s);
        assertEquals(2, link.originated().size(), link.commands.toString());
        assertTrue(link.commands.get(1).endsWith("}sofia/gateway/mtn/0772000001 &park()"), link.commands.get(1));
        assertTrue(heard.isEmpty(), heard.toString());
        String second = link.originated().get(1);
        router.onEvent(esl("CHANNEL_HANGUP", second, "Hangup-Cause", "NO_ANSWER"));
        sync(s);
        assertEquals(List.of("failed NO_ANSWER"), heard);
        link.originates.get(second).complete(new ApiResponse("-ERR NO_ANSWER\n"));   // the same failure, said twice by the switch
        sync(s);
        sync(s);
        assertEquals(List.of("failed NO_ANSWER"), heard);
    }

    /** A program that places one call and says what it hears of it. */
    private static ProgramFactory caller(List<String> heard) {
        return program(ctx -> new ProgramDefinition("call").add(new StateDefinition("a")
                .enter(e -> ctx.getStation().originate("user/2001"))
                .on(EventKind.FAILED, e -> heard.add("failed " + e.getCause()))
                .on(EventKind.ANSWERED, e -> heard.add("answered"))));
    }

    private static final Throwable NO_REPLY = new java.util.concurrent.CompletionException(
            new org.stationd.esl.session.EslTimeoutException("no reply to 'bgapi originate …' within 10000 ms"));

    /** The originate's reply came after the link stopped waiting: the call the switch placed anyway is the program's call. */
    @Test
    void aCallWhoseOriginateWasAnsweredTooLateIsStillTheProgramsCall() throws Exception {
        StationContext s = station("kla");
        List<String> heard = new CopyOnWriteArrayList<>();
        s.submit(() -> s.load(caller(heard)));
        sync(s);
        String uuid = link.originated().get(0);
        link.originates.get(uuid).completeExceptionally(NO_REPLY);
        sync(s);
        sync(s);
        assertTrue(heard.isEmpty(), "no failure yet: the switch may have placed the call " + heard);
        assertTrue(s.owns(uuid));
        router.onEvent(esl("CHANNEL_ANSWER", uuid));
        router.onEvent(esl("CHANNEL_PARK", uuid));   // the originate's &park(): FreeSWITCH runs it once answered
        sync(s);
        assertEquals(List.of("answered"), heard);
        assertTrue(link.commands.stream().noneMatch(c -> c.contains("uuid_kill")), link.commands.toString());
    }

    /** The late job result of such an originate says it failed: the program hears the switch's own cause. */
    @Test
    void aLateJobResultFailsTheCallWithTheSwitchsCause() throws Exception {
        StationContext s = station("kla");
        List<String> heard = new CopyOnWriteArrayList<>();
        s.submit(() -> s.load(caller(heard)));
        sync(s);
        String uuid = link.originated().get(0);
        String command = link.commands.get(0).substring("bgapi originate ".length());
        link.originates.get(uuid).completeExceptionally(NO_REPLY);
        sync(s);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Event-Name", "BACKGROUND_JOB");
        h.put("Job-UUID", "f1f5a3d1-b25b-4490-9481-e8f6f2a4c090");
        h.put("Job-Command", "originate");
        h.put("Job-Command-Arg", command);
        router.onEvent(new EslEvent(EslEvent.Format.PLAIN, h, "-ERR USER_BUSY\n"));
        sync(s);
        sync(s);
        assertEquals(List.of("failed USER_BUSY"), heard);
        assertTrue(!s.owns(uuid));
    }

    /**
     * Nothing of the call came within its ring time and the grace: the program hears SWITCH_ERROR,
     * and should the call come after all, nobody holding it, it is hung up (once).
     */
    @Test
    void aLateOriginateGivenUpIsHungUpWhenItsCallComesAfterAll() throws Exception {
        VirtualScheduler clock = new VirtualScheduler(java.time.Instant.parse("2026-12-04T02:00:00Z"));
        StationContext s = station("kla", clock);
        List<String> heard = new CopyOnWriteArrayList<>();
        s.submit(() -> s.load(caller(heard)));
        sync(s);
        String uuid = link.originated().get(0);
        link.originates.get(uuid).completeExceptionally(NO_REPLY);
        sync(s);
        clock.advance(Duration.ofSeconds(30).plus(LateOriginates.GRACE).minusSeconds(1));
        sync(s);
        assertTrue(heard.isEmpty(), heard.toString());
        clock.advance(Duration.ofSeconds(1));
        sync(s);
        assertEquals(List.of("failed SWITCH_ERROR"), heard);
        List<String> kill = List.of("api uuid_kill " + uuid + " NORMAL_CLEARING");
        assertEquals(kill, link.commands.stream().filter(c -> c.contains("uuid_kill")).toList(),
                "given up: hung up in case it is there with its events lost");
        router.onEvent(esl("CHANNEL_ANSWER", uuid));
        router.onEvent(esl("CHANNEL_PARK", uuid));
        sync(s);
        assertEquals(List.of(kill.get(0), kill.get(0)), link.commands.stream().filter(c -> c.contains("uuid_kill")).toList(),
                "and again when it comes after all, once");
        assertEquals(List.of("failed SWITCH_ERROR"), heard, "the program hears nothing of a call it was told had failed");
        router.onEvent(esl("CHANNEL_HANGUP", uuid, "Hangup-Cause", "NORMAL_CLEARING"));
        router.onEvent(esl("CHANNEL_DESTROY", uuid));
        sync(s);
        assertEquals(2, link.commands.stream().filter(c -> c.contains("uuid_kill")).count());
    }

    /** Over its sessions per second FreeSWITCH refuses an originate (-ERR DESTINATION_OUT_OF_ORDER): the same number is tried again. */
    @Test
    void aTransmitterCallTheSwitchRefusedIsTriedAgainNotGivenUp() throws Exception {
        StationContext s = station("lira");
        List<String> heard = new CopyOnWriteArrayList<>();
        s.submit(() -> s.load(program(ctx -> new ProgramDefinition("tx").add(new StateDefinition("a")
                .enter(e -> ctx.getStation().dialTransmitter())
                .on(EventKind.FAILED, e -> heard.add("failed " + e.getCause()))
                .on(EventKind.ANSWERED, e -> heard.add("answered"))))));
        sync(s);
        link.originates.get(link.originated().get(0)).complete(new ApiResponse("-ERR DESTINATION_OUT_OF_ORDER\n"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (link.originated().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);   // the retry comes after REFUSED_RETRY_DELAY on the real clock
        }
        assertEquals(2, link.originated().size(), link.commands.toString());
        assertTrue(link.commands.get(1).endsWith("}user/1001 &park()"), "the same number again, not the next: " + link.commands.get(1));
        sync(s);
        assertTrue(heard.isEmpty(), "the program hears nothing of a refusal: " + heard);
    }

    @Test
    void reloadKeepsStateAndDataAndSwapRunsTeardown() throws Exception {
        StationContext s = station("mbale");
        List<String> seen = new CopyOnWriteArrayList<>();
        s.submit(() -> s.load(program(ctx -> new ProgramDefinition("v1")
                .add(new StateDefinition("one").enter(e -> { ctx.getData().put("n", 1); ctx.go("two"); }))
                .add(new StateDefinition("two").enter(e -> seen.add("v1 two entered")))
                .teardown(e -> seen.add("v1 teardown")))));
        sync(s);
        s.submit(() -> s.reload(program(ctx -> new ProgramDefinition("v2")
                .add(new StateDefinition("one"))
                .add(new StateDefinition("two").on(EventKind.TIMER, e -> seen.add("v2 timer, n=" + ctx.getData().get("n"))))
                .teardown(e -> seen.add("v2 teardown")))));
        sync(s);
        assertEquals("two", s.state());
        s.submit(() -> s.deliver(org.stationd.api.Event.of(EventKind.TIMER).timer("t").build()));
        sync(s);
        s.submit(s::unload);
        sync(s);
        assertEquals(List.of("v1 two entered", "v2 timer, n=1", "v2 teardown"), seen);
        assertNotNull(s);
    }

    /** A command that loses a race with the caller's hangup is no program error (the hangup follows); another refusal is. */
    @Test
    void aCommandToACallTheSwitchNoLongerHasIsNoError() throws Exception {
        StationContext s = station("kla");
        s.submit(() -> s.load(program(ctx -> new ProgramDefinition("board").add(new StateDefinition("a")
                .on(EventKind.INCOMING_CALL, e -> e.getCall().answer())
                .on(EventKind.DTMF, e -> e.getCall().play("menu.wav"))))));
        sync(s);
        router.onEvent(esl("CHANNEL_PARK", "in-1", "Call-Direction", "inbound", "Caller-Caller-ID-Number", "+256700000001", "Caller-Destination-Number", "+256414000001"));
        router.onEvent(esl("CHANNEL_ANSWER", "in-1"));
        sync(s);
        link.refusing.put("in-1", "-ERR invalid session id [in-1]");
        router.onEvent(esl("DTMF", "in-1", "DTMF-Digit", "1"));
        sync(s);
        sync(s);
        assertTrue(errors.isEmpty(), errors.toString());

        link.refusing.put("in-1", "-ERR no reply");
        router.onEvent(esl("DTMF", "in-1", "DTMF-Digit", "2"));
        sync(s);
        sync(s);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("play menu.wav", errors.get(0).handler());
    }

    /**
     * The switch goes away under a station: the transmitter's drop reaches the program, but a dial
     * that fails while the switch is away is no {@code failed} for it; the station dials again the
     * moment the switch is back, and calls that died with it are heard as hang-ups.
     */
    @Test
    void aTransmitterWaitsForTheSwitchAndCallsLostWithItAreHungUp() throws Exception {
        StationContext s = station("kla");
        List<String> heard = new CopyOnWriteArrayList<>();
        s.submit(() -> s.load(program(ctx -> new ProgramDefinition("tx")
                .add(new StateDefinition("on")
                        .enter(e -> ctx.getStation().dialTransmitter())
                        .on(EventKind.ANSWERED, e -> heard.add("answered"))
                        .on(EventKind.FAILED, e -> heard.add("failed " + e.getCause()))
                        .on(EventKind.HANGUP, e -> {
                            heard.add("hangup " + e.getCause());
                            ctx.getStation().dialTransmitter();   // as news-relay does: at once
                        })))));
        sync(s);
        String first = link.originated().get(0);
        router.onEvent(esl("CHANNEL_ANSWER", first));
        router.onEvent(esl("CHANNEL_PARK", first));   // the originate's &park(): FreeSWITCH runs it once answered
        sync(s);

        router.onEvent(esl("CHANNEL_HANGUP", first, "Hangup-Cause", "SYSTEM_SHUTDOWN"));
        sync(s);
        assertEquals(List.of("answered", "hangup SYSTEM_SHUTDOWN"), heard);
        assertEquals(1, link.originated().size(), "no originate into a switch that is shutting down: " + link.commands);

        s.submit(() -> s.switchState(true));
        s.submit(() -> s.switchState(false));
        sync(s);
        assertEquals(2, link.originated().size(), "dialled the moment the switch is back: " + link.commands);
        String second = link.originated().get(1);
        link.originates.get(second).completeExceptionally(new IllegalStateException("connection closed"));   // the link dropped again
        s.submit(() -> s.switchState(true));
        sync(s);
        assertEquals(List.of("answered", "hangup SYSTEM_SHUTDOWN"), heard, "a dial lost with the link is not the transmitter's failure");

        s.submit(() -> s.switchState(false));
        sync(s);
        assertEquals(3, link.originated().size(), link.commands.toString());
        String third = link.originated().get(2);
        router.onEvent(esl("CHANNEL_ANSWER", third));
        router.onEvent(esl("CHANNEL_PARK", third));   // the originate's &park(): FreeSWITCH runs it once answered
        sync(s);
        assertEquals(java.util.Set.of(third), s.liveCallIds());

        s.submit(() -> s.callsLost(List.of(third), "SWITCH_RESTARTED"));   // the switch came back without it
        sync(s);
        assertEquals(List.of("answered", "hangup SYSTEM_SHUTDOWN", "answered", "hangup SWITCH_RESTARTED"), heard);
        assertEquals(4, link.originated().size(), "the program dialled again: " + link.commands);
        assertEquals(java.util.Set.of(link.originated().get(3)), s.liveCallIds(), "the lost call is forgotten, the new one is ringing");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    /**
     * The backstop behind every value check: whatever builds a command (a text message here), one
     * with a line break or past the switch's buffer is never written to the link the stations share.
     */
    @Test
    void noCommandWithALineBreakOrOverTheLimitLeavesTheStation() throws Exception {
        StationContext s = station("kla");
        List<Throwable> thrown = new CopyOnWriteArrayList<>();
        for (String command : List.of("chat sms|1|2|" + "x".repeat(org.stationd.limits.Limits.SWITCH_COMMAND_BYTES), "chat sms|1|2|a\nevent plain ALL",
                "chat sms|1|2|a\rb")) {
            s.submit(() -> {
                try {
                    s.switchApi(command);
                } catch (org.stationd.limits.LimitException e) {
                    thrown.add(e);
                }
            });
        }
        s.submit(() -> s.switchApi("chat sms|1|2|hello"));
        sync(s);
        assertEquals(3, thrown.size(), thrown.toString());
        assertTrue(thrown.get(0).getMessage().contains("over 16 KiB; it was not sent"), thrown.get(0).getMessage());
        assertTrue(thrown.get(1).getMessage().contains("a line break"), thrown.get(1).getMessage());
        assertEquals(List.of("api chat sms|1|2|hello"), link.commands);
        assertEquals(Map.of("switch", 3L), s.refusals().snapshot());
    }
}
