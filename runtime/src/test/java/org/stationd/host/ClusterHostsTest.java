package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.cli.CliRun;
import org.stationd.esl.sim.SimCall;
import org.stationd.station.StationContext;
import org.stationd.storage.postgres.LivePostgres;

/**
 * Two whole hosts sharing one real PostgreSQL database as a cluster (each on its own simulated
 * switch here): they split the stations, and when one stops renewing (its cluster member halted,
 * as a cut-off host) the other puts its stations on air once the lease has run out, while the
 * cut-off host's stations may no longer send anything to their switch.
 */
class ClusterHostsTest {
    @RegisterExtension
    static final LivePostgres PG = new LivePostgres();

    @TempDir
    Path dir;

    static final String SHOW = """
            program {
                apiVersion 1
                state('dialling') {
                    enter { station.dialTransmitter() }
                    on.answered { e -> go 'live' }
                }
                state('live') {}
            }
            """;

    static final String STATIONS = """
              - { id: k1, timezone: UTC, transmitter: [ { sip: user/3001 } ], program: show.groovy }
              - { id: k2, timezone: UTC, transmitter: [ { sip: user/3002 } ], program: show.groovy }
              - { id: k3, timezone: UTC, transmitter: [ { sip: user/3003 } ], program: show.groovy }
              - { id: k4, timezone: UTC, transmitter: [ { sip: user/3001 } ], program: show.groovy }
            """;

    HostHarness host(String id) throws Exception {
        HostHarness h = new HostHarness(dir.resolve(id));
        h.extraYaml = "database: { url: '" + PG.url() + "', user: " + PG.user() + " }\ncluster: { host_id: " + id + ", lease: 5s }\n";
        h.program("show.groovy", SHOW);
        h.start(STATIONS);
        return h;
    }

    static Set<String> running(HostHarness h) {
        return h.host.stations().stream().map(StationContext::id).collect(Collectors.toSet());
    }

