package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.esl.sim.SimCall;
import org.stationd.station.StationContext;

/**
 * Issue #18: thousands of stations dial their transmitters at once on a switch whose replies come
 * later than the host waits for them (its connection backed up with events). The switch places
 * the calls all the same; each must end up its station's, or hung up, never a parked call nobody
 * owns. Then stopping hangs every one of them up.
 */
class SlowSwitchManyStationsTest {
    /**
     * The proof: 2,000 stations (the test took 35 s on two cores at a load average of 10, 42 s at 18;
     * about 105 s was noted before the event-log writer and the handler watchdog were reworked).
     * {@code -Dstationd.slowSwitch.stations=N} for another number.
     */
    static final int STATIONS = Integer.getInteger("stationd.slowSwitch.stations", 2000);
    /** Longer than the client's command timeout: every originate's reply comes too late. */
    static final Duration LATE = Duration.ofMillis(1500);
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
    /** Patience only: the test waits for what it expects, on a machine as slow as it may be. */
    static final Duration PATIENCE = Duration.ofMinutes(3);

    static final String PROGRAM = """
            program {
                apiVersion 1
                state('idle') {
                    on.message { e -> go 'dialling' }
                }
                state('dialling') {
                    enter { station.dialTransmitter() }
                    on.answered { e -> go 'on' }
                }
                state('on') {
                    enter { }
                }
            }
            """;

    @TempDir Path dir;

    @Test
    void everyCallTheSlowSwitchPlacedIsAStationsAndStoppingHangsThemAllUp() throws Exception {
        try (HostHarness h = new HostHarness(dir)) {
            h.program("tx.groovy", PROGRAM);
            h.extraYaml = "originates_per_second: 1000\n";
            h.clientOptions = o -> o.withCommandTimeout(COMMAND_TIMEOUT);
            StringBuilder yaml = new StringBuilder();
            for (int i = 1; i <= STATIONS; i++) {
                yaml.append("  - id: s").append(i).append("\n    timezone: Africa/Kampala\n")
                        .append("    transmitter: [ { sip: user/3001 } ]\n    program: tx.groovy\n");
            }
            long t0 = System.nanoTime();
            h.start(yaml.toString());
            await("every station idle", () -> h.host.stations().stream().allMatch(s -> "idle".equals(s.state())));
            long started = System.nanoTime();

            h.sim().faults().slowReplies(LATE);
            for (StationContext s : h.host.stations()) {
                s.submit(() -> s.deliver(Event.of(EventKind.MESSAGE).topic("go").build()));
            }
            await("every transmitter answered", () -> h.host.stations().stream().allMatch(s -> "on".equals(s.state())));
            await("every call on the switch is a station's", () -> unowned(h).isEmpty() && h.sim().calls().size() == STATIONS);
            long onAir = System.nanoTime();
            assertTrue(h.lines.stream().anyMatch(l -> l.contains("did not answer the originate")),
                    "the replies really came too late (else this test proves nothing)");
            assertEquals(STATIONS, h.sim().calls().size(), "one call per station, none left behind");
            assertTrue(h.errors.isEmpty(), h.errors.toString());

            StationHost host = h.host;
            host.close();
            h.host = null;
            assertTrue(host.stopReport().matches("(all " + STATIONS + "|\\d+ of " + STATIONS + ") hang-up\\(s\\) came back from the switch.*"),
                    "stopping counts the hang-ups it sent, one per station: " + host.stopReport());
            await("the switch hung every call up", () -> h.sim().calls().isEmpty());
            System.out.printf("%d stations: started in %d ms, on air %d ms after the go, stopped in %d ms (%s)%n", STATIONS,
                    (started - t0) / 1_000_000, (onAir - started) / 1_000_000, (System.nanoTime() - onAir) / 1_000_000, host.stopReport());
        }
    }

    /** Stopping waits for the switch to end the calls it hung up, and says they all came back. */
    @Test
    void stoppingWaitsForTheHangupsAndSaysHowManyCameBack() throws Exception {
        try (HostHarness h = new HostHarness(dir)) {
            h.program("tx.groovy", PROGRAM);
            h.start("""
                      - id: a
                        timezone: Africa/Kampala
                        transmitter: [ { sip: user/3001 } ]
                        program: tx.groovy
                      - id: b
                        timezone: Africa/Kampala
                        transmitter: [ { sip: user/3002 } ]
                        program: tx.groovy
                    """);
            await("both idle", () -> h.host.stations().stream().allMatch(s -> "idle".equals(s.state())));
            for (StationContext s : h.host.stations()) {
                s.submit(() -> s.deliver(Event.of(EventKind.MESSAGE).topic("go").build()));
            }
            await("both on air", () -> h.host.stations().stream().allMatch(s -> "on".equals(s.state())));
            StationHost host = h.host;
            host.close();
            h.host = null;
            assertEquals("all 2 hang-up(s) came back from the switch", host.stopReport());
            assertTrue(h.sim().calls().isEmpty(), "ended before the host said so: " + h.sim().calls());
        }
    }

    /** The switch's calls that no station holds. */
    private static Set<String> unowned(HostHarness h) {
        Set<String> owned = new HashSet<>();
        h.host.stations().forEach(s -> owned.addAll(s.liveCallIds()));
        Set<String> out = new HashSet<>();
        for (SimCall c : h.sim().calls()) {
            if (!owned.contains(c.uuid())) out.add(c.uuid());
        }
        return out;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
