package org.stationd.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.api.Call;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.live.LiveSwitch;
import org.stationd.testing.Show;

/**
 * Issue #17 on the real FreeSWITCH: a comma in an originate value really does split the {…} block
 * into another channel variable, and {@code ${…}} in an application's argument is expanded (so the
 * checks matter); stationd refuses such a value before
 * anything reaches the switch, and a value that passes the check arrives verbatim, setting only the
 * variable it was given for.
 */
class OriginateValuesLiveTest {
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();

    @TempDir
    Path dir;

    static final String PROGRAM = """
            program {
                apiVersion 1
                state('dial') {
                    enter {
                        try {
                            station.originate('loopback/tx1/stations', [callerId: '1,stationd_probe=injected'])
                        } catch (IllegalArgumentException e) {
                            log.warn('refused: ' + e.message)
                        }
                        station.originate('loopback/tx1/stations', [callerId: '+256-700.000*001#', variables: [show_name: 'Morning_Show']])
                    }
                    on.answered { e -> log.info('answered ' + e.call.id) }
                }
            }
            """;

    @Test
    void aCommaSplitsTheBlockOnTheSwitchSoStationdRefusesItAndPassesACleanValueVerbatim() throws Exception {
        try (EslClient fs = EslClient.connect(FS.get().options())) {
            // what the unchecked code sent for callerId '1,stationd_probe=injected': the switch sets a second variable
            String raw = UUID.randomUUID().toString();
            String reply = fs.bgapi("originate {origination_uuid=" + raw + ",origination_caller_id_number=1,stationd_probe=injected}loopback/tx1/stations &park()")
                    .result().get(30, TimeUnit.SECONDS).text();
            assertTrue(reply.startsWith("+OK"), reply);
            assertEquals("injected", getvar(fs, raw, "stationd_probe"), FS.get().logTail());
            // and an application's argument is expanded, function calls included (mod_commands' system is one): why '${' is refused
            fs.sendmsg(raw, SendMsg.execute("set", "stationd_probe=${expr(6*7)}")).get(10, TimeUnit.SECONDS);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!"42".equals(getvar(fs, raw, "stationd_probe"))) {   // the channel runs the sendmsg when it gets to it
                assertTrue(System.nanoTime() < end, "the switch did not expand the argument: " + getvar(fs, raw, "stationd_probe") + "\n" + FS.get().logTail());
                Thread.sleep(20);
            }
            fs.api("uuid_kill " + raw).get(10, TimeUnit.SECONDS);

            Show.Builder bench = Show.in(dir).realSwitch(FS.get().url()).program("values.groovy", PROGRAM)
                    .station("kla", s -> s.program("values.groovy").transmitter("loopback/tx2/stations"));
            try (Show show = bench.start()) {
                show.await("the clean call is answered", () -> show.logged("kla", "answered "));
                assertTrue(show.logged("kla", "refused: originate: callerId '1,stationd_probe=injected' must not contain"), show.lines().toString());
                List<String> originates = show.commands("kla").stream().filter(c -> c.contains("originate")).toList();
                assertEquals(1, originates.size(), originates.toString());
                String id = show.station("kla").station().getCalls().stream().map(Call::getId).findFirst().orElseThrow();
                assertEquals("+256-700.000*001#", getvar(fs, id, "origination_caller_id_number"));
                assertEquals("Morning_Show", getvar(fs, id, "show_name"));
                assertEquals("_undef_", getvar(fs, id, "stationd_probe"));
                assertTrue(show.errors().isEmpty(), show.errors() + "\n" + FS.get().logTail());
            }
        }
    }

    private static String getvar(EslClient fs, String uuid, String name) throws Exception {
        return fs.api("uuid_getvar " + uuid + " " + name).get(10, TimeUnit.SECONDS).body().trim();
    }
}
