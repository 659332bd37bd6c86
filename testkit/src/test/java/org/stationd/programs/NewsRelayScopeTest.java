package org.stationd.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.testing.Show;

/**
 * Security issue #17: a program on a station outside the news relay's group publishes
 * {@code news/done} and {@code news/handover} over and over, takes {@code news-master} for an
 * hour and listens to every topic; the group's relay does not notice. One hostile program in
 * JavaScript on a station in no group, one in Groovy on a station of another group.
 */
class NewsRelayScopeTest {
    @TempDir
    Path dir;

    static final String HOSTILE_JS = """
            program({
              apiVersion: 1,
              name: 'hostile',
              states: {
                on: {
                  enter() {
                    station.subscribe('n');
                    station.subscribe('news/');
                    log.info(`took news-master: ${station.lease('news-master', 3600)}`);
                    station.publish('news/done', { hostile: true });
                    station.every(0.2, 'again');
                  },
                  timer(e) {
                    station.publish('news/done', { hostile: true });
                    station.publish('news/handover', { position: 99, hostile: true });
                    station.lease('news-master', 3600);
                  },
                  message(e) { if (!e.data || !e.data.hostile) log.info(`heard ${e.topic}`); }
                }
              }
            });
            """;

    static final String HOSTILE_GROOVY = """
            program {
                apiVersion 1
                name 'hostile'
                state('on') {
                    enter {
                        station.subscribe('n')
                        station.subscribe('news/')
                        log.info("took news-master: ${station.lease('news-master', 3600)}")
                        station.publish('news/done', [hostile: true])
                        station.every(0.2, 'again')
                    }
                    on.timer { e ->
                        station.publish('news/done', [hostile: true])
                        station.publish('news/handover', [position: 99, hostile: true])
                        station.lease('news-master', 3600)
                    }
                    on.message { e -> if (!(e.data instanceof Map) || !e.data.hostile) log.info("heard ${e.topic}") }
                }
            }
            """;

    @Test
    void programsOutsideTheGroupCannotEndTheReportTakeItsTokenOrHearIt() throws Exception {
        Show.Builder b = Show.in(dir).program(Show.programFile("news-relay.js")).media("news.wav", 2)
                .program("hostile.js", HOSTILE_JS).program("hostile.groovy", HOSTILE_GROOVY);
        // the hostile programs publish and take their tokens while the relay starts, and keep on
        b.station("loner", s -> s.program("hostile.js"));
        b.station("west", s -> s.program("hostile.groovy").group("west-news"));
        List<String> relay = List.of("mbarara", "jinja", "lira");
        for (int i = 0; i < relay.size(); i++) {
            String phone = String.valueOf(4001 + i);
            b.phone(phone, "{ answer_after_ms: 100 }");
            b.station(relay.get(i), s -> s.program("news-relay.js").group("east-news").transmitter("user/" + phone).settings("{ report: news.wav }"));
        }
        try (Show show = b.start()) {
            // each hostile program holds the token of its own scope, not the group's
            show.await("the hostile programs took their tokens", () -> show.logged("loner", "took news-master: true") && show.logged("west", "took news-master: true"));
            show.await("a master of the group plays", () -> NewsRelayLines.masters(show).size() == 1);
            String master = NewsRelayLines.masters(show).get(0);
            assertTrue(relay.contains(master), master);
            show.await("the report airs", () -> !show.aired(master).isEmpty());
            show.await("all three relay to the end", () -> relay.stream().allMatch(s -> show.entered(s, "done")));
            show.await("all transmitters hung up", () -> relay.stream().allMatch(s -> show.station(s).station().getTransmitter() == null));
            assertEquals(List.of(master), NewsRelayLines.masters(show), "one master, never a hostile one");
            // done because the report ended (its master said so), never before it was played
            for (String s : relay) {
                assertTrue(show.entered(s, "relaying"), s + " relayed:\n" + String.join("\n", show.lines()));
            }
            for (String hostile : List.of("loner", "west")) {
                assertFalse(show.lines().stream().anyMatch(l -> l.startsWith(hostile + " log heard")),
                        hostile + " heard the group's topics:\n" + String.join("\n", show.lines()));
            }
            assertTrue(show.errors().isEmpty(), show.errors().toString());
        }
    }

    /** Takes the group's token for an hour and sits on it. */
    static final String HOG_GROOVY = """
            program {
                apiVersion 1
                name 'hog'
                state('on') {
                    enter { log.info("took news-master: ${station.lease('news-master', 3600)}") }
                }
            }
            """;

    /**
     * A program of the group that took the token for an hour is swapped off its station: the
     * token goes with it at once, and a relaying station becomes master at its next try (3 s).
     */
    @Test
    void aProgramSwappedOffGivesTheGroupsTokenUpAtOnce() throws Exception {
        Show.Builder b = Show.in(dir).program(Show.programFile("news-relay.js")).media("news.wav", 2)
                .program("hog.groovy", HOG_GROOVY).program("idle.js", "program({ apiVersion: 1, states: { idle: {} } });");
        b.station("hog", s -> s.program("hog.groovy").group("east-news"));
        List<String> relay = List.of("mbarara", "jinja");
        for (int i = 0; i < relay.size(); i++) {
            String phone = String.valueOf(4001 + i);
            b.phone(phone, "{ answer_after_ms: 100 }");
            // on air once the hog holds the token
            b.station(relay.get(i), s -> s.program("idle.js").group("east-news").transmitter("user/" + phone).settings("{ report: news.wav }"));
        }
        try (Show show = b.start()) {
            show.await("the hog took the token", () -> show.logged("hog", "took news-master: true"));
            relay.forEach(s -> show.host().swap(s, "news-relay.js"));
            show.await("both relaying", () -> relay.stream().allMatch(s -> show.entered(s, "relaying")));
            for (String s : relay) show.station(s).awaitIdle(java.time.Duration.ofSeconds(10));   // each tried the token as it began relaying
            assertEquals(List.of(), NewsRelayLines.masters(show), "the hog holds the token");

            show.host().swap("hog", "idle.js");
            show.await("a relaying station is master", () -> NewsRelayLines.masters(show).size() == 1);
            assertTrue(relay.contains(NewsRelayLines.masters(show).get(0)));
            show.await("the report airs to the end", () -> relay.stream().allMatch(s -> show.entered(s, "done")));
            assertEquals(1, NewsRelayLines.masters(show).size());
            assertTrue(show.errors().isEmpty(), show.errors().toString());
        }
    }
}
