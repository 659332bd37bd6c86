package org.stationd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.live.LiveSwitch;

/**
 * The operator's commands against the bundled FreeSWITCH: {@code check --switch} reports what the
 * stations need and lack (and hangs its probe calls up), {@code run} on a switch it cannot use says
 * so in one line.
 */
class RealSwitchCliTest {
    /** Free ports for the control sockets: a test never needs the default ones free on the machine it runs on. */
    private static final String ANY_PORTS = "control: { control: \"tcp://127.0.0.1:*\", publish: \"tcp://127.0.0.1:*\" }\n";

    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();

    @TempDir
    Path dir;

    private Path config(String stations) throws IOException {
        Files.createDirectories(dir.resolve("programs"));
        Files.createDirectories(dir.resolve("media"));
        Files.writeString(dir.resolve("programs/show.groovy"), "program { state('a') { enter { log.info('hi') } } }\n");
        Files.write(dir.resolve("media/jingle.wav"), new byte[44]);
        return Files.writeString(dir.resolve("stations.yaml"), "media: media\n" + ANY_PORTS + (stations.isEmpty() ? "stations: []\n" : "stations:\n" + stations));
    }

    private String media(String file) {
        return dir.resolve("media").resolve(file).toAbsolutePath().toString();
    }

    @Test
    void checkFindsEverythingAGoodStationNeeds() throws Exception {
        Path config = config("""
                  - id: kla
                    timezone: Africa/Kampala
                    transmitter: [ { sip: loopback/tx1/stations } ]
                    lines: { call-in: "256414000001" }
                    program: show.groovy
                    settings: { jingle: jingle.wav }
                """);
        List<String> probes = new ArrayList<>();
        CliRun r = withProbesWatched(probes, () -> CliRun.stationd("check", "--config", config.toString(), "--switch", FS.get().url()));
        assertEquals(List.of(
                "ok      show.groovy",
                "config ok: 1 station(s), 1 program(s) compile",
                "OK       module mod_conference (conferences)",
                "OK       module mod_loopback (line probes; transmitters of kla)",
                "OK       kla line call-in 256414000001 is parked for the host (probe call into context stations, hung up)",
                "OK       kla transmitter loopback/tx1/stations answers (probe call, hung up at once)",
                "OK       kla media jingle.wav (" + media("jingle.wav") + ")",
                "switch ok: FreeSWITCH at " + address() + " has what the 1 station(s) need"), r.out().lines().toList(), r.err());
        assertEquals(0, r.exit());
        assertEquals(4, probes.size(), "both legs of the line probe and of the transmitter probe: " + probes);
    }

    @Test
    void checkReportsEachMissingThingAndFails() throws Exception {
        Path config = config("""
                  - id: kla
                    timezone: Africa/Kampala
                    transmitter: [ { sip: loopback/tx1/stations }, { sip: loopback/busy/stations } ]
                    lines: { call-in: "+256414000001" }
                    sms: "256700200001"
                    program: show.groovy
                    settings: { jingle: jingle.wav, series: [ episode-1.wav ] }
                """);
        List<String> probes = new ArrayList<>();
        CliRun r = withProbesWatched(probes, () -> CliRun.stationd("check", "--config", config.toString(), "--switch", FS.get().url()));
        assertEquals(List.of(
                "ok      show.groovy",
                "config ok: 1 station(s), 1 program(s) compile",
                "OK       module mod_conference (conferences)",
                "OK       module mod_loopback (line probes; transmitters of kla)",
                "MISSING  module mod_sms (texts to kla): not loaded; load it in autoload_configs/modules.conf.xml",
                "MISSING  chat interface sms (texts from kla): FreeSWITCH has only api, conf, event; texts the stations send are not delivered",
                "MISSING  kla line call-in +256414000001 is not parked (probe call into context stations): the dialplan ends the call (NO_ROUTE_DESTINATION)",
                "OK       kla transmitter loopback/tx1/stations answers (probe call, hung up at once)",
                "MISSING  kla transmitter loopback/busy/stations does not answer (USER_BUSY)",
                "OK       kla media jingle.wav (" + media("jingle.wav") + ")",
                "MISSING  kla media episode-1.wav: FreeSWITCH cannot find " + media("episode-1.wav"),
                "5 missing on FreeSWITCH at " + address()), r.out().lines().toList(), r.err());
        assertEquals(1, r.exit());
    }

