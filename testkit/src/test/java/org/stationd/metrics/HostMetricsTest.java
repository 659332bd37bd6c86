package org.stationd.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.config.ConsoleConfig;
import org.stationd.console.ConsoleServer;
import org.stationd.control.ControlCommand;
import org.stationd.testing.Show;

/**
 * Every family {@code /metrics} promises, read as Prometheus reads it, moving with what a host does:
 * a station's events and handlers, a call that failed by its cause, a scheduled show's airing by its
 * status, the database's time and a reconnect of the switch.
 */
class HostMetricsTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private Map<String, PrometheusText.Family> scrape(ConsoleServer console) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(console.url() + "metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return PrometheusText.parse(r.body());   // strict: a malformed line fails here
    }

    private static double value(Map<String, PrometheusText.Family> m, String family, String sample, Map<String, String> labels) {
        PrometheusText.Family f = m.get(family);
        if (f == null) return 0;
        return f.samples().stream().filter(s -> s.name().equals(sample) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(PrometheusText.Sample::value).sum();
    }

    @Test
    void everyFamilyMovesWithWhatTheHostDoes() throws Exception {
        try (Show show = Show.in(dir).program(Show.programFile("playlist.groovy")).media("jingle.wav", 0.3).media("music-1.wav", 0.5)
                .phone("3005", "{ busy: true }")
                .station("kla", s -> s.program("playlist.groovy").transmitter("user/3001")
                        .settings("{ jingle: jingle.wav, music: [music-1.wav] }"))
                .start();
             ConsoleServer console = ConsoleServer.start(show.host(), new ConsoleConfig("127.0.0.1", 0, List.of(), List.of()))) {
            show.await("music plays", () -> show.aired("kla").contains("music-1.wav"));
            Map<String, PrometheusText.Family> before = scrape(console);
            Map<String, String> kla = Map.of("station", "kla");
            for (String f : List.of("stationd_station_events_in_total", "stationd_station_events_out_total", "stationd_program_loads_total",
                    "stationd_calls_total", "stationd_call_failures_total", "stationd_airings_total", "stationd_esl_reconnects_total",
                    "stationd_dropped_events_total")) {
                assertEquals("counter", before.get(f).type(), f);
            }
            for (String f : List.of("stationd_handler_seconds", "stationd_program_compile_seconds", "stationd_database_seconds")) {
                assertEquals("histogram", before.get(f).type(), f);
            }
            assertEquals("gauge", before.get("stationd_station_queue_depth").type());
            assertTrue(value(before, "stationd_station_events_in_total", "stationd_station_events_in_total", kla) > 0);
            assertTrue(value(before, "stationd_station_events_out_total", "stationd_station_events_out_total", kla) > 0, "the transmitter was dialled");
            assertTrue(value(before, "stationd_handler_seconds", "stationd_handler_seconds_count", kla) > 0, "the playlist's handlers ran");
            assertTrue(value(before, "stationd_database_seconds", "stationd_database_seconds_count", Map.of()) > 0, "the host read its schedule");

            // a call that fails: the busy phone, placed by the station
            show.station("kla").submit(() -> show.station("kla").station().originate("user/3005", Map.of()));
            show.await("the busy call's failure is counted by its cause", () -> {
                try {
                    return value(scrape(console), "stationd_call_failures_total", "stationd_call_failures_total",
                            Map.of("station", "kla", "cause", "USER_BUSY")) >= 1;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertTrue(value(scrape(console), "stationd_calls_total", "stationd_calls_total", Map.of("station", "kla", "direction", "outbound")) >= 1);

            // a show scheduled to end in a few seconds: its airing is counted by status when it ends
            String start = LocalDateTime.now(ZoneId.of("Africa/Kampala")).minusSeconds(50).truncatedTo(ChronoUnit.SECONDS).toString();
            Map<String, Object> added = show.host().command(new ControlCommand("schedule-add", Map.of("station", "kla", "program", "playlist.groovy",
                    "start", start, "duration", "1m", "settings", Map.of("jingle", "jingle.wav", "music", List.of("music-1.wav")))));
            assertTrue(added.get("id") instanceof Number, added.toString());
            show.await("the airing is counted", () -> {
                try {
                    return value(scrape(console), "stationd_airings_total", "stationd_airings_total", kla) >= 1;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });

            // the switch drops the link and comes back
            assertEquals(1.0, value(scrape(console), "stationd_switch_up", "stationd_switch_up", Map.of("switch", "default")));
            double reconnects = value(scrape(console), "stationd_esl_reconnects_total", "stationd_esl_reconnects_total", Map.of());
            show.sim().faults().dropConnections();
            show.await("the reconnect is counted", () -> {
                try {
                    return value(scrape(console), "stationd_esl_reconnects_total", "stationd_esl_reconnects_total", Map.of()) > reconnects;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
    }
}
