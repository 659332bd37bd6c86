package org.stationd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.live.LiveSwitch;

/**
 * The operator's kit works as docs/freeswitch.md says: with the documented dialplan files installed
 * on the bundled FreeSWITCH, a listener's call from the carrier's context reaches the stations
 * context and is parked under the line's number, and the test transmitter answers.
 */
class FreeSwitchKitTest {
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();

    @TempDir
    Path dir;

    @BeforeAll
    static void installTheDocumentedDialplan() throws Exception {
        Path kit = Path.of(System.getProperty("stationd.home"), "docs", "freeswitch", "dialplan");
        Path conf = FS.get().dir().resolve("conf").resolve("dialplan");
        Files.copy(kit.resolve("stations.xml"), conf.resolve("stations.xml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(kit.resolve("public/10_stationd_lines.xml"), conf.resolve("public/10_stationd_lines.xml"));
        try (EslClient fs = EslClient.connect(FS.get().options())) {
            String reply = fs.api("reloadxml").get(30, TimeUnit.SECONDS).text();
            assertEquals("+OK [Success]", reply, FS.get().logTail());
        }
    }

    @Test
    void linesFromTheCarriersContextAreParkedAsStationsYamlWritesThem() throws Exception {
        Files.createDirectories(dir.resolve("programs"));
        Files.writeString(dir.resolve("programs/show.groovy"), "program { state('a') { enter { log.info('hi') } } }\n");
        Path config = Files.writeString(dir.resolve("stations.yaml"), """
                control: { control: "tcp://127.0.0.1:*", publish: "tcp://127.0.0.1:*" }   # the default ports need not be free here
                stations:
                  - id: kla
                    timezone: Africa/Kampala
                    transmitter: [ { sip: loopback/tx1/stations } ]
                    lines: { call-in: "256414000001", ivr: "+256414000009" }
                    program: show.groovy
                """);
        CliRun r = CliRun.stationd("check", "--config", config.toString(), "--switch", FS.get().url(), "--context", "public");
        assertEquals(List.of(
                "ok      show.groovy",
                "config ok: 1 station(s), 1 program(s) compile",
                "OK       module mod_conference (conferences)",
                "OK       module mod_loopback (line probes; transmitters of kla)",
                "OK       kla line call-in 256414000001 is parked for the host (probe call into context public, hung up)",
                "MISSING  kla line ivr +256414000009 is not parked (probe call into context public): it is parked as 256414000009, not as +256414000009:"
                        + " write the line in stations.yaml as the dialplan parks it",
                "OK       kla transmitter loopback/tx1/stations answers (probe call, hung up at once)",
                "1 missing on FreeSWITCH at " + FS.get().options().address()), r.out().lines().toList(), r.err());
        assertEquals(1, r.exit());
    }
}
