package org.stationd.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.live.LiveSwitch;
import org.stationd.eventlog.EventLogReader;
import org.stationd.media.Wav;
import org.stationd.storage.Database;
import org.stationd.storage.postgres.LivePostgres;

/**
 * The proof of issue 16 on loopback: three host processes ({@code stationd run}), one real
 * PostgreSQL, two real FreeSWITCH instances (every host connects to both), sixty stations relaying
 * the news (programs/news-relay.js), thirty on each switch, one group (one relay) per switch, spread
 * 20/20/20 over the hosts. The host running a news master is killed with SIGKILL: its stations are
 * claimed by the others within the lease and back in their switch's shared conference soon after;
 * the killed host restarts under the same id and gets stations back only by rebalancing. From every
 * host's event log: no station's run on one host overlaps its run on another, and each relay's
 * token was held by one station at a time.
 */
class ClusterFailoverLiveTest {
    @RegisterExtension
    static final LivePostgres PG = new LivePostgres();
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();
    /** The second switch: stations s31 to s60, their own relay (a conference does not span switches). */
    @RegisterExtension
    static final LiveSwitch FS2 = new LiveSwitch();
    private static final ObjectMapper JSON = new ObjectMapper();

    static final int STATIONS = 60;
    static final Duration LEASE = Duration.ofSeconds(4);
    /** How long a station may take from being claimed to being in the conference again: a program load, a dial, a join, on a busy machine. */
    static final Duration BACK_ON_AIR = Duration.ofSeconds(15);
    static final Duration TOKEN = Duration.ofSeconds(10);   // news-relay.js takes 'news-master' for 10 s

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)   // a failure keeps the hosts' folders and event logs
    Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, List<String>> output = new TreeMap<>();
    /** What the last look at the conferences found (for a failed wait). */
    private volatile String lastSeen = "";

    @AfterEach
    void stopHosts() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    static String id(int i) {
        return String.format("s%02d", i);
    }

    /** s01 to s30 run on east, s31 to s60 on west; each switch's stations are one relay (group). */
    static String switchOf(String station) {
        return Integer.parseInt(station.substring(1)) <= STATIONS / 2 ? "east" : "west";
    }

    /** A program shipped in the checkout's programs/ (the tests run in a module folder below it). */
    static Path shipped(String file) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("programs").resolve(file))) return p.resolve("programs").resolve(file);
        }
        throw new IllegalStateException("no programs/" + file + " above " + Path.of("").toAbsolutePath());
    }

    private void setUp() throws Exception {
        Files.createDirectories(dir.resolve("programs/media"));
        Files.copy(shipped("news-relay.js"), dir.resolve("programs/news-relay.js"));
        Wav.write(dir.resolve("programs/media/news.wav"), Wav.melody(600, new int[] {440, 550, 660}), Wav.RATE);   // outlasts the test
        StringBuilder stations = new StringBuilder("stations:\n");
        for (int i = 1; i <= STATIONS; i++) {
            stations.append("  - { id: ").append(id(i)).append(", switch: ").append(switchOf(id(i))).append(", group: news-").append(switchOf(id(i)))
                    .append(", timezone: UTC, program: news-relay.js, transmitter: [ { sip: loopback/tx")
                    .append(i).append("/stations } ], settings: { report: news.wav } }\n");
        }
        for (String h : List.of("a", "b", "c")) {
            Files.createDirectories(dir.resolve(h));
            Files.writeString(dir.resolve(h).resolve("stations.yaml"), "switches: { east: " + FS.get().url() + ", west: " + FS2.get().url() + " }\n"
                    // each host paces its own originates: three at 4/s, two sessions a loopback call, stay under the switches' 30/s
                    + "originates_per_second: 4\n"
                    + "programs: " + dir.resolve("programs") + "\nmedia: " + dir.resolve("programs/media") + "\ndata: data\n"
                    + "control:\n  control: tcp://127.0.0.1:*\n  publish: tcp://127.0.0.1:*\nconsole: { listen: \"off\" }\n"
                    + "database: { url: '" + PG.url() + "', user: " + PG.user() + " }\n"
                    + "cluster: { host_id: " + h + ", lease: " + LEASE.toSeconds() + "s }\n" + stations);
        }
    }

    private Process host(String h) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(org.stationd.cli.JvmStartupWarningsTestAccess.flags());
        // gc.log in the host's folder (kept when the test fails): a pause longer than the lease shows there
        cmd.addAll(List.of("-Xmx256m", "-Xlog:gc:file=gc.log", "-cp", System.getProperty("java.class.path"), "org.stationd.cli.Main", "run", "--config",
                dir.resolve(h).resolve("stations.yaml").toString()));
        Process p = new ProcessBuilder(cmd).directory(dir.resolve(h).toFile()).redirectErrorStream(true).start();
        processes.add(p);
        List<String> out = output.computeIfAbsent(h, k -> new CopyOnWriteArrayList<>());
        Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) out.add(h + ": " + line);
            } catch (Exception ignored) {
                // the process died
            }
        });
        return p;
    }

    private String said() {
        StringBuilder b = new StringBuilder();
        output.values().forEach(l -> l.stream().skip(Math.max(0, l.size() - 40)).forEach(s -> b.append(s).append('\n')));
        return b.toString();
    }

    /** Every host's whole output, beside the report. */
    private void keepOutput() {
        try {
            for (Map.Entry<String, List<String>> e : output.entrySet()) {
                Files.write(Path.of("target", "cluster-failover-" + e.getKey() + ".log"), e.getValue());
            }
        } catch (java.io.IOException ignored) {
            // the report still has the last lines
        }
    }

    private void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                keepOutput();
                throw new AssertionError("waited " + limit.toSeconds() + " s for: " + what + " (hosts' output: target/cluster-failover-*.log; their folders: " + dir + ")\n" + lastSeen + "\n" + said());
            }
            Thread.sleep(100);
        }
    }

    /** Each station's live owner, as the database says now. */
    private static Map<String, String> owners(Database db) {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT station_id, owner FROM station_leases WHERE owner IS NOT NULL AND expires_at > CURRENT_TIMESTAMP")) {
            while (r.next()) out.put(r.getString(1), r.getString(2));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static long owning(Map<String, String> owners, String host) {
        return owners.values().stream().filter(host::equals).count();
    }

    /** The stations whose transmitter is in a conference on that switch (the station's leg of loopback/tx<N>). */
    private static List<String> onAir(EslClient fs) {
        try {
            JsonNode root = JSON.readTree(fs.api("show channels as json").get(10, TimeUnit.SECONDS).body());
            List<String> out = new ArrayList<>();
            for (JsonNode row : root.path("rows")) {
                String name = row.path("name").asText();
                if (name.startsWith("loopback/tx") && name.endsWith("-a") && "conference".equals(row.path("application").asText())) {
                    out.add(id(Integer.parseInt(name.substring("loopback/tx".length(), name.length() - 2))));
                }
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every station in a conference once, on its own switch. */
    private boolean allOnAirOnce(EslClient east, EslClient west) {
        List<String> onEast = onAir(east);
        List<String> onWest = onAir(west);
        List<String> on = new ArrayList<>(onEast);
        on.addAll(onWest);
        lastSeen = "on air: " + on.size() + "; missing: " + IntStream.rangeClosed(1, STATIONS).mapToObj(ClusterFailoverLiveTest::id).filter(s -> !on.contains(s)).toList()
                + "; twice: " + on.stream().filter(s -> on.indexOf(s) != on.lastIndexOf(s)).distinct().toList();
        return on.size() == STATIONS && on.stream().distinct().count() == STATIONS
                && onEast.stream().allMatch(s -> switchOf(s).equals("east")) && onWest.stream().allMatch(s -> switchOf(s).equals("west"));
    }

    @Test
    void aKilledHostsStationsComeBackOnTheOthersAndItGetsStationsBackOnlyByRebalancing() throws Exception {
        try {
            failover();
        } catch (Throwable t) {
            keepOutput();
            throw t;
        }
    }

    private void failover() throws Exception {
        setUp();
        try (EslClient fs = EslClient.connect(FS.get().options()); EslClient fs2 = EslClient.connect(FS2.get().options()); Database db = Database.open(PG.url(), PG.user(), "")) {
            for (String h : List.of("a", "b", "c")) host(h);
            await(STATIONS + " stations spread " + STATIONS / 3 + " to each host", Duration.ofSeconds(120), () -> {
                Map<String, String> o = owners(db);
                return o.size() == STATIONS && Stream.of("a", "b", "c").allMatch(h -> owning(o, h) == STATIONS / 3);
            });
            await("every station in its switch's shared conference, once", Duration.ofSeconds(60), () -> allOnAirOnce(fs, fs2));
            await("a news master", Duration.ofSeconds(30), () -> !tokenGrants().isEmpty());
            List<Grant> granted = tokenGrants();   // read once: the masters renew meanwhile
            Grant master = granted.get(granted.size() - 1);
            Map<String, String> before = owners(db);
            String victim = before.get(master.station());
            List<String> victims = before.entrySet().stream().filter(e -> e.getValue().equals(victim)).map(Map.Entry::getKey).toList();

            Process killed = processes.get(List.of("a", "b", "c").indexOf(victim));
            Instant killedAt = Instant.now();
            killed.destroyForcibly();   // SIGKILL
            assertTrue(killed.waitFor(20, TimeUnit.SECONDS));
            assertEquals(137, killed.exitValue());

            await(victim + "'s stations claimed by the others", LEASE.plus(Duration.ofSeconds(10)), () -> {
                Map<String, String> o = owners(db);
                return o.size() == STATIONS && owning(o, victim) == 0;
            });
            Duration claimed = Duration.between(killedAt, Instant.now());
            await(victim + "'s stations back in the conference", BACK_ON_AIR, () -> allOnAirOnce(fs, fs2));
            Duration back = Duration.between(killedAt, Instant.now());
            System.out.println("failover: " + victims + " claimed within " + claimed.toMillis() + " ms of the SIGKILL, all back on air within "
                    + back.toMillis() + " ms (lease " + LEASE.toSeconds() + " s)");
            assertTrue(claimed.compareTo(LEASE.plusSeconds(2)) <= 0, "claimed within the lease (plus a round on a busy machine): " + claimed);

            // the killed host comes back under its id: it gets stations only as the others give them back
            Instant restartedAt = Instant.now();
            host(victim);
            await(victim + " back to its share", Duration.ofSeconds(60), () -> {
                Map<String, String> o = owners(db);
                return o.size() == STATIONS && Stream.of("a", "b", "c").allMatch(h -> owning(o, h) == STATIONS / 3);
            });
            await("every station in the conference again, once", Duration.ofSeconds(60), () -> allOnAirOnce(fs, fs2));

            for (Process p : processes) if (p.isAlive()) p.destroy();   // an orderly stop: the event logs are complete
            for (Process p : processes) assertTrue(p.waitFor(60, TimeUnit.SECONDS), said());

            Map<String, List<Run>> runs = runs();
            assertNoOverlap(runs);
            // the restarted host's stations came to it by rebalancing: the run before its first, on another host, was unloaded (given back),
            // not lapsed; any later run of it there follows one given back too (a busy machine's late round may move a station twice)
            for (Run r : runs.values().stream().flatMap(List::stream).filter(r -> r.host().equals(victim) && r.start().isAfter(restartedAt)).toList()) {
                Run previous = runs.get(r.station()).stream().filter(o -> o.start().isBefore(r.start())).max(java.util.Comparator.comparing(Run::start))
                        .orElseThrow(() -> new AssertionError(r + " had no run before it"));
                boolean first = runs.get(r.station()).stream().noneMatch(o -> o.host().equals(victim) && o.start().isAfter(restartedAt) && o.start().isBefore(r.start()));
                assertTrue((!first || !previous.host().equals(victim)) && previous.unloaded() && !previous.end().isAfter(r.start()),
                        r + " was given back by its owner first: " + runs.get(r.station()));
            }
            assertTrue(runs.values().stream().flatMap(List::stream).anyMatch(r -> r.host().equals(victim) && r.start().isAfter(restartedAt)),
                    victim + " ran stations again after its restart");
            assertOneMasterAtATime("east");
            assertOneMasterAtATime("west");
            assertTheReportPlayedOn("east");
            assertTheReportPlayedOn("west");
        }
    }

    /**
     * The report (longer than the test) never ended, and each relay played it from the start once:
     * every later master, whichever host it was on, played on from where the report was.
     */
    private void assertTheReportPlayedOn(String sw) {
        List<String> lines = output.values().stream().flatMap(List::stream).toList();
        assertTrue(lines.stream().noneMatch(l -> l.contains("news-relay.js done")), "a relay went done:\n" + said());
        java.util.regex.Pattern stationId = java.util.regex.Pattern.compile(" (s\\d{2}) ");
        List<String> fromTheStart = lines.stream().filter(l -> l.contains("master now; playing the report from 0.0 s"))
                .filter(l -> {
                    java.util.regex.Matcher station = stationId.matcher(l);
                    return station.find() && switchOf(station.group(1)).equals(sw);
                }).toList();
        assertEquals(1, fromTheStart.size(), "the report on " + sw + " started once: " + fromTheStart);
    }

    record Run(String station, String host, Instant start, Instant end, boolean unloaded) {}

    record Grant(String station, String host, Instant at) {}

    /** Every host's event log records of every station, with the host they come from. */
    private List<Map<String, Object>> records(String h) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        Path logs = dir.resolve(h).resolve("data/eventlog");
        if (!Files.isDirectory(logs)) return out;
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) out.addAll(EventLogReader.read(f));
        }
        return out;
    }

    /**
     * Per station, its runs on every host: from a program's {@code load} to the last command sent
     * before the next load (or the end of the log: the SIGKILL); commands its fence refused do not count.
     */
    private Map<String, List<Run>> runs() throws Exception {
        Map<String, List<Run>> out = new TreeMap<>();
        for (String h : List.of("a", "b", "c")) {
            Map<String, List<Map<String, Object>>> byStation = new HashMap<>();
            for (Map<String, Object> r : records(h)) byStation.computeIfAbsent((String) r.get("st"), k -> new ArrayList<>()).add(r);
            for (Map.Entry<String, List<Map<String, Object>>> e : byStation.entrySet()) {
                Instant start = null;
                Instant last = null;
                boolean unloaded = false;
                for (Map<String, Object> r : e.getValue()) {
                    Instant t = Instant.parse((String) r.get("t"));
                    if ("load".equals(r.get("k"))) {   // each load is a run of its own: a killed run has no unload
                        if (start != null) out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new Run(e.getKey(), h, start, last, unloaded));
                        start = t;
                        last = t;
                        unloaded = false;
                    }
                    if ("unload".equals(r.get("k"))) unloaded = true;
                    // a command the host's fence kept from the switch (it no longer held the station) is not running it
                    boolean sent = "out".equals(r.get("dir")) && !Boolean.TRUE.equals(r.get("fenced"));
                    if (sent || "load".equals(r.get("k")) || "unload".equals(r.get("k"))) last = t;
                }
                if (start != null) out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new Run(e.getKey(), h, start, last, unloaded));
            }
        }
        return out;
    }

    private static void assertNoOverlap(Map<String, List<Run>> runs) {
        assertEquals(STATIONS, runs.size(), "every station ran: " + runs.keySet());
        for (List<Run> station : runs.values()) {
            for (Run x : station) {
                for (Run y : station) {
                    if (x.host().equals(y.host())) continue;
                    boolean apart = x.end().isBefore(y.start()) || y.end().isBefore(x.start());
                    assertTrue(apart, x.station() + " ran on two hosts at once: " + x + " and " + y);
                }
            }
        }
    }

    /** The news token as granted, from every host's event log, in time order. */
    private List<Grant> tokenGrants() {
        return recordsOf(r -> "lease".equals(r.get("k")) && String.valueOf(r.get("name")).contains("news-master") && Boolean.TRUE.equals(r.get("granted")));
    }

    /** The programs taken off air for good, not moving to another host (they give their leases up at once). */
    private List<Grant> unloads() {
        return recordsOf(r -> "unload".equals(r.get("k")) && !Boolean.TRUE.equals(r.get("moving")));
    }

    private List<Grant> recordsOf(java.util.function.Predicate<Map<String, Object>> which) {
        List<Grant> out = new ArrayList<>();
        try {
            for (String h : List.of("a", "b", "c")) {
                for (Map<String, Object> r : records(h)) {
                    if (which.test(r)) out.add(new Grant((String) r.get("st"), h, Instant.parse((String) r.get("t"))));
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        out.sort(java.util.Comparator.comparing(Grant::at));
        return out;
    }

    /**
     * One master at a time in a switch's relay: a grant holds the token for {@link #TOKEN}, or until
     * that run of the station is taken off air (it gives the token up; a station that moves to another
     * host keeps it, and its next run renews it); another station is granted it only after that (a second of slack: a record's time is taken just after the database's).
     */
    private void assertOneMasterAtATime(String sw) {
        List<Grant> grants = tokenGrants().stream().filter(g -> switchOf(g.station()).equals(sw)).toList();
        List<Grant> unloads = unloads();
        assertTrue(!grants.isEmpty(), "the news on " + sw + " had a master");
        Map<String, Instant> heldUntil = new HashMap<>();
        for (Grant g : grants) {
            for (Map.Entry<String, Instant> other : heldUntil.entrySet()) {
                if (other.getKey().equals(g.station())) continue;
                assertTrue(!g.at().isBefore(other.getValue().minusSeconds(1)),
                        "two masters: " + g + " while " + other.getKey() + " held the token until " + other.getValue());
            }
            Instant until = g.at().plus(TOKEN);
            for (Grant u : unloads) {   // taken off air here, not moving to another host: the token is given up
                if (u.station().equals(g.station()) && u.host().equals(g.host()) && !u.at().isBefore(g.at()) && u.at().isBefore(until)) {
                    until = u.at();
                    break;
                }
            }
            heldUntil.put(g.station(), until);
        }
        System.out.println("news masters on " + sw + ": " + IntStream.range(0, grants.size()).filter(i -> i == 0 || !grants.get(i).station().equals(grants.get(i - 1).station())
                || !grants.get(i).host().equals(grants.get(i - 1).host())).mapToObj(i -> grants.get(i).station() + "@" + grants.get(i).host()).toList());
    }
}
