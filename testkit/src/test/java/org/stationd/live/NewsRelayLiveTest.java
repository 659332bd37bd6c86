package org.stationd.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.live.LiveSwitch;
import org.stationd.programs.NewsRelayLines;
import org.stationd.testing.Show;

/**
 * programs/news-relay.js on 27 stations on the real FreeSWITCH (mirrors NewsRelayTest): all 27
 * transmitters dialled at once get through (the host paces originates under the switch's 30
 * sessions a second), one shared conference, exactly one master; the master's transmitter leg is
 * killed and another station resumes the report where it stopped (conference play, then
 * file_seek: the switch refuses file@@samples); at the end every station hangs up.
 */
class NewsRelayLiveTest {
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();

    static final double REPORT_SECONDS = 20;   // long enough that all 27 stations are on air before it ends, on a slow machine too

    @TempDir
    Path dir;

    static String id(int i) {
        return String.format("s%02d", i);
    }

    @Test
    void twentySevenStationsRelayOneReportAndResumeAtTheOffsetWhenTheMasterDrops() throws Exception {
        Show.Builder b = Show.in(dir).realSwitch(FS.get().url()).program(Show.programFile("news-relay.js")).media("news.wav", REPORT_SECONDS);
        for (int i = 1; i <= 27; i++) {
            int n = i;
            b.station(id(n), s -> s.program("news-relay.js").group("news").transmitter("loopback/tx" + n + "/stations").settings("{ report: news.wav }"));
        }
        List<String> all = IntStream.rangeClosed(1, 27).mapToObj(NewsRelayLiveTest::id).toList();
        try (EslClient fs = EslClient.connect(FS.get().options())) {
            // every member the shared room ever had, from the switch's own add-member events: a
            // count taken at one moment misses stations when a slow machine ends the report first
            java.util.Set<String> joined = java.util.concurrent.ConcurrentHashMap.newKeySet();
            fs.addListener(e -> {
                if ("add-member".equals(e.header("Action")) && "shared-news".equals(e.header("Conference-Name"))) {
                    joined.add(e.uniqueId());
                }
            });
            fs.events(org.stationd.esl.command.EventFormat.PLAIN, "CUSTOM", "conference::maintenance").get(10, TimeUnit.SECONDS);
            relay(b, fs, joined, all);
        }
    }

    private void relay(Show.Builder b, EslClient fs, java.util.Set<String> joined, List<String> all) throws Exception {
        try (Show show = b.start()) {
            show.await("the first master plays", () -> NewsRelayLines.masters(show).size() == 1);
            String first = NewsRelayLines.masters(show).get(0);
            Instant firstPlayed = show.now();
            show.await("all 27 stations relaying", () -> all.stream().allMatch(s -> show.entered(s, "relaying")));
            // a station relays once its transmitter answered; its join reaches the switch a moment later
            show.await("every transmitter in the one shared conference", () -> joined.size() >= 27);
            // 10 originates a second: about 20 sessions a second (a loopback call is two), never the switch's limit
            String status = api(fs, "status");
            java.util.regex.Matcher peak = java.util.regex.Pattern.compile("per Sec out of max (\\d+), peak (\\d+)").matcher(status);
            assertTrue(peak.find(), status);
            assertTrue(Integer.parseInt(peak.group(2)) < Integer.parseInt(peak.group(1)), "the switch's sessions per second ran out: " + status);

            // the master's transmitter leg dies a few seconds into the report
            show.await("3 s of the report aired", () -> Duration.between(firstPlayed, show.now()).toMillis() >= 3000);
            show.drop(show.station(first).station().getTransmitter().getId());
            show.await("a new master", () -> NewsRelayLines.masters(show).size() == 2);
            Instant resumed = show.now();
            String second = NewsRelayLines.masters(show).get(1);
            assertNotEquals(first, second);
            double at = NewsRelayLines.resumedFrom(show, second);
            assertTrue(at >= 2.5 && at < REPORT_SECONDS, "resumed at " + at + " s");

            // the switch played the report and moved it to the offset (8 kHz: samples = ms * 8)
            show.await("the report moved to the offset", () -> !show.replies(second, " file_seek ").isEmpty());
            long ms = NewsRelayLines.seekMillis(show, second);
            assertEquals(at * 1000, ms, 50, "file_seek to the resumed position (logged to 0.1 s)");
            List<String> played = show.replies(second, " play ");
            assertTrue(played.size() == 1 && played.get(0).matches("\\+OK \\(play\\) Playing file \\{stationd_play=[0-9a-f-]{36}}/.*/news\\.wav"),
                    "conference play of the file, tagged as this station's: " + played);
            assertEquals("+OK seek to position " + ms * 8, show.replies(second, " file_seek ").get(0));

            // the report ends where it would have: what was left, not the whole report again
            show.await("all done", () -> all.stream().allMatch(s -> show.entered(s, "done")));
            double rest = Duration.between(resumed, show.now()).toMillis() / 1000.0;
            assertTrue(rest < REPORT_SECONDS - 1, "the rest of the report took " + rest + " s of " + REPORT_SECONDS);
            show.await("all transmitters hung up", () -> all.stream().allMatch(s -> show.station(s).station().getTransmitter() == null));
            show.await("no call left on the switch", () -> api(fs, "show channels count").startsWith("0 total"));
            assertEquals(2, NewsRelayLines.masters(show).size(), "exactly one master at a time: " + NewsRelayLines.masters(show) + "\n" + String.join("\n", show.lines()));

            String log = Files.readString(FS.get().dir().resolve("log/freeswitch.log"));
            assertFalse(log.contains("Throttle Error"), "an originate went over the switch's sessions per second");
            assertFalse(log.contains("conf-alone") || log.contains("local_stream://moh"), "the conference played its own sounds on air");
            assertTrue(show.errors().isEmpty(), show.errors() + "\n" + FS.get().logTail());
        }
    }

    static String api(EslClient fs, String command) {
        try {
            return fs.api(command).get(20, TimeUnit.SECONDS).text().trim();
        } catch (Exception e) {
            throw new IllegalStateException(command + ": " + e, e);
        }
    }
}
