package org.stationd.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.api.ProgramError;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.live.LiveSwitch;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.host.StationHost;
import org.stationd.host.SwitchConnections;
import org.stationd.script.ProgramEngines;
import org.stationd.station.RealScheduler;
import org.stationd.station.StationListener;
import org.stationd.station.StationTap;
import org.stationd.testing.SwitchPhones;

/**
 * One host, two real FreeSWITCH instances (stations.yaml's {@code switches:}): each station's
 * transmitter answers on its own switch, a listener calling a station's number on that switch
 * reaches it, and the same number dialled on the other switch is a wrong number there.
 */
class SeveralSwitchesLiveTest {
    @RegisterExtension
    static final LiveSwitch EAST = new LiveSwitch();
    @RegisterExtension
    static final LiveSwitch WEST = new LiveSwitch();

    @TempDir
    Path dir;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<ProgramError> errors = new CopyOnWriteArrayList<>();

    static final String SHOW = """
            program {
                apiVersion 1
                state('dialling') {
                    enter { station.dialTransmitter() }
                    on.answered { e -> go 'live' }
                }
                state('live') {
                    on.incomingCall { e -> e.call.answer(); log.info("caller ${e.call.from} on ${e.line}") }
                }
            }
            """;

    @Test
    void stationsOnTwoRealSwitchesAnswerTheirOwnListeners() throws Exception {
        Files.createDirectories(dir.resolve("programs"));
        Files.writeString(dir.resolve("programs/show.groovy"), SHOW);
        Files.writeString(dir.resolve("stations.yaml"), """
                switches:
                  east: %s
                  west: %s
                control: { control: "tcp://127.0.0.1:*", publish: "tcp://127.0.0.1:*" }
                stations:
                  - { id: e, switch: east, timezone: UTC, program: show.groovy, transmitter: [ { sip: loopback/tx1/stations } ], lines: { call-in: "7001" } }
                  - { id: w, switch: west, timezone: UTC, program: show.groovy, transmitter: [ { sip: loopback/tx2/stations } ], lines: { call-in: "7002" } }
                """.formatted(EAST.get().url(), WEST.get().url()));
        HostConfig config = ConfigLoader.load(dir.resolve("stations.yaml"));
        StationListener recorder = new StationListener() {
            @Override public void stateChanged(String st, String p, String from, String to) { lines.add(st + " state " + to); }
            @Override public void programError(String st, String p, ProgramError e) { errors.add(e); lines.add(st + " error " + e.message()); }
            @Override public void log(String st, String p, String state, String level, String message) { lines.add(st + " log " + message); }
        };
        List<String> ended = new CopyOnWriteArrayList<>();
        try (SwitchConnections links = SwitchConnections.open(config.switchesInUse(), null, java.time.ZoneOffset.UTC);
             ProgramEngines engines = new ProgramEngines();
             EslClient eastPhone = phoneLine(EAST);
             EslClient westPhone = phoneLine(WEST);
             StationHost host = new StationHost(config, new ScriptProgramLoader(engines), links.clients(), null, List.of(recorder),
                     StationTap.NONE, new RealScheduler())) {
            await("both stations on air", () -> lines.contains("e state live") && lines.contains("w state live"));
            String eTx = host.station("e").station().getTransmitter().getId();
            String wTx = host.station("w").station().getTransmitter().getId();
            assertEquals("true", api(eastPhone, "uuid_exists " + eTx), "e's transmitter answered on east");
            assertEquals("false", api(westPhone, "uuid_exists " + eTx));
            assertEquals("true", api(westPhone, "uuid_exists " + wTx), "w's transmitter answered on west");
            assertEquals("false", api(eastPhone, "uuid_exists " + wTx));

            SwitchPhones east = SwitchPhones.sharing(eastPhone, (leg, what) -> { if ("ended".equals(what)) ended.add(leg); });
            SwitchPhones west = SwitchPhones.sharing(westPhone, (leg, what) -> { if ("ended".equals(what)) ended.add(leg); });
            east.placeCall("256700000001", "7001");
            west.placeCall("256700000002", "7002");
            String wrong = west.placeCall("256700000003", "7001");   // e's number, on w's switch
            await("the listener on east reaches e", () -> lines.contains("e log caller 256700000001 on call-in"));
            await("the listener on west reaches w", () -> lines.contains("w log caller 256700000002 on call-in"));
            await("e's number on west is refused there", () -> ended.contains(wrong));
            host.settle();
            assertFalse(lines.stream().anyMatch(l -> l.contains("256700000003")), "no station took the wrong number: " + lines);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> switches = (Map<String, Map<String, Object>>) host.status().get("switches");
            assertEquals("up", switches.get("east").get("state"));
            assertEquals("up", switches.get("west").get("state"));
            assertTrue(errors.isEmpty(), errors + "\n" + EAST.get().logTail() + "\n" + WEST.get().logTail());
        }
    }

    /** A connection of the test's own that hears the answers and hang-ups its phones' calls get. */
    private static EslClient phoneLine(LiveSwitch fs) throws Exception {
        EslClient c = EslClient.connect(fs.get().options());
        c.events(EventFormat.PLAIN, "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE").get(20, TimeUnit.SECONDS);
        return c;
    }

    private static String api(EslClient c, String command) throws Exception {
        return c.api(command).get(20, TimeUnit.SECONDS).text().strip();
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("waited 30 s for: " + what + "\nstations said:\n  " + String.join("\n  ", lines));
            Thread.sleep(20);
        }
    }
}
