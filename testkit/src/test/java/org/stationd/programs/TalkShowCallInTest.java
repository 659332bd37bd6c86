package org.stationd.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.stationd.testing.Listener;
import org.stationd.testing.ProgramTest;
import org.stationd.testing.Show;

/** A program test that reads like the show (the one in examples/README.md): a listener rings the call-in line and goes on air. */
@ProgramTest
class TalkShowCallInTest {
    @Test
    void aListenerGoesOnAir(Show.Builder bench) throws Exception {
        Show show = bench.program(Show.programFile("talkshow.js")).media("talkshow-ready.wav", 0.3).media("talkshow-queued.wav", 0.3)
                .phone("3009", "{ answer_after_ms: 300 }")
                .station("kla", s -> s.program("talkshow.js").transmitter("user/3001").line("call-in", "7001")
                        .settings("{ host: user/3009, mode: queue }"))
                .start();
        Listener host = show.answered("kla", "user/3009");
        host.when("ready asked", () -> show.aired("kla").contains("talkshow-ready.wav")).waits(Duration.ofMillis(400)).presses("1");
        show.awaitState("kla", "on-air");
        Listener caller = show.listener("+256700000001").calls(show.line("kla", "call-in"));
        host.waits(Duration.ofSeconds(1)).presses("5");
        show.await("on air", () -> show.logged("kla", "+256700000001 is on air"));
        caller.hangsUpAfter(Duration.ofSeconds(1));
        show.await("the caller left", () -> show.station("kla").station().getCalls().stream().noneMatch(c -> caller.callId().equals(c.getId())));

        assertTrue(show.aired("kla").contains("talkshow-queued.wav"), show.aired("kla").toString());
        assertTrue(show.entered("kla", "on-air"));
        assertTrue(show.commands("kla").stream().anyMatch(c -> c.startsWith("bgapi originate ") && c.endsWith("user/3009 &park()")), show.commands("kla").toString());
        assertTrue(show.errors().isEmpty(), show.errors().toString());
        show.close();
        assertEquals(show.commands("kla").size(), show.replay("kla").assertMatches().commands(), "the session it recorded replays strictly");
    }
}
