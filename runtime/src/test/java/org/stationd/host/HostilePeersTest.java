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
}
