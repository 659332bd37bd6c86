package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.api.ProgramError;
import org.stationd.testing.Show;

/**
 * The program of the reliability issue: every 0.05 s it sleeps ten minutes through a computed
 * method name, which the compile-time guard rails cannot see. On three stations of one host,
 * with heartbeat programs on two others: each attempt is refused at its line, and the heartbeats
 * keep their exact pace on the virtual clock.
 */
class HostilePeersTest {
    @TempDir
    Path dir;

    static final String SLEEPER = """
            program {
                state('on') {
                    enter { station.every(0.05, 'nap') }
                    on.timer { e -> this."${'sle' + 'ep'}"(600000) }
                }
            }
            """;
    static final String HEARTBEAT = """
            program {
                state('on') {
                    enter { station.every(0.1, 'beat') }
                    on.timer { e -> data.beats = (data.beats ?: 0) + 1; log.info("beat ${data.beats}") }
                }
            }
            """;

    @Test
    void dynamicSleepOnThreeStationsHoldsNoThreadAndHeartbeatsKeepPace() throws Exception {
        Show.Builder b = Show.in(dir).virtualTime().program("sleeper.groovy", SLEEPER).program("heartbeat.groovy", HEARTBEAT);
        for (String s : new String[] {"s1", "s2", "s3"}) b.station(s, spec -> spec.program("sleeper.groovy"));
        for (String s : new String[] {"h1", "h2"}) b.station(s, spec -> spec.program("heartbeat.groovy"));
        try (Show show = b.start()) {
            for (String s : new String[] {"s1", "s2", "s3", "h1", "h2"}) show.awaitState(s, "on");
            show.pass(Duration.ofSeconds(3));
            for (String h : new String[] {"h1", "h2"}) {
                assertEquals(30, show.lines().stream().filter(l -> l.startsWith(h + " log beat ")).count(), h);
                assertTrue(show.logged(h, "beat 30"), h);
            }
            assertTrue(show.errors().size() >= 3 * 50, "each nap refused: " + show.errors().size());
            for (ProgramError e : show.errors()) {
                assertEquals("not allowed in a program: the program's sleeper.sleep", e.message());
                assertEquals("sleeper.groovy:4", e.location());
            }
        }
    }

    @Test
    void recordingsAreWrittenOnlyInTheStationsFolderInBothLanguages() throws Exception {
        String groovy = """
                program {
                    state('open') {
                        on.incomingCall { e -> e.call.answer() }
                        on.dtmf { e -> e.call.record(e.digit == '1' ? '/tmp/stationd-owned.wav' : '../../owned.wav', 5) }
                    }
                }
                """;
        String js = """
                program({ states: { open: {
                    incomingCall(e) { e.call.answer(); },
                    dtmf(e) { e.call.record(e.digit === '1' ? '/tmp/stationd-owned.wav' : '../../owned.wav', 5); }
                } } });
                """;
        Show.Builder b = Show.in(dir).program("rec.groovy", groovy).program("rec.js", js)
                .station("g", spec -> spec.program("rec.groovy").line("ivr", "7101"))
                .station("j", spec -> spec.program("rec.js").line("ivr", "7102"));
        try (Show show = b.start()) {
            for (String st : new String[] {"g", "j"}) {
                // each refusal fails the handler on the caller's call: the station apologises and hangs up, so one call per try
                String[] keys = {"1", "2"};
                for (int i = 0; i < keys.length; i++) {
                    int tries = i + 1;
                    show.listener("2567000001" + (st.equals("g") ? "1" : "2") + tries).calls(show.line(st, "ivr"))
                            .when("answered", () -> answered(show, st) >= tries).presses(keys[i]);
                    show.await("refused " + tries + " on " + st, () -> refusals(show, st) >= tries);
                }
                show.await("the callers were not left in silence on " + st, () -> show.lines().stream()
                        .filter(l -> l.startsWith(st + " log caller ") && l.endsWith("the station played its apology (apology.wav) and hung up")).count() == 2);
            }
            assertTrue(show.commands("g").stream().noneMatch(c -> c.contains("owned")), show.commands("g").toString());
            assertTrue(show.commands("j").stream().noneMatch(c -> c.contains("owned")), show.commands("j").toString());
            for (ProgramError e : show.errors()) {
                assertTrue(e.message().contains("recordings are written in the station's recordings folder"), e.message());
                assertTrue(e.location() != null && e.location().matches("rec\\.groovy:4|rec\\.js:3:\\d+"), e.location());
            }
        }
    }

    private static long answered(Show show, String station) {
        return show.lines().stream().filter((station + " call answered")::equals).count();
    }

    private static long refusals(Show show, String station) {
        return show.lines().stream().filter(l -> l.startsWith(station + " error record ")).count();
    }
}
