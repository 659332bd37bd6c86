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
                        .settings("{ host: user/3009, mode: queue, keyword: CALL ME, breakSeconds: 2 }"));
        try (Show show = b.start()) {
            // a caller who rings before the host is ready hears that the show is off air
            Listener early = show.listener("256700000011").calls("7001");
            show.await("turned away", () -> show.aired("kla").contains("talkshow-offair.wav"));
            show.await("hung up", () -> gone(show, early.callId()));

            // the host is called and presses 1; the transmitter joins; "you are on air"
            String host0 = show.station("kla").station().getCalls().stream().filter(c -> "user/3009".equals(c.getTo())).findFirst().orElseThrow().getId();
            show.await("ready prompt", () -> show.aired("kla").contains("talkshow-ready.wav"));
            show.await("the host's menu is listening", () -> "play_and_get_digits".equals(show.sim().call(host0).application()));
            String host = host0;
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
            show.await("caller dropped", () -> gone(show, caller.callId()));

            // 7 calls back the listener who texted
            show.sim().pressDigits(host, "7");
            show.await("called back", () -> show.lines().stream().anyMatch(l -> l.startsWith("kla call dialling sofia/gateway/pstn/256700000077")));
            show.await("texter on air", () -> show.logged("kla", "is on air") && show.lines().stream().filter(l -> l.equals("kla call conferenceJoined show")).count() >= 4);

            // 8 reads the newest texts into the show
            show.sim().pressDigits(host, "8");
            show.await("text read on air", () -> show.aired("kla").contains("say:A message from 256700000077: please CALL ME back"));

            // 3: auto-answer, callers go straight on air; 4: back to the queue
            show.sim().pressDigits(host, "3");
            show.await("3 reached the show", () -> show.lines().contains("kla call dtmf 3"));
            show.listener("256700000033").calls("7001");
            show.await("auto-answered on air", () -> show.logged("kla", "256700000033 is on air"));
            show.sim().pressDigits(host, "4");
            show.await("4 reached the show", () -> show.lines().contains("kla call dtmf 4"));
            show.listener("256700000044").calls("7001");
            show.await("queued again", () -> show.aired("kla").stream().filter("talkshow-queued.wav"::equals).count() == 2);
            assertTrue(!show.logged("kla", "256700000044 is on air"));

            // * digits # dials a guest into the show
            show.sim().pressDigits(host, "*5550001#");
            show.await("guest dialled", () -> show.lines().stream().anyMatch(l -> l.startsWith("kla call dialling sofia/gateway/pstn/5550001")));

            // 9: a break with music, then the host is called back
            show.sim().pressDigits(host, "9");
            show.awaitState("kla", "break");
            show.await("host called back", () -> show.lines().stream().filter(l -> l.startsWith("kla call dialling user/3009")).count() == 2);
            show.await("back on air", () -> show.lines().stream().filter(l -> l.equals("kla state on-air")).count() == 2);
            assertTrue(show.aired("kla").stream().anyMatch(a -> a.contains("You are back on air")), show.aired("kla").toString());
            String hostAgain = show.station("kla").station().getCalls().stream().filter(c -> "user/3009".equals(c.getTo()) && !c.getId().equals(host0))
                    .findFirst().orElseThrow().getId();
            host = hostAgain;

            List<SmsMessage> texts = show.station("kla").station().getSms().recent(5);
            assertEquals("please CALL ME back", texts.get(0).text());
            assertEquals("256700000077", texts.get(0).from());

            // the host hangs up: the show ends and everyone is hung up
            final String hostNow = host;
            show.sim().hangup(hostNow, "NORMAL_CLEARING");
            show.awaitState("kla", "off-air");
            show.await("all calls ended", () -> show.station("kla").station().getCalls().isEmpty());
            assertTrue(show.errors().isEmpty(), show.errors().toString());

            // every leg has its call detail record: the host's first call, callers, the transmitter
            org.stationd.storage.Cdrs cdrs = new org.stationd.storage.Cdrs(show.host().database());
            // written one by one as the legs end, the transmitter's among the last: wait for it by name, not for a count that may come first
            show.await("call records written, the transmitter's among them", () -> {
                List<org.stationd.storage.Cdrs.Cdr> written = cdrs.forStation("kla");
                return written.size() >= 6 && written.stream().anyMatch(c -> "transmitter".equals(c.role()))
                        && written.stream().anyMatch(c -> "256700000022".equals(c.from()));
            });
            List<org.stationd.storage.Cdrs.Cdr> rows = cdrs.forStation("kla");
            assertTrue(rows.stream().anyMatch(c -> "inbound".equals(c.direction()) && "256700000022".equals(c.from()) && c.answered() != null
                    && "NORMAL_CLEARING".equals(c.hangupCause()) && c.durationMillis() > 0), rows.toString());
            assertTrue(rows.stream().anyMatch(c -> "transmitter".equals(c.role()) && c.answered() != null), rows.toString());
        }
    }

    private static boolean gone(Show show, String uuid) {
        org.stationd.esl.sim.SimCall c = show.sim().call(uuid);
        return c == null || "HANGUP".equals(c.callState());
    }

}
