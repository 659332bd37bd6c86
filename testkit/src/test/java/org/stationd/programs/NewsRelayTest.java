package org.stationd.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.testing.Show;

/**
 * programs/news-relay.js on 27 stations: one shared conference, exactly one master playing the
 * report; the master's transmitter drops and another station takes over where it stopped; a
 * station whose transmitter is busy keeps retrying while the others relay; at the end all hang up.
 */
class NewsRelayTest {
    @TempDir
    Path dir;

    static String id(int i) {
        return String.format("s%02d", i);
    }

    @Test
    void twentySevenStationsRelayOneReportWithOneMasterAtATime() throws Exception {
        Show.Builder b = Show.in(dir).program(Path.of(System.getProperty("stationd.home"), "programs", "news-relay.js")).media("news.wav", 4).virtualTime();
        for (int i = 1; i <= 27; i++) {
            int n = i;
            String phone = String.valueOf(4000 + n);
            b.phone(phone, n == 27 ? "busy" : "{ answer_after_ms: 100 }");
            b.station(id(n), s -> s.program("news-relay.js").group("news").transmitter("user/" + phone).settings("{ report: news.wav }"));
        }
        try (Show show = b.start()) {
            List<String> relaying = IntStream.rangeClosed(1, 26).mapToObj(NewsRelayTest::id).toList();
            show.await("the first master plays", () -> NewsRelayLines.masters(show).size() == 1);
            String first = NewsRelayLines.masters(show).get(0);
            show.await("26 stations relaying", () -> relaying.stream().allMatch(s -> show.entered(s, "relaying")));
            assertEquals(1, show.sim().conferences().size(), "one shared conference");
            show.pass(Duration.ofMillis(1200));   // a bit of the report airs

            // the master's transmitter drops: another station takes over and resumes, not restarts
            show.sim().hangup(show.station(first).station().getTransmitter().getId(), "NORMAL_CLEARING");
            show.await("a new master", () -> NewsRelayLines.masters(show).size() == 2);
            String second = NewsRelayLines.masters(show).get(1);
            assertNotEquals(first, second);
            double resumedAt = NewsRelayLines.resumedFrom(show, second);
            assertTrue(resumedAt > 0.5 && resumedAt < 4, "resumed at " + resumedAt + " s");
            show.await("the new master plays", () -> !show.aired(second).isEmpty());
            assertEquals("news.wav", show.aired(second).get(0), "FreeSWITCH's conference refuses file@@samples");
            show.await("the new master moves the report to where it stopped", () -> NewsRelayLines.seekMillis(show, second) != null);
            assertEquals(resumedAt * 1000, NewsRelayLines.seekMillis(show, second), 50, "file_seek to the resumed position (logged to 0.1 s)");
            // a master whose host died leaves its playback going in the room: the new one stops it before playing its own
            List<String> commands = show.apiCommands(second);
            int stop = commands.indexOf("conference shared-news stop");
            int play = java.util.stream.IntStream.range(0, commands.size()).filter(i -> commands.get(i).startsWith("conference shared-news play ")).findFirst().orElse(-1);
            assertTrue(stop >= 0 && stop < play, "the room stopped, then the report played: " + commands);

            // the report ends: every relaying station hangs up
            show.await("all done", () -> relaying.stream().allMatch(s -> show.entered(s, "done")));
            show.await("all transmitters hung up", () -> relaying.stream().allMatch(s -> show.station(s).station().getTransmitter() == null));
            assertEquals(2, NewsRelayLines.masters(show).size(), "exactly one master at a time: " + NewsRelayLines.masters(show) + "\n" + String.join("\n", show.lines()));

            // the station whose transmitter is busy kept trying and never held things up
            assertTrue(show.logged(id(27), "transmitter unreachable (USER_BUSY); trying again in 10 s"), show.lines().toString());
            assertTrue(show.errors().isEmpty(), show.errors().toString());
        }
    }

    /** A report the switch refuses to play is an error the operator sees, not the end of the report: nobody hangs up. */
    @Test
    void aReportTheSwitchRefusesIsReportedAndTheTransmittersStayOnAir() throws Exception {
        Show.Builder b = Show.in(dir).program(Path.of(System.getProperty("stationd.home"), "programs", "news-relay.js"));
        for (int n = 1; n <= 2; n++) {
            String phone = String.valueOf(4000 + n);
            b.phone(phone, "{ answer_after_ms: 100 }");
            b.station(id(n), s -> s.program("news-relay.js").group("news").transmitter("user/" + phone).settings("{ report: missing.wav }"));
        }
        try (Show show = b.start()) {
            show.await("both relaying", () -> show.entered(id(1), "relaying") && show.entered(id(2), "relaying"));
            show.await("the master tried to play", () -> NewsRelayLines.masters(show).size() == 1);
            String master = NewsRelayLines.masters(show).get(0);
            show.await("the refusal reported", () -> show.logged(master, "the report cannot be played (-ERR (play) File: "));
            assertTrue(show.logged(master, "the switch refused to play missing.wav into shared:news"), show.lines().toString());
            show.station(master).awaitIdle(java.time.Duration.ofSeconds(10));
            assertTrue(List.of(id(1), id(2)).stream().noneMatch(s -> show.entered(s, "done")), show.lines().toString());
            assertTrue(List.of(id(1), id(2)).stream().allMatch(s -> show.station(s).station().getTransmitter() != null), "both still on air");
        }
    }
}
