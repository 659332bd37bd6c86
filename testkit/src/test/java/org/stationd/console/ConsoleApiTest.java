package org.stationd.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.api.Recording;
import org.stationd.config.ConsoleConfig;
import org.stationd.storage.DbRecordings;
import org.stationd.programs.VoiceBoardTest;
import org.stationd.testing.Show;

/** The console's JSON API against a running host on the simulated switch: the same operations as the control socket, and who may use them. */
class ConsoleApiTest {
    static final String TOKEN = "operator-token-0123456789";
    static final String READ_ONLY = "viewer-token-0123456789ab";

    @TempDir
    static Path dir;
    static Show show;
    static ConsoleServer console;
    static ConsoleHttp api;

    @BeforeAll
    static void start() throws Exception {
        show = VoiceBoardTest.withPrompts(Show.in(dir))
                .program(Show.programFile("playlist.groovy")).media("jingle.wav", 0.3).media("music-1.wav", 0.5)
                .station("gulu", s -> s.program("voiceboard.groovy").transmitter("user/3001").line("ivr", "7009"))
                .station("kla", s -> s.program("playlist.groovy").transmitter("user/3002")
                        .settings("{ jingle: jingle.wav, series: [], ads: [], music: [music-1.wav] }"))
                .program("broken.groovy", "program {\n    apiVersion 1\n    name 'broken'\n    state('a') {\n        on.incomingCall { e -> throw new IllegalStateException('boom') }\n    }\n}\n")
                .station("zed", s -> s.program("broken.groovy").transmitter("user/3003").line("in", "7011"))
                .start();
        console = ConsoleServer.start(show.host(), new ConsoleConfig("127.0.0.1", 0, List.of(), List.of()));
        api = new ConsoleHttp(console.url());
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) api.close();
        if (console != null) console.close();
        if (show != null) show.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void statusListsEveryStationAsTheControlSocketDoes() throws Exception {
        ConsoleHttp.Answer a = api.get("/api/status");
        assertEquals(200, a.status(), a.body());
        List<Map<String, Object>> stations = (List<Map<String, Object>>) a.json().get("stations");
        assertEquals(List.of("gulu", "kla", "zed"), stations.stream().map(s -> s.get("station")).toList());
        assertEquals("voiceboard.groovy", stations.get(0).get("program"));
    }

