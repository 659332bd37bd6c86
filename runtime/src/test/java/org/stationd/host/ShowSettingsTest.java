package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.control.ControlClient;

/**
 * A show whose program declares a required setting is refused without it: {@code schedule add}
 * says so and adds nothing, and a slot in stations.yaml is not aired (the default program goes on)
 * rather than put on air to fail. The program sees the defaults it declares.
 */
class ShowSettingsTest {
    @TempDir
    Path dir;

    private static final String DEFAULT = "program({ apiVersion: 1, states: { music: { enter() { log.info('default on air'); } } } });\n";
    private static final String TALK = """
            program({
              apiVersion: 1,
              settings: { host: { type: 'text' }, mode: { type: 'text', default: 'queue' } },
              states: { a: { enter() { log.info('talk on air with ' + station.settings.host + ' in ' + station.settings.mode); } } }
            });
            """;

    private static String now(int minutes) {
        return LocalDateTime.now(ZoneId.of("Africa/Kampala")).plusMinutes(minutes).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    @Test
    void aSlotWithoutARequiredSettingIsNotAiredAndTheDefaultGoesOn() throws Exception {
        try (HostHarness h = new HostHarness(dir)) {
            h.program("default.js", DEFAULT);
            h.program("talk.js", TALK);
            h.start("""
                      - id: g
                        timezone: Africa/Kampala
                        transmitter: [ { sip: user/3001 } ]
                        program: default.js
                        schedule:
                          - { program: talk.js, start: %s, duration: 2h }
                    """.formatted(now(-1)));
            h.awaitLine("g log schedule entry 1 (talk.js): not aired: talk.js: settings.host: talk.js needs this setting (a text); "
                    + "give it in the station's or the schedule entry's settings");
            h.awaitLine("g log default on air");
            assertFalse(h.lines.stream().anyMatch(l -> l.contains("talk on air")), h.lines.toString());
        }
    }

    @Test
    void scheduleAddRefusesAShowWithoutItsRequiredSettingsAndTakesThemWithIt() throws Exception {
        try (HostHarness h = new HostHarness(dir)) {
            h.program("default.js", DEFAULT);
            h.program("talk.js", TALK);
            h.start("""
                      - id: g
                        timezone: Africa/Kampala
                        transmitter: [ { sip: user/3001 } ]
                        program: default.js
                    """);
            h.awaitLine("g log default on air");
            try (ControlClient ops = new ControlClient(h.controlEndpoint, 60_000)) {
                Map<String, Object> add = new LinkedHashMap<>(Map.of("cmd", "schedule-add", "station", "g", "program", "talk.js",
                        "start", now(-1), "duration", "1h"));
                Map<String, Object> refused = ops.send(add);
                assertEquals(false, refused.get("ok"), refused.toString());
                assertEquals("not added: talk.js: settings.host: talk.js needs this setting (a text); give it in the station's or the schedule entry's settings",
                        refused.get("error"));
                add.put("settings", Map.of("host", List.of("a", "b")));
                assertEquals("not added: talk.js: settings.host: must be a text, not a list", ops.send(add).get("error"));
                add.put("settings", Map.of("host", Map.of("x", 1)));
                assertEquals("not added: talk.js: settings.host: must be a text, not a map", ops.send(add).get("error"));
                add.put("settings", "host=user/1000");
                assertTrue(String.valueOf(ops.send(add).get("error")).contains("\"settings\" must be an object of text, numbers"));
                assertEquals(List.of(), ((List<?>) ops.send(Map.of("cmd", "schedule-list", "station", "g")).get("entries")));

                add.put("settings", Map.of("host", "user/1000", "hots", "x"));
                Map<String, Object> added = ops.send(add);
                assertEquals(true, added.get("ok"), added.toString());
                assertEquals(List.of("settings.hots: talk.js does not read it (did you mean 'host'?); it reads host, mode"), added.get("notes"));
                h.awaitLine("g log talk on air with user/1000 in queue");   // the declared default is what the program sees
            }
        }
    }
}
