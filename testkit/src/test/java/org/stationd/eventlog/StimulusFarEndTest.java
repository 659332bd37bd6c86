package org.stationd.eventlog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.esl.sim.dialplan.PhoneBehaviour;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.script.ProgramEngines;
import org.stationd.testing.ProgramTest;
import org.stationd.testing.Show;

/** In a stimulus replay each call the station places meets its far end as recorded: busy the first time, answered the second. */
@ProgramTest
class StimulusFarEndTest {
    static final String REDIAL = """
            program {
                apiVersion 1
                state('on') {
                    enter { station.originate('user/3004') }
                    on.failed { e -> log.info("not through: ${e.cause}"); station.after(5, 'retry') }
                    on.timer { e -> station.originate('user/3004') }
                    on.answered { e -> log.info('connected'); e.call.play('beep.wav') }
                }
            }
            """;

    @Test
    void aPhoneThatWasBusyAndThenAnsweredIsBusyAndThenAnswersAgain(Show.Builder bench) throws Exception {
        Show show = bench.program("redial.groovy", REDIAL).media("beep.wav", 0.3).phone("3004", "busy")
                .station("kla", s -> s.program("redial.groovy").transmitter("user/3001"))
                .virtualTime(Instant.parse("2026-11-22T05:00:00Z"))
                .start();
        show.sim().script("user/3004", List.of(PhoneBehaviour.answerAfter(700)));   // busy now (sim.yaml), answers on the redial
        show.await("connected on the second try", () -> show.logged("kla", "connected"));
        assertTrue(show.logged("kla", "not through: USER_BUSY"), show.lines().toString());
        show.close();

        HostConfig host = ConfigLoader.load(bench.dir().resolve("stations.yaml"));   // its sim.yaml still says 3004 is busy
        List<Map<String, Object>> log = EventLogReader.read(show.eventLog("kla"));
        try (ProgramEngines engines = new ProgramEngines()) {
            ReplayResult r = new StimulusReplay(host.station("kla"), new ScriptProgramLoader(engines).load(bench.dir().resolve("programs/redial.groovy")),
                    host.mediaDir(), host.dataDir().resolve("recordings"), host.simDialplan()).run(log, null);
            List<String> t = r.timeline();
            String timeline = String.join("\n", t);
            assertTrue(r.ok(), r.summary() + "\n" + timeline);
            int busy = indexOf(t, "← job result -ERR USER_BUSY");
            int redial = indexOf(t, "→ bgapi originate", busy);
            int played = indexOf(t, "beep.wav", redial);
            assertTrue(busy >= 0 && redial > busy && played > redial, "busy, then the redial is answered and the beep plays:\n" + timeline);
        }
    }

    private static int indexOf(List<String> lines, String text) {
        return indexOf(lines, text, -1);
    }

    private static int indexOf(List<String> lines, String text, int after) {
        for (int i = after + 1; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) return i;
        }
        return -1;
    }
}
