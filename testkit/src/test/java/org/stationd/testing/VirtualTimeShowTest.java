package org.stationd.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Program tests on a virtual clock: the simulated switch and the stations move together, so a
 * listener who stays half an hour, a ten-minute report and a whole scheduled slot take a moment.
 */
@ProgramTest
class VirtualTimeShowTest {
    static final String CALL_IN = """
            program {
                apiVersion 1
                state('live') {
                    on.incomingCall { e -> e.call.answer(); e.call.play('welcome.wav') }
                    on.dtmf { e -> if (e.digit == '1') e.call.play('report.wav') }
                    on.playbackDone { e -> log.info("played ${e.file}") }
                    on.hangup { e -> station.store.put('lastCaller', e.call.from) }
                }
            }
            """;

    @Test
    void aListenerWhoStaysHalfAnHourIsAMomentsTest(Show.Builder bench) throws Exception {
        Show show = bench.program("callin.groovy", CALL_IN).media("welcome.wav", 2).media("report.wav", 600)
                .station("kla", s -> s.program("callin.groovy").transmitter("user/3001").line("call-in", "7001"))
                .virtualTime(Instant.parse("2026-11-22T05:00:00Z"))
                .start();
        Instant start = show.now();
        show.listener("+256700000001").calls(show.line("kla", "call-in"))
                .when("welcomed", () -> show.logged("kla", "played welcome.wav")).presses("1")
                .hangsUpAfter(Duration.ofMinutes(30));
        show.await("the caller is remembered", () -> "+256700000001".equals(show.stored("kla", "lastCaller")));

        assertEquals(List.of("welcome.wav", "report.wav"), show.aired("kla"));
        // the ten-minute report played to its end (on the switch's clock) before the listener left
        assertTrue(show.logged("kla", "played report.wav"), show.lines().toString());
        Duration took = Duration.between(start, show.now());
        assertTrue(took.compareTo(Duration.ofMinutes(30)) >= 0 && took.compareTo(Duration.ofMinutes(31)) < 0, "show time passed: " + took);
        assertTrue(show.errors().isEmpty(), show.errors().toString());
    }

    @Test
    void aScheduledSlotStartsGetsItsWrapUpAndEndsOnTheStationsClock(Show.Builder bench) throws Exception {
        // 07:59 in Kampala (UTC+3): a one-hour show at 08:00 with the transmitter, the idle program around it
        Show show = bench.program("idle.groovy", "program { apiVersion 1\n state('idle') { } }\n")
                .program("morning.groovy", """
                        program {
                            apiVersion 1
                            state('on') {
                                enter { station.dialTransmitter() }
                                on.answered { e -> log.info('transmitter up') }
                                on.wrapUp { e -> log.info("wrap-up with ${e.seconds as int} s left") }
                            }
                        }
                        """)
                .station("kla", s -> s.program("idle.groovy").transmitter("user/3001")
                        .show("{ program: morning.groovy, start: \"2026-11-22T08:00\", duration: 1h }"))
                .virtualTime(Instant.parse("2026-11-22T04:59:00Z"))
                .start();
        show.await("the show is on air", () -> show.logged("kla", "transmitter up"));
        assertTrue(!show.now().isBefore(Instant.parse("2026-11-22T05:00:00Z")), "not before its slot: " + show.now());
        assertTrue(show.now().isBefore(Instant.parse("2026-11-22T05:00:05Z")), "the transmitter answers within a few seconds: " + show.now());

        show.await("the wrap-up", () -> show.logged("kla", "wrap-up with 30 s left"));
        assertEquals(Instant.parse("2026-11-22T05:59:30Z"), show.now(), "30 s before the end of the slot");

        show.await("the idle program is back", () -> show.lines().stream().filter(l -> l.equals("kla loaded idle.groovy")).count() == 2);
        assertEquals(Instant.parse("2026-11-22T06:00:00Z"), show.now(), "at the end of the slot, not a moment later");
        show.pass(Duration.ofSeconds(5));
        assertTrue(show.sim().calls().isEmpty(), "the transmitter call was hung up: " + show.sim().calls());
        assertTrue(show.errors().isEmpty(), show.errors().toString());
    }
}
