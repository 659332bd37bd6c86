package org.stationd.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.stationd.testing.ProgramTest;
import org.stationd.testing.Show;

/**
 * A show that ends while its transmitter is being redialled after a drop: the redial still
 * ringing is ended too, and nothing dials again (seen on the real switch: the news relay's old
 * master redialled, the report ended, and the late answer stayed up with no station wanting it).
 */
@ProgramTest
class TransmitterHangupTest {
    private static final String ENDS_WHILE_REDIALLING = """
            program({
              apiVersion: 1,
              name: 'ends',
              states: {
                on: {
                  enter() { station.dialTransmitter(); },
                  hangup(e) { station.after(3, 'end'); },
                  timer(e) { if (e.timer === 'end') go('over'); }
                },
                over: { enter() { station.hangupTransmitter(); } }
              }
            });
            """;

    @Test
    void aRedialStillRingingIsEndedAndNotDialledAgain(Show.Builder bench) throws Exception {
        Show show = bench.program("ends.js", ENDS_WHILE_REDIALLING).phone("3001", "{ answer_after_ms: 3000 }")
                .station("kla", s -> s.program("ends.js").transmitter("user/3001")).start();
        show.await("the transmitter is up", () -> show.station("kla").station().getTransmitter() != null);
        show.drop(show.station("kla").station().getTransmitter().getId());
        // the station redials 2 s after the drop; that call rings 3 s; the show ends 3 s after the drop
        show.awaitState("kla", "over");
        show.pass(Duration.ofSeconds(5));   // past when the redial would have answered
        assertTrue(show.sim().calls().isEmpty(), "no call left on the switch: " + show.sim().calls());
        assertNull(show.station("kla").station().getTransmitter());
        assertEquals(2, show.commands("kla").stream().filter(c -> c.contains("originate ")).count(),
                "dialled once, redialled once, then never again: " + show.commands("kla"));
        assertTrue(show.errors().isEmpty(), show.errors().toString());
    }
}
