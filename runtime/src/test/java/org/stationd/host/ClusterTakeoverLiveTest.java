package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.live.LiveSwitch;
import org.stationd.station.StationContext;
import org.stationd.storage.DbKeyValueStore;
import org.stationd.storage.postgres.LivePostgres;

/**
 * Two hosts of a cluster share one real FreeSWITCH and one real PostgreSQL. One of them is cut off
 * from the database (its cluster member halted: no renewal, nothing given back) while it stays
 * connected to the switch with its programs running. The other takes its station over: before the
 * station's program starts there, the calls the old owner left on the switch (the transmitter it
 * dialled, a listener parked on the station's number) are hung up, and the station comes back on
 * air with its stored data and in the same slot of its schedule (the old airing closed as cut); the
 * cut-off host gets nothing more onto the switch. Afterwards every
 * call on the switch is one that a station of the live host holds.
 */
class ClusterTakeoverLiveTest {
    @RegisterExtension
    static final LivePostgres PG = new LivePostgres();
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Counts its times on air in its store: the new owner must read the old owner's count. */
    static final String SHOW = """
            program {
                apiVersion 1
                state('dialling') {
                    enter { station.dialTransmitter() }
                    on.answered { e -> go 'live' }
                }
                state('live') {
                    enter { station.store.put('airs', (station.store.get('airs') ?: 0) + 1) }
                    on.incomingCall { e -> }
                }
            }
            """;

    /** Both stations are in the middle of a two-hour show (from a minute ago); idle around it. */
    static String stations() {
        String start = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        String show = ", program: idle.groovy, schedule: [ { program: show.groovy, start: \"" + start + "\", duration: 2h } ] }\n";
        return "  - { id: m1, timezone: UTC, transmitter: [ { sip: loopback/tx1/stations } ], lines: { call-in: \"256700000071\" }" + show
                + "  - { id: m2, timezone: UTC, transmitter: [ { sip: loopback/tx2/stations } ], lines: { call-in: \"256700000072\" }" + show;
    }

    HostHarness host(String id) throws Exception {
        HostHarness h = new HostHarness(dir.resolve(id));
        h.switchYaml = "switch: " + FS.get().url() + "\n";
        h.extraYaml = "database: { url: '" + PG.url() + "', user: " + PG.user() + " }\ncluster: { host_id: " + id + ", lease: 3s }\n";
        h.program("show.groovy", SHOW);
        h.program("idle.groovy", "program { apiVersion 1\n state('idle') { } }\n");
        h.start(stations());
        return h;
    }

    static Set<String> running(HostHarness h) {
        return h.host.stations().stream().map(StationContext::id).collect(Collectors.toSet());
    }

    /** The switch's channels: uuid → name. */
    static List<JsonNode> channels(EslClient fs) throws Exception {
        JsonNode root = JSON.readTree(fs.api("show channels as json").get(10, TimeUnit.SECONDS).body());
        List<JsonNode> out = new ArrayList<>();
        root.path("rows").forEach(out::add);
        return out;
    }

    static Set<String> uuids(List<JsonNode> rows) {
        return rows.stream().map(r -> r.path("uuid").asText()).collect(Collectors.toSet());
    }

    @Test
    void theNewOwnerHangsUpWhatTheOldOneLeftOnTheSwitchAndPicksUpItsData() throws Exception {
        try (EslClient fs = EslClient.connect(FS.get().options()); HostHarness a = host("a"); HostHarness b = host("b")) {
            a.await("one station on each host", () -> running(a).size() == 1 && running(b).size() == 1
                    && !running(a).equals(running(b)));
            String taken = running(a).iterator().next();
            String kept = running(b).iterator().next();
            a.awaitLine(taken + " state live");
            b.awaitLine(kept + " state live");
            // a listener calls the station a runs: the switch parks the call for it
            String number = taken.equals("m1") ? "256700000071" : "256700000072";
            fs.bgapi("originate {origination_caller_id_number=256770000001}loopback/" + number + "/stations &park()");   // answers when the station does
            a.await("a's " + taken + " holds the listener's call", () -> a.host.station(taken).liveCallIds().size() == 2);
            Set<String> left = a.host.station(taken).liveCallIds();
            assertEquals(1, new DbKeyValueStore(a.host.database(), taken).get("airs"));

            a.host.cluster().halt();   // a is cut off from the database: it renews nothing and gives nothing back
            b.await("b runs both stations", () -> running(b).size() == 2);
            b.awaitLine(taken + " state live");
            assertTrue(b.lines.stream().anyMatch(l -> l.startsWith(taken + " log taken over: ") && l.contains("1 listener call(s)")), String.join("\n", b.lines));
            assertEquals(2, new DbKeyValueStore(b.host.database(), taken).get("airs"), "b's program went on from a's stored count");
            // the show's slot: a's airing closed as cut, b's resumes the same slot
            List<org.stationd.storage.Airings.Airing> airings = new org.stationd.storage.Airings(b.host.database()).forStation(taken);
            assertEquals(2, airings.size(), airings.toString());
            assertEquals("cut", airings.get(0).status(), airings.toString());
            assertEquals(airings.get(0).plannedStart(), airings.get(1).plannedStart(), "the same slot: " + airings);
            assertEquals(null, airings.get(1).actualEnd(), "b airs the rest of it: " + airings);

            // what a left is gone from the switch; what is there belongs to b's stations (each loopback call has its two legs)
            a.await("the old owner's calls gone from the switch", () -> {
                try {
                    return java.util.Collections.disjoint(uuids(channels(fs)), left);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            // (b's stations and the switch agree once the calls in flight have settled: each station its one transmitter call)
            b.await("every call on the switch one that a station of b holds, and nothing else", () -> {
                try {
                    Set<String> held = new HashSet<>();
                    for (StationContext s : b.host.stations()) held.addAll(s.liveCallIds());
                    List<JsonNode> now = channels(fs);
                    Set<String> aLegs = now.stream().filter(r -> r.path("name").asText().endsWith("-a")).map(r -> r.path("uuid").asText())
                            .collect(Collectors.toSet());
                    return held.size() == 2 && held.equals(aLegs) && now.size() == 2 * held.size();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertTrue(a.host.station(taken) != null, "a's program still runs (it was cut off, not stopped) and sent nothing that stayed");
        }
    }
}
