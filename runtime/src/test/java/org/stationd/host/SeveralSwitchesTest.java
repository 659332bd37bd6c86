package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.esl.sim.SimSwitch;

/**
 * One host, two simulated switches (each its own embedded switch over its own ESL connection):
 * each station dials its transmitter on its own switch, a listener on a switch reaches the station
 * of that switch only, and one switch going away and coming back leaves the other's station on air.
 */
class SeveralSwitchesTest {
    @TempDir
    Path dir;

    static final String SHOW = """
            program {
                apiVersion 1
                state('dialling') {
                    enter { station.dialTransmitter() }
                    on.answered { e -> go 'live' }
                }
                state('live') {
                    on.dtmf { e -> log.info("key ${e.digit}") }
                    on.incomingCall { e -> e.call.answer(); log.info("caller ${e.call.from} on ${e.line}") }
                    on.hangup { e -> go 'reconnecting' }
                }
                state('reconnecting') {
                    on.answered { e -> go 'live' }
                }
            }
            """;

    // both dial user/3001: the same name on two switches is two phones
    static final String STATIONS = """
              - id: e
                switch: east
                timezone: Africa/Kampala
                transmitter: [ { sip: user/3001 } ]
                lines: { call-in: "7001" }
                program: show.groovy
              - id: w
                switch: west
                timezone: Africa/Kampala
                transmitter: [ { sip: user/3001 } ]
                lines: { call-in: "7002" }
                program: show.groovy
            """;

    @Test
    void stationsOnTwoSwitchesEachHearOnlyTheirOwn() throws Exception {
        try (HostHarness h = new HostHarness(dir)) {
            h.switchYaml = "switches: { east: sim, west: sim }\nsim: sim.yaml\n";
            h.program("show.groovy", SHOW);
            h.start(STATIONS);
            h.awaitLine("e state live");
            h.awaitLine("w state live");
            SimSwitch east = h.sim("east");
            SimSwitch west = h.sim("west");
            assertTrue(east.port() != west.port(), "two switches");
            String eTx = h.host.station("e").station().getTransmitter().getId();
            String wTx = h.host.station("w").station().getTransmitter().getId();
            assertTrue(east.hasCall(eTx) && !west.hasCall(eTx), "e's transmitter is on east");
            assertTrue(west.hasCall(wTx) && !east.hasCall(wTx), "w's transmitter is on west");

            // keys on each switch reach that switch's station only
            east.pressDigits(eTx, "1");
            west.pressDigits(wTx, "2");
            h.awaitLine("e log key 1");
            h.awaitLine("w log key 2");

            // a listener calls each station on its switch; e's number dialled on west is a wrong number there
            east.placeCall("256700000001", "7001");
            west.placeCall("256700000002", "7002");
            java.util.concurrent.CopyOnWriteArrayList<String> westHangups = new java.util.concurrent.CopyOnWriteArrayList<>();
            west.onEvent(ev -> { if ("CHANNEL_HANGUP".equals(ev.name())) westHangups.add(ev.uniqueId() + " " + ev.header("Hangup-Cause")); });
            String wrong = west.placeCall("256700000003", "7001");
            h.awaitLine("e log caller 256700000001 on call-in");
            h.awaitLine("w log caller 256700000002 on call-in");
            h.await("west refuses e's number", () -> westHangups.contains(wrong + " " + UnownedCalls.CAUSE));
            h.host.settle();
            assertFalse(h.lines.stream().anyMatch(l -> l.contains("256700000003")), "a call on west never reaches e: " + h.lines);
            assertFalse(h.lines.contains("w log key 1") || h.lines.contains("e log key 2"), h.lines.toString());
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> switches = (Map<String, Map<String, Object>>) h.host.status().get("switches");
            assertEquals(List.of("east", "west"), List.copyOf(switches.keySet()));

            // west shuts down and comes back: e stays on air meanwhile, w is told and returns
            var outage = west.faults().shutdown(Duration.ofSeconds(3));
            h.await("status shows west away", () -> state(h, "west").startsWith("down since"));
            outage.down().join();
            assertTrue(state(h, "east").startsWith("up"), state(h, "east"));
            String scraped = org.stationd.metrics.Metrics.global().scrape();
            assertTrue(scraped.contains("stationd_switch_up{switch=\"east\"} 1") && scraped.contains("stationd_switch_up{switch=\"west\"} 0"),
                    "metrics name each switch's state: " + scraped.lines().filter(l -> l.contains("switch_up")).toList());
            east.pressDigits(eTx, "3");
            h.awaitLine("e log key 3");   // east's station plays on while west is down
            assertEquals(1, h.count("e state live"), "e never left the air: " + h.lines);
            h.await("w back on air", () -> h.count("w state live") == 2);
            h.await("status shows west up", () -> state(h, "west").startsWith("up"));
            assertTrue(h.lines.contains("w call hangup SYSTEM_SHUTDOWN"), String.join("\n", h.lines));
            assertTrue(h.lines.contains("w log the switch is away; calls and transmitter wait for it"), h.lines.toString());
            assertFalse(h.lines.stream().anyMatch(l -> l.startsWith("e log the switch")), "e is never told west went away: " + h.lines);
            assertFalse(h.lines.stream().anyMatch(l -> l.startsWith("e call hangup")), "nothing of e's ended: " + h.lines);
            assertTrue(h.host.station("e").liveCallIds().contains(eTx), "e's transmitter call is the same one throughout");
            assertTrue(h.errors.isEmpty(), h.errors.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private static String state(HostHarness h, String sw) {
        try {
            return String.valueOf(((Map<String, Map<String, Object>>) h.host.status().get("switches")).get(sw).get("state"));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aReloadThatNamesASwitchNotConnectedLeavesThatStationOffAirAndAppliesTheRest() throws Exception {
        ch.qos.logback.classic.Logger setLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(StationSet.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        setLog.addAppender(logged);
        try (HostHarness h = new HostHarness(dir)) {
            h.switchYaml = "switches: { east: sim, west: sim }\nsim: sim.yaml\n";
            h.program("show.groovy", SHOW);
            h.start(STATIONS.substring(0, STATIONS.indexOf("  - id: w")));   // only east is in use: west is not connected
            h.awaitLine("e state live");
            Path yaml = dir.resolve("stations.yaml");
            Path tmp = dir.resolve(".stations.tmp");
            java.nio.file.Files.writeString(tmp, java.nio.file.Files.readString(yaml) + STATIONS.substring(STATIONS.indexOf("  - id: w")) + """
                      - id: n
                        switch: east
                        timezone: Africa/Kampala
                        transmitter: [ { sip: user/3002 } ]
                        program: show.groovy
                    """);
            java.nio.file.Files.move(tmp, yaml, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            h.awaitLine("n state live");
            h.await("w's start refused, saying why", () -> logged.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith(
                    "station w stays off air: station w runs on switch 'west', which this host did not connect to")));
            assertEquals(null, h.host.station("w"));
            assertEquals(1, h.count("e state live"), "e untouched");
        } finally {
            setLog.detachAppender(logged);
        }
    }
}
