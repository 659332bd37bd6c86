package org.stationd.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.api.SmsMessage;
import org.stationd.testing.Listener;
import org.stationd.testing.Show;

/**
 * programs/talkshow.js: the host is called and says ready; a caller who rings early hears the
 * off-air message; queued callers hold until the host puts them on air (5) or drops them (6); a
 * listener who texted the keyword is called back (7); the show ends when the host hangs up.
 */
class TalkShowTest {
    @TempDir
    Path dir;

    @Test
    void aTalkShowFromReadyToTheHostHangingUp() throws Exception {
        Show.Builder b = Show.in(dir).program(Path.of(System.getProperty("stationd.home"), "programs", "talkshow.js"))
                .media("talkshow-ready.wav", 0.3).media("talkshow-queued.wav", 0.3).media("talkshow-offair.wav", 0.3)
                .media("hold.wav", 0.5).media("goodbye.wav", 0.2)
                .phone("3009", "{ answer_after_ms: 1500 }")
                .station("kla", s -> s.program("talkshow.js").transmitter("user/3001").line("call-in", "7001").sms("7100")
                        .settings("{ host: user/3009, mode: queue, keyword: CALL ME }"));
        try (Show show = b.start()) {
            // a caller who rings before the host is ready hears that the show is off air
            Listener early = show.listener("256700000011").calls("7001");
            show.await("turned away", () -> show.aired("kla").contains("talkshow-offair.wav"));
            show.await("hung up", () -> show.sim().call(early.callId()) == null || "HANGUP".equals(show.sim().call(early.callId()).callState()));

            // the host is called and presses 1; the transmitter joins; "you are on air"
            String host = show.station("kla").getCalls().stream().filter(c -> "user/3009".equals(c.getTo())).findFirst().orElseThrow().getId();
            show.await("ready prompt", () -> show.aired("kla").contains("talkshow-ready.wav"));
            Thread.sleep(300);
            show.sim().pressDigits(host, "1");
            show.awaitState("kla", "on-air");
            assertTrue(show.aired("kla").stream().anyMatch(a -> a.contains("You are on air")), show.aired("kla").toString());

            // a listener texts the keyword while the show runs
            show.text("256700000077", "7100", "please CALL ME back");
            show.await("text stored", () -> show.lines().contains("kla call text from 256700000077"));

            // in queue mode a caller holds; 5 puts the next caller on air, 6 drops them
            Listener caller = show.listener("256700000022").calls("7001");
            show.await("queued", () -> show.aired("kla").contains("talkshow-queued.wav"));
            show.sim().pressDigits(host, "5");
            show.await("caller on air", () -> show.logged("kla", "256700000022 is on air"));
            show.await("caller joined the show", () -> show.lines().stream().filter(l -> l.equals("kla call conferenceJoined show")).count() >= 3);
            show.sim().pressDigits(host, "6");
            show.await("caller dropped", () -> show.sim().call(caller.callId()) == null || "HANGUP".equals(show.sim().call(caller.callId()).callState()));

            // 7 calls back the listener who texted
            show.sim().pressDigits(host, "7");
            show.await("called back", () -> show.lines().stream().anyMatch(l -> l.startsWith("kla call dialling sofia/gateway/pstn/256700000077")));
            show.await("texter on air", () -> show.logged("kla", "is on air") && show.lines().stream().filter(l -> l.equals("kla call conferenceJoined show")).count() >= 4);

            List<SmsMessage> texts = show.station("kla").getSms().recent(5);
            assertEquals("please CALL ME back", texts.get(0).text());
            assertEquals("256700000077", texts.get(0).from());

            // the host hangs up: the show ends and everyone is hung up
            show.sim().hangup(host, "NORMAL_CLEARING");
            show.awaitState("kla", "off-air");
            show.await("all calls ended", () -> show.station("kla").getCalls().isEmpty());
            assertTrue(show.errors().isEmpty(), show.errors().toString());
        }
    }
}