    @Test
    void runOnASwitchThatRefusesThePasswordIsOneLine() throws Exception {
        Path config = config("");
        CliRun r = CliRun.stationd("run", "--config", config.toString(), "--switch", FS.get().url(), "--password", "not-ClueCon", "--for", "1");
        assertEquals(List.of("stationd: FreeSWITCH at " + address() + " refused the password (auth failed): check password: in stations.yaml"
                + " (or --password) against the event socket's password"), r.err().lines().toList(), r.out());
        assertEquals(1, r.exit());
    }

    @Test
    void runOnASwitchThatIsNotThereIsOneLine() throws Exception {
        int port = freePort();
        Path config = config("");
        CliRun r = CliRun.stationd("run", "--config", config.toString(), "--switch", "esl://127.0.0.1:" + port, "--for", "1");
        assertEquals(List.of("stationd: cannot reach FreeSWITCH at 127.0.0.1:" + port + " (connection refused); is it running? see docs/freeswitch.md"),
                r.err().lines().toList(), r.out());
        assertEquals(1, r.exit());
    }

    @Test
    void checkOfASwitchThatIsNotThereIsOneLine() throws Exception {
        int port = freePort();
        Path config = config("");
        CliRun r = CliRun.stationd("check", "--config", config.toString(), "--switch", "esl://127.0.0.1:" + port);
        assertEquals(List.of("config ok: 0 station(s), 1 program(s) compile",
                "stationd: cannot reach FreeSWITCH at 127.0.0.1:" + port + " (connection refused); is it running? see docs/freeswitch.md"),
                r.out().lines().filter(l -> !l.startsWith("ok      ")).toList(), r.err());
        assertEquals("", r.err());
        assertEquals(1, r.exit());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();   // free, then closed: nothing listens there
        }
    }

    private static String address() {
        return FS.get().options().address();
    }

    /**
     * Runs a check while watching the switch for the probe calls' channels ({@code station_id=stationd-check});
     * returns only when every one of them has been hung up, failing if one is left behind.
     */
    private static CliRun withProbesWatched(List<String> probes, java.util.concurrent.Callable<CliRun> check) throws Exception {
        BlockingQueue<EslEvent> events = new LinkedBlockingQueue<>();
        try (EslClient fs = EslClient.connect(FS.get().options())) {
            fs.addListener(e -> {
                if (SwitchCheck.PROBE_ID.equals(e.variable("station_id"))) {
                    events.add(e);
                }
            });
            fs.events(EventFormat.PLAIN, "CHANNEL_CREATE", "CHANNEL_HANGUP_COMPLETE").get(10, TimeUnit.SECONDS);
            CliRun r = check.call();
            fs.eventsDelivered().get(10, TimeUnit.SECONDS);
            Set<String> up = ConcurrentHashMap.newKeySet();
            for (EslEvent e : new ArrayList<>(events)) {
                if (e.is("CHANNEL_CREATE")) {
                    probes.add(e.uniqueId());
                }
            }
            up.addAll(probes);
            while (!up.isEmpty()) {
                EslEvent e = events.poll(30, TimeUnit.SECONDS);
                if (e == null) {
                    throw new AssertionError("probe calls left up: " + up + "\n" + FS.get().logTail());
                }
                if (e.is("CHANNEL_HANGUP_COMPLETE")) {
                    up.remove(e.uniqueId());
                }
            }
            return r;
        }
    }
}
