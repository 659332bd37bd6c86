package org.stationd.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.cli.CliRun.stationd;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stationd.cli.CliRun;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.cli.Main;
import org.stationd.esl.testing.Captures;

/** A raw ESL capture of a real FreeSWITCH (shared/esl-captures) imported as one station's event log. */
class CaptureImportTest {
    private static final String A_03 = "6d7c7ede-358c-4cef-9d78-5d2c6efdaf9c";
    private static final String B_03 = "85971bae-16e2-4b1d-83b0-1188f5225314";
    private static final String ORIGINATE_03 = "originate {origination_uuid=" + A_03 + ",station_id=s1}loopback/park/stations &park()";

    @TempDir
    Path dir;

    private static CaptureImport.Result read(String capture, String stationId) throws Exception {
        return CaptureImport.read(Captures.file(capture + ".jsonl"), new CaptureImport.Options("s1", null, stationId));
    }

    private static List<Map<String, Object>> of(CaptureImport.Result r, String dir, String kind) {
        return r.records().stream().filter(x -> dir.equals(x.get("dir")) && kind.equals(x.get("k"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> headers(Map<String, Object> record) {
        return (Map<String, String>) record.get("headers");
    }

    private static List<String> names(CaptureImport.Result r) {
        return of(r, "in", "esl").stream().map(x -> (String) x.get("name")).toList();
    }

    private static List<String> actions(CaptureImport.Result r) {
        return of(r, "in", "esl").stream().map(x -> headers(x).get("Action")).filter(a -> a != null).toList();
    }

    private static Set<String> uuids(CaptureImport.Result r) {
        return of(r, "in", "esl").stream().map(x -> headers(x).get("Unique-ID")).filter(u -> u != null).collect(Collectors.toSet());
    }

    @Test
    void plainPlaybackCaptureBecomesTheStationsInputsAndCommands() throws Exception {
        CaptureImport.Result r = read("03_station_playback_plain", null);

        assertEquals(68, r.records().size(), r.summary());
        assertEquals(58, r.count("in", "esl"));
        assertEquals(2, r.count("in", "job"));
        assertEquals(3, r.count("out", "api"));
        assertEquals(2, r.count("out", "bgapi"));
        assertEquals(3, r.count("out", "sendmsg"));
        assertEquals(89, r.frames());
        Map<String, Integer> skipped = new LinkedHashMap<>();
        skipped.put("auth/request", 1);
        skipped.put("command auth", 1);
        skipped.put("command/reply", 8);
        skipped.put("command event", 1);
        skipped.put("event API", 5);
        skipped.put("api/response", 3);
        skipped.put("command exit", 1);
        skipped.put("text/disconnect-notice", 1);
        assertEquals(skipped, r.skipped());
        assertEquals(89, r.records().size() + r.skippedTotal());

        for (Map<String, Object> x : r.records()) {
            assertEquals(1, x.get("v"));
            assertEquals("s1", x.get("st"));
            assertFalse(x.containsKey("pv"), "no program ran: " + x);
        }

        // the commands, in the order they were sent
        List<String> out = r.records().stream().filter(x -> "out".equals(x.get("dir")))
                .map(x -> x.get("k") + " " + ("sendmsg".equals(x.get("k")) ? x.get("uuid") + " " + x.get("headers") : x.get("cmd"))).toList();
        assertEquals(List.of(
                "bgapi status",
                "bgapi " + ORIGINATE_03,
                "api uuid_answer " + B_03,
                "sendmsg " + B_03 + " {call-command=execute, execute-app-name=playback, execute-app-arg=tone_stream://%(500,500,440);loops=3, Event-UUID=710cbde7-94da-459d-b5a4-ef78b3e248b2}",
                "sendmsg " + B_03 + " {call-command=execute, execute-app-name=playback, execute-app-arg=/usr/local/freeswitch/share/freeswitch/sounds/stations/hello.wav, Event-UUID=531bc790-6816-44e3-81b9-6f1fa00216e1}",
                "api uuid_send_dtmf " + A_03 + " 12",
                "api uuid_recv_dtmf " + B_03 + " 9",
                "sendmsg " + B_03 + " {call-command=hangup, hangup-cause=NORMAL_CLEARING}"), out);
        // the text StrictReplay compares sendmsgs by is the one a live station records
        assertEquals("sendmsg " + B_03 + " {call-command=hangup, hangup-cause=NORMAL_CLEARING}", StrictReplay.text(of(r, "out", "sendmsg").get(2)));

        // background jobs: the command as sent, the result as the session hands it over
        List<Map<String, Object>> jobs = of(r, "in", "job");
        assertEquals("status", jobs.get(0).get("cmd"));
        assertTrue(((String) jobs.get(0).get("body")).startsWith("UP "), jobs.get(0).toString());
        assertEquals(ORIGINATE_03, jobs.get(1).get("cmd"));
        assertEquals("+OK " + A_03 + "\n", jobs.get(1).get("body"));

        // events: decoded headers (plain values are URL-encoded on the wire), both legs, DTMF in order
        List<String> names = names(r);
        assertEquals("CODEC", names.get(0));
        assertEquals(2, names.stream().filter("CHANNEL_DESTROY"::equals).count());
        assertEquals(Set.of(A_03, B_03), of(r, "in", "esl").stream().filter(x -> "CHANNEL_DESTROY".equals(x.get("name")))
                .map(x -> headers(x).get("Unique-ID")).collect(Collectors.toSet()));
        assertEquals(List.of("1", "2", "9"), of(r, "in", "esl").stream().filter(x -> "DTMF".equals(x.get("name")))
                .map(x -> headers(x).get("DTMF-Digit")).toList());
        Map<String, Object> park = of(r, "in", "esl").stream().filter(x -> "CHANNEL_PARK".equals(x.get("name"))).findFirst().orElseThrow();
        assertEquals(B_03, headers(park).get("Unique-ID"));
        assertEquals("inbound", headers(park).get("Call-Direction"));
        assertEquals("s1", headers(park).get("variable_station_id"));
        assertNull(park.get("body"));
        assertTrue(of(r, "in", "esl").stream().anyMatch(x -> "CHANNEL_EXECUTE".equals(x.get("name"))
                && "710cbde7-94da-459d-b5a4-ef78b3e248b2".equals(headers(x).get("Application-UUID"))));

        // times: the switch's clock (first event's Event-Date-Timestamp − its t) plus each frame's t
        assertEquals("the first event's Event-Date-Timestamp, line 8", r.startSource());
        assertEquals(Instant.parse("2026-11-22T06:27:15.256463Z"), r.start());
        Map<String, Object> hangup = of(r, "out", "sendmsg").get(2);
        assertEquals("2026-11-22T06:27:20.820873Z", hangup.get("t"));   // start + 5.564410 s
        String previous = "";
        for (Map<String, Object> x : r.records()) {
            String t = (String) x.get("t");
            assertEquals(27, t.length(), t);   // six fraction digits: times sort as text
            assertTrue(t.compareTo(previous) >= 0, t + " after " + previous);
            previous = t;
            if ("esl".equals(x.get("k"))) {
                Instant stamped = Instant.EPOCH.plus(Duration.ofNanos(Long.parseLong(headers(x).get("Event-Date-Timestamp")) * 1000));
                assertTrue(Duration.between(stamped, Instant.parse(t)).abs().compareTo(Duration.ofMillis(50)) < 0, x.get("name") + " at " + t + ", stamped " + stamped);
            }
        }
    }

    @Test
    void givenStartMovesEveryRecord() throws Exception {
        CaptureImport.Result r = CaptureImport.read(Captures.file("03_station_playback_plain.jsonl"),
                new CaptureImport.Options("kla", Instant.parse("2026-11-22T08:00:00Z"), null));
        assertEquals("given", r.startSource());
        Map<String, Object> status = r.records().get(0);
        assertEquals("bgapi", status.get("k"));
        assertEquals("2026-11-22T08:00:00.001445Z", status.get("t"));
        assertEquals("kla", status.get("st"));
    }

    @Test
    void withoutAnEventTheCaptureEndsAtItsLastModifiedTime() throws Exception {
        Path capture = Files.copy(Captures.file("01_auth_api.jsonl"), dir.resolve("01_auth_api.jsonl"));
        Files.setLastModifiedTime(capture, java.nio.file.attribute.FileTime.from(Instant.parse("2026-11-22T09:00:00Z")));
        CaptureImport.Result r = CaptureImport.read(capture, new CaptureImport.Options("s1", null, null));
        double length = Captures.load(capture).getLast().t();
        assertEquals(Instant.parse("2026-11-22T09:00:00Z").minus(Math.round(length * 1e6), java.time.temporal.ChronoUnit.MICROS), r.start());
        assertTrue(r.startSource().startsWith("the capture's last-modified time"), r.startSource());
        assertEquals(8, r.count("out", "api"));   // status, global_getvar, not_a_command, show channels ×3, originate, uuid_kill
        assertEquals(0, r.count("in", null));
    }

    @Test
    void jsonConferenceCaptureAndFilteringByStationId() throws Exception {
        CaptureImport.Result all = read("04_news_conference_json", null);
        assertEquals(282, all.records().size(), all.summary());
        assertEquals(269, all.count("in", "esl"));
        assertEquals(5, all.count("in", "job"));
        assertEquals(5, all.count("out", "bgapi"));
        assertEquals(List.of("conference news list", "conference news play /usr/local/freeswitch/share/freeswitch/sounds/stations/news.wav",
                "conference news kick all"), of(all, "out", "api").stream().map(x -> x.get("cmd")).toList());
        List<String> actions = actions(all);
        assertEquals(1, actions.stream().filter("conference-create"::equals).count());
        assertEquals(5, actions.stream().filter("add-member"::equals).count());
        assertEquals(5, actions.stream().filter("kick-member"::equals).count());
        assertEquals(5, actions.stream().filter("del-member"::equals).count());
        assertEquals(1, actions.stream().filter("conference-destroy"::equals).count());
        assertTrue(of(all, "in", "esl").stream().anyMatch(x -> "play-file-done".equals(headers(x).get("Action"))
                && String.valueOf(headers(x).get("File")).endsWith("/stations/news.wav")));
        assertEquals(10, names(all).stream().filter("CHANNEL_DESTROY"::equals).count());
        assertEquals(0, names(all).stream().filter(n -> n.equals("HEARTBEAT") || n.equals("PRESENCE_IN") || n.equals("API")).count());
        assertEquals(11, all.skipped().get("event PRESENCE_IN"));
        for (Map<String, Object> job : of(all, "in", "job")) {
            String cmd = (String) job.get("cmd");
            String uuid = cmd.substring(cmd.indexOf("origination_uuid=") + 17, cmd.indexOf(','));
            assertEquals("+OK " + uuid + "\n", job.get("body"));   // a JSON event's "_body"
            assertTrue(of(all, "out", "bgapi").stream().anyMatch(b -> cmd.equals(b.get("cmd"))), cmd);
        }

        // station s2: its own call (both loopback legs), the conference it is in, the commands that are not another station's
        CaptureImport.Result s2 = read("04_news_conference_json", "s2");
        assertEquals(69, s2.records().size(), s2.summary());
        assertEquals(213, s2.skipped().get("not station_id s2"));
        assertEquals(List.of("originate {origination_uuid=e7ea33f1-2bc2-40f8-88e8-b20c9cf2c0e9,station_id=s2}loopback/news/stations &park()"),
                of(s2, "out", "bgapi").stream().map(x -> x.get("cmd")).toList());
        assertEquals(List.of("+OK e7ea33f1-2bc2-40f8-88e8-b20c9cf2c0e9\n"), of(s2, "in", "job").stream().map(x -> x.get("body")).toList());
        assertEquals(3, s2.count("out", "api"));
        // the A leg's two CODEC events before CHANNEL_UUID carry a temporary uuid: it is s2's too
        assertEquals(3, uuids(s2).size(), uuids(s2).toString());
        assertTrue(uuids(s2).containsAll(Set.of("e7ea33f1-2bc2-40f8-88e8-b20c9cf2c0e9", "a320fc90-9dfe-4e8e-8ce7-c4d6f60613f1")), uuids(s2).toString());
        List<String> s2actions = actions(s2);
        assertEquals(List.of("conference-create", "add-member"), s2actions.subList(0, 2));
        assertEquals(1, s2actions.stream().filter("add-member"::equals).count());
        assertEquals(1, s2actions.stream().filter("kick-member"::equals).count());
        assertEquals("conference-destroy", s2actions.get(s2actions.size() - 1));

        // every call of the capture is some station's: the stations' imports together hold all of them
        Set<String> union = new HashSet<>();
        for (int i = 1; i <= 5; i++) {
            CaptureImport.Result one = read("04_news_conference_json", "s" + i);
            assertEquals(1, one.count("out", "bgapi"));
            assertEquals(1, one.count("in", "job"));
            Set<String> mine = uuids(one);
            assertTrue(mine.stream().noneMatch(union::contains), "shared by two stations: " + mine);
            union.addAll(mine);
        }
        assertEquals(uuids(all), union);
    }

    @Test
    void outboundSessionSendmsgsGetTheChannelOfTheConnectReply() throws Exception {
        CaptureImport.Result r = read("06_outbound_socket", null);
        assertEquals(15, r.records().size(), r.summary());
        assertEquals(12, r.count("in", "esl"));
        assertEquals(1, uuids(r).size(), uuids(r).toString());
        String channel = uuids(r).iterator().next();
        List<Map<String, Object>> sendmsgs = of(r, "out", "sendmsg");
        assertEquals(List.of("answer", "playback", "hangup"), sendmsgs.stream()
                .map(x -> headers(x).getOrDefault("execute-app-name", headers(x).get("call-command"))).toList());
        sendmsgs.forEach(x -> assertEquals(channel, x.get("uuid")));
        assertEquals(1, r.skipped().get("command connect"));
        assertEquals(1, r.skipped().get("command linger"));
        assertEquals(2, r.skipped().get("text/disconnect-notice"));

        assertEquals(r.records(), read("06_outbound_socket", "s3").records());   // the channel's station_id
        assertEquals(0, read("06_outbound_socket", "s1").records().size());
    }

    @Test
    void failedOriginateAndCommandsWithoutACall() throws Exception {
        CaptureImport.Result r = read("08_filter_and_errors", null);
        assertEquals(List.of("originate {station_id=s9}loopback/does_not_exist/stations &park()"), of(r, "in", "job").stream().map(x -> x.get("cmd")).toList());
        assertEquals("-ERR NO_ROUTE_DESTINATION\n", of(r, "in", "job").get(0).get("body"));
        assertEquals(4, r.skipped().get("command filter"));
        assertEquals(1, r.skipped().get("command nixevent"));
        assertEquals(1, r.skipped().get("command noevents"));
        assertTrue(of(r, "out", "sendmsg").stream().anyMatch(x -> "5e71764e-fba7-4320-9601-121cdf9db441".equals(x.get("uuid"))));

        // station s9 never got a call: its two originates and the one result that came back
        CaptureImport.Result s9 = read("08_filter_and_errors", "s9");
        assertEquals(0, s9.count("in", "esl"));
        assertEquals(2, s9.count("out", "bgapi"));
        assertEquals(1, s9.count("in", "job"));
        // the call of s5 is not s9's, nor are the commands about it
        assertTrue(s9.records().stream().noneMatch(x -> String.valueOf(x.get("cmd")).contains("5246390d") || "5246390d-2bc4-43c1-8ee3-1eeb307b01bd".equals(x.get("uuid"))));
        CaptureImport.Result s5 = read("08_filter_and_errors", "s5");
        assertEquals(List.of("originate {origination_uuid=5246390d-2bc4-43c1-8ee3-1eeb307b01bd,station_id=s5}loopback/answer_park/stations &park()",
                        "uuid_kill 5246390d-2bc4-43c1-8ee3-1eeb307b01bd"),
                of(s5, "out", "api").stream().map(x -> (String) x.get("cmd")).filter(c -> c.contains("5246390d")).toList());
        assertEquals(uuids(r), uuids(s5));
    }

    @Test
    void switchShutdownKeepsTheCallsEventsOnly() throws Exception {
        CaptureImport.Result r = read("09_fs_restart", null);
        assertEquals(46, r.count("in", "esl"));
        assertEquals(List.of("originate {origination_uuid=f12e2933-1f03-40b9-ac57-2857d55713e8,station_id=s1}loopback/answer_park/stations &park()", "fsctl shutdown"),
                of(r, "out", "api").stream().map(x -> x.get("cmd")).toList());
        assertEquals(38, r.skipped().get("event MODULE_UNLOAD"));
        assertEquals(1, r.skipped().get("event SHUTDOWN"));
        assertEquals(2, names(r).stream().filter("CHANNEL_DESTROY"::equals).count());
        assertTrue(names(r).contains("CHANNEL_HANGUP_COMPLETE"));
    }

    @Test
    void churnCaptureTwoHundredCallsOfTwentyStations() throws Exception {
        CaptureImport.Result all = read("10_churn_plain", null);
        assertEquals(10_397, all.count("in", "esl"));   // 10,799 events less 200 API, 200 BACKGROUND_JOB, HEARTBEAT, RE_SCHEDULE
        assertEquals(200, all.count("in", "job"));
        assertEquals(200, all.count("out", "bgapi"));
        assertEquals(400, all.count("out", "sendmsg"));
        assertEquals(0, all.count("out", "api"));
        Path out = dir.resolve("churn.jsonl.gz");
        CaptureImport.write(all.records(), out, false);
        assertEquals(all.records(), EventLogReader.read(out));   // 11,197 records, many sharing one t: the order holds

        CaptureImport.Result s7 = read("10_churn_plain", "s7");
        assertEquals(10, s7.count("out", "bgapi"));
        of(s7, "out", "bgapi").forEach(x -> assertTrue(((String) x.get("cmd")).contains(",station_id=s7}"), x.toString()));
        assertEquals(10, s7.count("in", "job"));
        of(s7, "in", "job").forEach(x -> assertTrue(((String) x.get("body")).startsWith("+OK "), x.toString()));
        assertEquals(20, s7.count("out", "sendmsg"));
        assertEquals(20, names(s7).stream().filter("CHANNEL_DESTROY"::equals).count());
        assertEquals(10, names(s7).stream().filter("PLAYBACK_STOP"::equals).count());
    }

    @Test
    void everyCaptureImportsAndReadsBackAsItWasImported() throws Exception {
        List<String> withCalls = new ArrayList<>();
        for (Path capture : Captures.all()) {
            CaptureImport.Result r = CaptureImport.read(capture, new CaptureImport.Options("s1", null, null));
            assertEquals(r.frames(), r.records().size() + r.skippedTotal(), capture.toString());
            if (r.count("in", "esl") == 0) continue;
            withCalls.add(capture.getFileName().toString());
            if (Files.size(capture) > 4_000_000) continue;   // the churn capture reads back in its own test
            Path out = dir.resolve(capture.getFileName() + (withCalls.size() % 2 == 0 ? ".gz" : ""));
            CaptureImport.write(r.records(), out, false);
            assertEquals(r.records(), EventLogReader.read(out), capture.toString());
        }
        assertTrue(withCalls.containsAll(List.of("03_station_playback_plain.jsonl", "04_news_conference_json.jsonl",
                "06_outbound_socket.jsonl", "08_filter_and_errors.jsonl", "09_fs_restart.jsonl", "10_churn_plain.jsonl")), withCalls.toString());
    }

    @Test
    void aGarbledLineIsAnErrorNamingFileAndLine() throws Exception {
        List<String> lines = Files.readAllLines(Captures.file("03_station_playback_plain.jsonl"));

        Path notJson = dir.resolve("not-json.jsonl");
        List<String> copy = new ArrayList<>(lines);
        copy.set(11, copy.get(11).substring(0, 40));
        Files.write(notJson, copy);
        EventLogException e = assertThrows(EventLogException.class, () -> CaptureImport.read(notJson, new CaptureImport.Options("s1", null, null)));
        assertTrue(e.getMessage().startsWith(notJson + ":12: not a JSON object"), e.getMessage());

        Path shortFrame = dir.resolve("short-frame.jsonl");
        copy = new ArrayList<>(lines);
        copy.set(39, "{\"t\": 0.027891, \"dir\": \"recv\", \"raw\": \"Content-Length: 900\\nContent-Type: text/event-plain\\n\\nEvent-Name: CHANNEL_STATE\\n\\n\"}");
        Files.write(shortFrame, copy);
        e = assertThrows(EventLogException.class, () -> CaptureImport.read(shortFrame, new CaptureImport.Options("s1", null, null)));
        assertTrue(e.getMessage().startsWith(shortFrame + ":40: the frame is incomplete"), e.getMessage());

        Path badEvent = dir.resolve("bad-event.jsonl");
        copy = new ArrayList<>(lines);
        copy.set(40, "{\"t\": 0.027891, \"dir\": \"recv\", \"raw\": \"Content-Length: 9\\nContent-Type: text/event-json\\n\\n{not json\"}");
        Files.write(badEvent, copy);
        e = assertThrows(EventLogException.class, () -> CaptureImport.read(badEvent, new CaptureImport.Options("s1", null, null)));
        assertTrue(e.getMessage().startsWith(badEvent + ":41: malformed text/event-json event"), e.getMessage());

        Path noDir = dir.resolve("no-dir.jsonl");
        copy = new ArrayList<>(lines);
        copy.set(5, "{\"t\": 0.001445, \"raw\": \"bgapi status\\n\\n\"}");
        Files.write(noDir, copy);
        e = assertThrows(EventLogException.class, () -> CaptureImport.read(noDir, new CaptureImport.Options("s1", null, null)));
        assertTrue(e.getMessage().startsWith(noDir + ":6: \"dir\" is not"), e.getMessage());
    }

    @Test
    void strictReplayTakesAnImportedLog() throws Exception {
        // a capture is no show of this program: the replay runs the recorded inputs and reports where the commands part
        CaptureImport.Result r = CaptureImport.read(Captures.file("03_station_playback_plain.jsonl"),
                new CaptureImport.Options(StrictReplayTest.CONFIG.id(), null, null));
        ReplayResult result = new StrictReplay(StrictReplayTest.CONFIG, StrictReplayTest.program("tone.wav", 3), dir, dir).run(r.records(), null);
        assertFalse(result.ok());
        assertEquals("bgapi status", result.divergence().expected());
        assertTrue(result.divergence().actual().startsWith("bgapi originate "), result.divergence().actual());
        assertEquals(1, result.inputs());
    }

    @Test
    void commandLineImportWritesAnEventLogTheReplayReads() throws Exception {
        String capture = Captures.file("04_news_conference_json.jsonl").toString();
        Path out = dir.resolve("kla/imported.jsonl");
        CliRun run = stationd("eventlog", "import", capture, "--station", "kla", "--station-id", "s3", "--out", out.toString(),
                "--start", "2026-11-22T08:00:00Z");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("wrote " + out + ": station kla, "), run.out());
        assertTrue(run.out().contains("in 65 (esl 64, job 1), out 4 (api 3, bgapi 1)"), run.out());
        assertTrue(run.out().contains("not station_id s3=213"), run.out());
        assertTrue(run.out().contains("start 2026-11-22T08:00:00.000000Z (given)"), run.out());

        List<Map<String, Object>> log = EventLogReader.read(out);
        assertEquals(69, log.size());
        assertTrue(log.stream().allMatch(x -> "kla".equals(x.get("st"))));
        // the conference its call joins was created for s1's call, earlier: its events are s3's all the same
        assertEquals("conference-create", headers(log.get(0)).get("Action"));
        Map<String, Object> first = log.get(1);
        assertEquals("out", first.get("dir"));
        assertEquals("bgapi", first.get("k"));
        assertEquals("originate {origination_uuid=bfe91b07-9724-4a0a-b555-c21e8c732bb0,station_id=s3}loopback/news/stations &park()", first.get("cmd"));
        assertEquals("2026-11-22T08:00:00.008683Z", first.get("t"));
        assertEquals(CaptureImport.read(Path.of(capture), new CaptureImport.Options("kla", Instant.parse("2026-11-22T08:00:00Z"), "s3")).records(), log);

        // an existing log is not overwritten unless asked
        CliRun again = stationd("eventlog", "import", capture, "--station", "kla", "--out", out.toString());
        assertEquals(2, again.exit());
        assertTrue(again.err().contains(out + " exists"), again.err());
        assertEquals(69, EventLogReader.read(out).size());
        CliRun forced = stationd("eventlog", "import", capture, "--station", "kla", "--out", out.toString(), "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertEquals(282, EventLogReader.read(out).size());

        // a garbled capture: file and line, exit 1, nothing written
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(capture)));
        lines.set(99, "{\"t\": 1, \"dir\": \"recv\", \"raw\": \"Content-Type text/event-json\\n\\n\"}");
        Path garbled = dir.resolve("garbled.jsonl");
        Files.write(garbled, lines);
        CliRun bad = stationd("eventlog", "import", garbled.toString(), "--station", "kla", "--out", dir.resolve("bad.jsonl").toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().startsWith("stationd: " + garbled + ":100: not an ESL frame: "), bad.err());
        assertFalse(Files.exists(dir.resolve("bad.jsonl")));

        CliRun badStart = stationd("eventlog", "import", capture, "--station", "kla", "--start", "yesterday");
        assertEquals(2, badStart.exit());
        assertTrue(badStart.err().contains("--start"), badStart.err());
    }
}
