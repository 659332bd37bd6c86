package org.stationd.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.testing.Show;

/**
 * No caller is left in silence, on the simulated switch (the same calls over the Event Socket as
 * on a real FreeSWITCH: {@code live.SilenceLiveTest}): a handler that fails on a call hands the call
 * to the program's onError; if that does nothing, the station plays its apology and hangs up; a call
 * in a state without an incomingCall handler gets the apology; a number no station owns is refused
 * with UNALLOCATED_NUMBER.
 */
public class CallerNeverLeftInSilenceTest {
    @TempDir
    Path dir;

    public static final String FAILS_QUIETLY = """
            program({
              apiVersion: 1,
              states: { open: { incomingCall(e) { throw new Error('the answering machine broke'); } } },
              onError(err) { log.warn('failed: ' + err.message + ' on a call from ' + err.call.from); }
            });
            """;
    public static final String SAYS_SORRY_ITSELF = """
            program {
                apiVersion 1
                state('open') { on.incomingCall { e -> throw new IllegalStateException('no tapes left') } }
                onError { err -> err.call.answer(); err.call.play('sorry-from-the-show.wav'); err.call.hangup() }
            }
            """;
    public static final String NO_HANDLER = """
            program({ apiVersion: 1, states: { music: { enter() { log.info('music only'); } } } });
            """;

    public static Show.Builder bench(Show.Builder b, String program, String text) throws Exception {
        return b.program(program, text).media("apology.wav", 0.3).media("sorry-from-the-show.wav", 0.3)
                .station("kla", s -> s.program(program).transmitter("loopback/tx1/stations").line("call-in", "7001"));
    }

    /** A listener calls the line: the station answers, plays {@code expected}, and hangs up. */
    public static void callerHears(Show show, String expected) throws Exception {
        show.listener("256700000001").calls("7001");
        show.await("the station plays " + expected, () -> show.aired("kla").contains(expected));
        show.await("the station hangs the caller up", () -> show.station("kla").station().getCalls().stream().noneMatch(c -> "inbound".equals(c.getDirection())));
    }

    @Test
    void aHandlerThatFailsOnACallAndAnOnErrorThatDoesNothingLeaveTheApology() throws Exception {
        try (Show show = bench(Show.in(dir).bundledDialplan(), "fails.js", FAILS_QUIETLY).start()) {
            callerHears(show, "apology.wav");
            assertTrue(show.logged("kla", "failed: Error: the answering machine broke on a call from 256700000001"), show.lines().toString());
            assertTrue(show.logged("kla", "caller 256700000001: the program's incomingCall failed; the station played its apology (apology.wav) and hung up"),
                    show.lines().toString());
        }
    }

    @Test
    void anOnErrorThatAnswersTheCallItselfIsLeftToDoSo() throws Exception {
        try (Show show = bench(Show.in(dir).bundledDialplan(), "sorry.groovy", SAYS_SORRY_ITSELF).start()) {
            callerHears(show, "sorry-from-the-show.wav");
            assertFalse(show.aired("kla").contains("apology.wav"), show.aired("kla").toString());
            assertEquals(1, show.errors().size(), show.errors().toString());
        }
    }

    @Test
    void aCallInAStateWithoutAnIncomingCallHandlerGetsTheApology() throws Exception {
        try (Show show = bench(Show.in(dir).bundledDialplan(), "music.js", NO_HANDLER).start()) {
            show.await("on air", () -> show.logged("kla", "music only"));
            callerHears(show, "apology.wav");
            assertTrue(show.logged("kla", "caller 256700000001: no incomingCall handler in state music; the station played its apology (apology.wav) and hung up"),
                    show.lines().toString());
        }
    }

    @Test
    void aNumberNoStationOwnsIsRefusedWithACause() throws Exception {
        try (Show show = bench(Show.in(dir).bundledDialplan(), "music.js", NO_HANDLER).start()) {
            assertEquals("UNALLOCATED_NUMBER", WrongNumber.dial("127.0.0.1", show.sim().port(), "ClueCon", "7999"));
            assertTrue(show.station("kla").station().getCalls().stream().noneMatch(c -> "inbound".equals(c.getDirection())));
            assertEquals(List.of(), show.aired("kla").stream().filter(a -> a.contains("apology")).toList());
        }
    }
}