    @Test
    void aHostOutsideAClusterSaysSo() throws Exception {
        ConsoleHttp.Answer a = api.get("/api/cluster");
        assertEquals(200, a.status(), a.body());
        assertEquals(Map.of("clustered", false), a.json());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStationsLastErrorComesWithItsTime() throws Exception {
        assertEquals(200, api.post("/api/phone", Map.of("station", "zed")).status());   // its handler fails now, with the console watching
        show.await("zed's program failed", () -> show.station("zed").lastError() != null);
        show.await("the console saw when", () -> {
            try {
                List<Map<String, Object>> st = (List<Map<String, Object>>) api.get("/api/status").json().get("stations");
                return st.stream().anyMatch(s -> "zed".equals(s.get("station")) && s.get("lastErrorAt") != null
                        && String.valueOf(s.get("lastError")).contains("boom"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aCallFromTheTestPhoneIsOnTheFeedAndInTheCallRecordsAfterwards() throws Exception {
        List<String> feed = api.feed();
        ConsoleHttp.Answer placed = api.post("/api/phone", Map.of("station", "gulu"));
        assertEquals(200, placed.status(), placed.body());
        String call = (String) placed.json().get("call");
        ConsoleHttp.await(feed, "\"topic\":\"phone/" + call + "\"", "answered");
        ConsoleHttp.await(feed, "\"topic\":\"station/gulu/aired\"", "voiceboard-category.wav");
        ConsoleHttp.await(feed, "\"topic\":\"station/gulu/aired\"", "listens for keys");   // the switch takes keys from now on
        assertEquals(200, api.post("/api/phone/" + call + "/keys", Map.of("keys", "2")).status());
        ConsoleHttp.await(feed, "voiceboard-days.wav");
        assertEquals(200, api.post("/api/phone/" + call + "/hangup", Map.of()).status());
        ConsoleHttp.await(feed, "\"topic\":\"phone/" + call + "\"", "ended");

        // the station's record is of its own leg (the far end of the phone's loopback call), from the phone's number
        show.await("the call record is written", () -> csvRows("gulu", "256700000001") > 0);
        ConsoleHttp.Answer csv = api.get("/api/calls?station=gulu&format=csv");
        assertEquals("text/csv; charset=utf-8", csv.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(csv.body().startsWith("call_id,station_id,program,direction,from_number,to_number,role,created_at"), csv.body());
        assertTrue(csv.body().lines().anyMatch(l -> l.contains(",gulu,") && l.contains(",inbound,256700000001,7009,")), csv.body());
        ConsoleHttp.Answer page = api.get("/api/calls?q=256700000001&size=1");
        assertEquals(1, ((List<?>) page.json().get("rows")).size(), page.body());
        ConsoleHttp.Answer ended = api.post("/api/phone/" + call + "/keys", Map.of("keys", "1"));
        assertEquals(400, ended.status(), "an ended call is refused as the control socket refuses it");
        assertEquals("no test call " + call + " here: it has ended, or ./stationd call did not place it", ended.json().get("error"));
    }

    /** Rows of the calls CSV of a station holding {@code text}. */
    static long csvRows(String station, String text) {
        try {
            return api.get("/api/calls?station=" + station + "&format=csv").body().lines().skip(1).filter(l -> l.contains(text)).count();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aScheduleEntryIsAddedEditedAndRemoved() throws Exception {
        String start = LocalDateTime.now(ZoneId.of("Africa/Kampala")).plusDays(1).withNano(0).withSecond(0).toString();
        ConsoleHttp.Answer added = api.post("/api/stations/kla/schedule", Map.of("program", "playlist.groovy", "start", start, "duration", "30m"));
        assertEquals(200, added.status(), added.body());
        long id = ((Number) added.json().get("id")).longValue();
        List<Map<String, Object>> entries = (List<Map<String, Object>>) api.get("/api/stations/kla/schedule").json().get("entries");
        assertTrue(entries.stream().anyMatch(e -> ((Number) e.get("id")).longValue() == id && "30m".equals(e.get("duration"))), entries.toString());

        ConsoleHttp.Answer edited = api.send("PUT", "/api/stations/kla/schedule/" + id, Map.of("program", "playlist.groovy", "start", start, "duration", "1h", "settings", Map.of("music", List.of("music-1.wav"))),
                Map.of("Origin", console.url().replaceAll("/$", ""), "Content-Type", "application/json"));
        assertEquals(200, edited.status(), edited.body());
        long newId = ((Number) edited.json().get("id")).longValue();
        entries = (List<Map<String, Object>>) api.get("/api/stations/kla/schedule").json().get("entries");
        assertTrue(entries.stream().noneMatch(e -> ((Number) e.get("id")).longValue() == id), entries.toString());
        assertTrue(entries.stream().anyMatch(e -> ((Number) e.get("id")).longValue() == newId && "1h".equals(e.get("duration"))), entries.toString());
        assertTrue(entries.stream().anyMatch(e -> ((Number) e.get("id")).longValue() == newId
                && Map.of("music", List.of("music-1.wav")).equals(e.get("settings"))), "the edit keeps its settings: " + entries);
        ConsoleHttp.Answer badSettings = api.post("/api/stations/kla/schedule", Map.of("program", "playlist.groovy", "start", start, "duration", "30m", "settings", "loud"));
        assertEquals(400, badSettings.status());
        assertEquals("'schedule-add': \"settings\" must be an object of text, numbers, true/false and lists (at most 8 deep)", badSettings.json().get("error"));

        ConsoleHttp.Answer bad = api.post("/api/stations/kla/schedule", Map.of("program", "playlist.groovy", "start", "tomorrow", "duration", "30m"));
        assertEquals(400, bad.status());
        assertEquals("'schedule-add': \"start\" 'tomorrow' is not a local date and time, e.g. 2026-12-24T18:00", bad.json().get("error"));

        ConsoleHttp.Answer removed = api.send("DELETE", "/api/stations/kla/schedule/" + newId, null, Map.of("Origin", console.url().replaceAll("/$", "")));
        assertEquals(200, removed.status(), removed.body());
    }

    @Test
    void refusalsSayWhyWithoutJavaText() throws Exception {
        ConsoleHttp.Answer noStation = api.get("/api/stations/nowhere/schedule");
        assertEquals(404, noStation.status());
        assertEquals("no station 'nowhere'", noStation.json().get("error"));
        ConsoleHttp.Answer escape = api.post("/api/stations/gulu/swap", Map.of("program", "../stations.yaml"));
        assertEquals(400, escape.status());
        assertTrue(((String) escape.json().get("error")).contains("no program named"), escape.body());
        ConsoleHttp.Answer garbled = api.send("POST", "/api/reload", null, Map.of("Origin", console.url().replaceAll("/$", ""), "Content-Type", "application/json"));
        assertEquals(200, garbled.status(), "an empty body is an empty object: " + garbled.body());
        ConsoleHttp.Answer notJson = api.send("POST", "/api/stations/gulu/swap", null, Map.of("Origin", "http://evil.example"));
        assertEquals(403, notJson.status(), "another site's page cannot make a change: " + notJson.body());
    }

    @Test
    void beyondLoopbackARequestNeedsTheTokenAndAReadOnlyTokenOnlyLooks() throws Exception {
        try (ConsoleServer open = ConsoleServer.start(show.host(), new ConsoleConfig("0.0.0.0", 0, List.of(TOKEN), List.of(READ_ONLY)));
             ConsoleHttp anon = new ConsoleHttp(open.url());
             ConsoleHttp wrong = new ConsoleHttp(open.url()).bearer("not-the-token-0123456789");
             ConsoleHttp viewer = new ConsoleHttp(open.url()).bearer(READ_ONLY);
             ConsoleHttp operator = new ConsoleHttp(open.url()).bearer(TOKEN)) {
            for (String path : List.of("/", "/api/status", "/metrics", "/api/events", "/api/calls?format=csv")) {
                assertEquals(401, anon.get(path).status(), path);
                assertEquals(401, wrong.get(path).status(), path);
            }
            assertEquals(401, anon.post("/api/reload", Map.of()).status());
            assertEquals(200, viewer.get("/api/status").status());
            assertEquals(200, viewer.get("/metrics").status());
            ConsoleHttp.Answer looking = viewer.post("/api/reload", Map.of());
            assertEquals(403, looking.status());
            assertEquals("this token may only look: changes need an operator's token", looking.json().get("error"));
            assertEquals(200, operator.post("/api/reload", Map.of()).status());
            assertEquals(403, operator.send("POST", "/api/reload", Map.of(), Map.of("Origin", "http://evil.example")).status());

            ConsoleHttp.Answer page = anon.get("/?token=" + TOKEN);
            assertEquals(200, page.status());
            String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith(Access.COOKIE + "=" + TOKEN), cookie);
            assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("httponly") && cookie.contains("SameSite=Strict"), cookie);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void recordingsAreHeardDecidedAndGivenAnExpiryAndOnlyTheRecordingsFolderIsServed() throws Exception {
        Path inside = Files.createDirectories(dir.resolve("data/recordings/gulu")).resolve("greeting-1.wav");
        Files.write(inside, new byte[] {'R', 'I', 'F', 'F', 1, 2, 3, 4});
        Path outside = dir.resolve("stations.yaml");
        DbRecordings recs = new DbRecordings(show.host().database(), "gulu", java.time.Instant::now);
        long ok = recs.save(inside.toString(), "greeting", 3, "256700000009", 2.0).id();
        long escape = recs.save(outside.toString(), "ad", 3, "256700000010", 1.0).id();

        List<Map<String, Object>> pending = (List<Map<String, Object>>) api.get("/api/stations/gulu/recordings?status=pending").json().get("recordings");
        Map<String, Object> a = pending.stream().filter(r -> ((Number) r.get("id")).longValue() == ok).findFirst().orElseThrow();
        assertEquals(true, a.get("audible"));
        ConsoleHttp.Answer audio = api.get("/api/stations/gulu/recordings/" + ok + "/audio");
        assertEquals(200, audio.status());
        assertEquals("audio/wav", audio.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(404, api.get("/api/stations/gulu/recordings/" + escape + "/audio").status(), "a file outside the recordings folder is not served");
        assertEquals(404, api.get("/api/stations/kla/recordings/" + ok + "/audio").status(), "another station's recording is not this one's");

        assertEquals(200, api.post("/api/stations/gulu/recordings/" + ok, Map.of("status", "approved", "expires", "2099-01-31")).status());
        Recording r = recs.all().stream().filter(x -> x.id() == ok).findFirst().orElseThrow();
        assertEquals("approved", r.status());
        assertEquals(java.time.LocalDate.of(2099, 2, 1).atStartOfDay(ZoneId.of("Africa/Kampala")).toInstant().toEpochMilli(), r.expiresAtEpochMillis());
        assertTrue(recs.playable().stream().anyMatch(x -> x.id() == ok), "approved and not expired: it airs");
        assertEquals(200, api.post("/api/stations/gulu/recordings/" + escape, Map.of("status", "rejected")).status());
        assertTrue(recs.playable().stream().noneMatch(x -> x.id() == escape));

        ConsoleHttp.Answer bad = api.post("/api/stations/gulu/recordings/" + ok, Map.of("status", "aired"));
        assertEquals(400, bad.status());
        assertEquals("\"status\" must be approved, rejected or pending", bad.json().get("error"));
        assertEquals(400, api.post("/api/stations/gulu/recordings/" + ok, Map.of("expires", "soon")).status());
        assertEquals(404, api.post("/api/stations/gulu/recordings/999999", Map.of("status", "approved")).status());
    }

    @Test
    void metricsCountTheStationsEvents() throws Exception {
        ConsoleHttp.Answer m = api.get("/metrics");
        assertEquals(200, m.status());
        assertTrue(m.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        assertTrue(m.body().contains("stationd_station_events_in_total{station=\"gulu\"}"), m.body());
    }
}