    @Test
    void hostsSplitTheStationsAndOneTakesOverWhenTheOtherFallsSilent() throws Exception {
        try (HostHarness a = host("a"); HostHarness b = host("b")) {
            // all along, a station's fence is open on one host at most
            List<String> both = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread watch = Thread.ofPlatform().daemon(true).start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    for (String s : List.of("k1", "k2", "k3", "k4")) {
                        if (a.host.cluster().mayAct(s, a.host.cluster().epoch(s)) && b.host.cluster().mayAct(s, b.host.cluster().epoch(s))) {
                            both.add(s);
                        }
                    }
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            // (a runs all four until b's first rounds; on a busy machine a lapsed lease may move a station once more)
            a.await("two stations on each host", () -> {
                Set<String> all = new HashSet<>(running(a));
                all.addAll(running(b));
                return running(a).size() == 2 && running(b).size() == 2 && all.size() == 4;
            });
            for (String s : List.of("k1", "k2", "k3", "k4")) {
                boolean onA = a.host.cluster().mayAct(s, a.host.cluster().epoch(s));
                boolean onB = b.host.cluster().mayAct(s, b.host.cluster().epoch(s));
                assertTrue(onA != onB, s + " acts on exactly one host (a: " + onA + ", b: " + onB + ")");
            }
            for (String s : running(a)) a.awaitLine(s + " state live");
            for (String s : running(b)) b.awaitLine(s + " state live");
            // ./stationd status on b: both hosts, renewing, with their stations
            CliRun status = CliRun.stationd("status", "--control", b.controlEndpoint, "--config", dir.resolve("none.yaml").toString());
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("cluster: this host b, lease 5.0 s"), status.out());
            assertTrue(status.out().lines().anyMatch(l -> l.matches("a +2  renewed \\d+\\.\\d s ago, runs out in \\d+\\.\\d s")), status.out());
            assertTrue(status.out().lines().anyMatch(l -> l.matches("b +2  renewed .*")), status.out());
            assertTrue(status.out().contains("  a: " + String.join(" ", new java.util.TreeSet<>(running(a)))), status.out());

            Set<String> lost = running(a);
            a.host.cluster().halt();   // a falls silent: no renewal, nothing given back
            b.await("b runs every station", () -> running(b).size() == 4);
            for (String s : lost) b.awaitLine(s + " state live");
            for (String s : lost) {
                assertTrue(b.host.cluster().epoch(s) > 1, s + " taken over at a newer epoch");
            }
            CliRun taken = CliRun.stationd("status", "--control", b.controlEndpoint, "--config", dir.resolve("none.yaml").toString());
            assertTrue(taken.out().lines().anyMatch(l -> l.matches("a +0  silent: ran out \\d+\\.\\d s ago")), taken.out());
            assertTrue(taken.out().contains("  b: k1 k2 k3 k4"), taken.out());

            // a still has its stations' programs, but its lease has run out: nothing they do reaches its switch,
            // and an operator's swap there starts no program (it would only run fenced)
            String zombie = lost.iterator().next();
            Set<String> before = a.sim().calls().stream().map(SimCall::uuid).collect(Collectors.toSet());
            java.util.function.Supplier<Long> dials = () -> a.lines.stream().filter(l -> l.startsWith(zombie + " call dialling")).count();
            long dialled = dials.get();
            a.host.swap(zombie, "show.groovy");
            a.awaitLine(zombie + " log not started here: another host runs the station now");
            assertEquals(dialled, dials.get(), "the swap dialled nothing: " + a.lines);
            Set<String> after = a.sim().calls().stream().map(SimCall::uuid).collect(Collectors.toSet());
            assertEquals(before, after, "a's switch saw neither a hang-up nor a new dial");
            watch.interrupt();
            watch.join();
            assertEquals(List.of(), both, "stations that could act on both hosts at once");
        }
    }

    /** A host that lost a station writes none of its airings: the new owner's record of the slot stands. */
    @Test
    void aHostThatLostAStationLeavesItsAiringsAlone() throws Exception {
        String start = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1).withNano(0).toString();
        String scheduled = "  - { id: s1, timezone: UTC, transmitter: [ { sip: user/3001 } ], program: show.groovy,\n"
                + "      schedule: [ { program: show.groovy, start: \"" + start + "\", duration: 2h } ] }\n";
        HostHarness a = new HostHarness(dir.resolve("a"));
        a.extraYaml = "database: { url: '" + PG.url() + "', user: " + PG.user() + " }\ncluster: { host_id: a, lease: 2s }\n";
        a.program("show.groovy", SHOW);
        a.start(scheduled);
        boolean aClosed = false;
        try (org.stationd.storage.Database db = org.stationd.storage.Database.open(PG.url(), PG.user(), null)) {
            org.stationd.storage.Airings airings = new org.stationd.storage.Airings(db);
            a.await("a airs the slot", () -> airings.forStation("s1").size() == 1);
            a.host.cluster().halt();   // a falls silent and loses s1, its program and scheduler still in place
            HostHarness b = new HostHarness(dir.resolve("b"));
            b.extraYaml = "database: { url: '" + PG.url() + "', user: " + PG.user() + " }\ncluster: { host_id: b, lease: 2s }\n";
            b.program("show.groovy", SHOW);
            b.start(scheduled);
            try (b) {
                b.await("b takes the slot over", () -> airings.forStation("s1").size() == 2);
                org.stationd.storage.Airings.Airing cutByB = airings.forStation("s1").get(0);
                assertEquals("cut", cutByB.status());
                assertEquals("the host stopped during the show", cutByB.reason());
                aClosed = true;
                a.close();   // a's scheduler stops: it would end its airing ("ended early"), but the station is b's now
                assertEquals(cutByB, airings.forStation("s1").get(0), "the new owner's record stands");
                assertEquals(2, airings.forStation("s1").size());
            }
        } finally {
            if (!aClosed) a.close();
        }
    }
}
