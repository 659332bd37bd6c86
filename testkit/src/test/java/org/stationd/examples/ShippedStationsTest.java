package org.stationd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.cli.CliRun;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.config.StationConfig;
import org.stationd.media.MediaGenerator;
import org.stationd.testing.Show;

/**
 * The shipped stations.yaml, run as shipped (a copy, on the simulated switch, on a virtual clock):
 * every shipped program is on air, kampala changes show on its schedule within its first minutes
 * whatever the hour, and {@code ./stationd schedule list kampala} shows the week's grid.
 */
class ShippedStationsTest {
    private static final ZoneId KAMPALA = ZoneId.of("Africa/Kampala");
    /** The grid's ad break comes every five minutes. */
    private static final Duration FIRST_MINUTES = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private Show run(Instant start) throws Exception {
        ShippedFolder.copy(dir, "tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
        new MediaGenerator(dir.resolve("programs/media")).generate(false);   // as ./stationd run does first
        return Show.configured(dir, start);
    }

    /** Runs the show until kampala's schedule does something it had not done at the start; what it did. */
    private static String nextChange(Show show, Instant start) throws InterruptedException {
        int before = show.scheduled("kampala").size();
        show.await("a scheduled change of show on kampala", () -> show.scheduled("kampala").size() > before);
        assertTrue(!show.now().isAfter(start.plus(FIRST_MINUTES)),
                "the first change came at " + show.now() + ", over " + FIRST_MINUTES.toMinutes() + " min after " + start + ": " + show.scheduled("kampala"));
        return show.scheduled("kampala").get(before);
    }

    @Test
    void fromNowEveryShippedProgramIsOnAirAndKampalaChangesShowWithinMinutes() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Show show = run(start)) {
            HostConfig config = ConfigLoader.load(dir.resolve("stations.yaml"));
            Set<String> shipped = new TreeSet<>();
            ExampleLogs.programs().forEach(p -> shipped.add(p.getFileName().toString()));
            Set<String> configured = new TreeSet<>();
            for (StationConfig sc : config.stations()) configured.add(sc.program());
            assertEquals(shipped, configured, "the shipped stations.yaml runs every shipped program as a station's program");

            String change = nextChange(show, start);
            assertTrue(change.matches("(start|end) (playlist\\.groovy|talkshow\\.js) \\(entry \\d+\\).*"), change);
            for (StationConfig sc : config.stations()) {
                if (sc.schedule().isEmpty()) {
                    assertEquals(sc.program(), show.station(sc.id()).programName(), sc.id() + " runs its program");
                }
            }
            for (String program : shipped) {
                assertTrue(show.lines().stream().anyMatch(l -> l.endsWith(" loaded " + program)), program + " was loaded:\n" + show.lines());
            }
            assertEquals(List.of(), show.errors(), "the shipped programs run without an error:\n" + show.lines());

            // ./stationd schedule list kampala
            CliRun list = CliRun.stationd("schedule", "list", "kampala", "--control", show.host().controlEndpoint());
            assertEquals(0, list.exit(), list.out() + list.err());
            List<String> rows = list.out().lines().skip(1).toList();
            var grid = config.station("kampala").schedule();
            assertEquals(grid.size(), rows.size(), list.out());
            for (var entry : grid) {
                List<String> want = List.of(entry.program(), entry.start().toString(), "config", entry.rrule());
                assertTrue(rows.stream().map(row -> List.of(row.trim().split("\\s+"))).anyMatch(cells -> want.equals(List.of(cells.get(1), cells.get(2), cells.get(5), cells.get(6)))),
                        "no row " + want + " in:\n" + list.out());
            }
        }
    }

    /** A weekday morning: the talk show is on; the ad break cuts in at five past and the talk show resumes after it. */
    @Test
    void theAdBreakCutsIntoTheBreakfastTalkShowAndItResumes() throws Exception {
        Instant start = LocalDateTime.parse("2026-12-07T07:04").atZone(KAMPALA).toInstant();   // a Monday, the talk show on since 07:00
        try (Show show = run(start)) {
            assertEquals(List.of("start talkshow.js (entry 2)"), show.scheduled("kampala"), show.lines().toString());
            assertEquals("end talkshow.js (entry 2): cut", nextChange(show, start));
            assertEquals(start.plus(Duration.ofMinutes(1)), show.now());
            show.await("the ad break starts", () -> show.scheduled("kampala").size() > 2);
            assertEquals("start playlist.groovy (entry 1)", show.scheduled("kampala").get(2));
            show.await("the talk show comes back", () -> show.scheduled("kampala").size() > 4);
            assertEquals(List.of("end playlist.groovy (entry 1): ok", "start talkshow.js (entry 2)"), show.scheduled("kampala").subList(3, 5));
            assertEquals(start.plus(Duration.ofMinutes(3)), show.now());
            assertEquals(List.of(), show.errors(), show.lines().toString());
        }
    }
}
