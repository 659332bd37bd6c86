package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.control.ControlClient;

/**
 * What a volunteer found wrong (issue 14): status's last error is dated, names its program and is
 * cleared by a good swap; a stations.yaml save that cannot be applied shows in status until a good
 * one; reload PROGRAM reaches a station running it after a swap; an edit restarts only the station
 * it changed, and says why.
 */
class FoundWrongTest {
    @TempDir
    Path dir;

    private static final String STATIONS = """
              - id: g
                timezone: Africa/Kampala
                transmitter: [ { sip: user/3001 } ]
                program: breaks.js
              - id: j
                timezone: Africa/Kampala
                transmitter: [ { sip: user/3002 } ]
                program: good.js
                settings: { colour: red }
            """;
    private static final String BREAKS = "program({ apiVersion: 1, states: { a: { enter() { throw new Error('broken on purpose'); } } } });\n";
    private static final String GOOD = "program({ apiVersion: 1, states: { a: { enter() { log.info('good on air'); } } } });\n";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> station(ControlClient ops, String id) throws Exception {
        List<Map<String, Object>> list = (List<Map<String, Object>>) ops.send(Map.of("cmd", "status")).get("stations");
        return list.stream().filter(s -> id.equals(s.get("station"))).findFirst().orElseThrow();
    }

    @Test
    void lastErrorsAreDatedNamedAndClearedAndReloadFindsSwappedPrograms() throws Exception {
        try (HostHarness h = new HostHarness(dir)) {
            h.program("breaks.js", BREAKS);
            h.program("good.js", GOOD);
            h.start(STATIONS);
            h.awaitLine("g error Error: broken on purpose");
            h.awaitLine("j log good on air");
            try (ControlClient ops = new ControlClient(h.controlEndpoint, 60_000)) {
                String last = String.valueOf(station(ops, "g").get("lastError"));
                assertTrue(last.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d breaks\\.js: enter in state a: Error: broken on purpose.*"), last);

                assertEquals(true, ops.send(Map.of("cmd", "swap", "station", "g", "program", "good.js")).get("ok"));
                h.await("g runs good.js", () -> h.count("g log good on air") == 1);
                h.await("the error is over", () -> {
                    try {
                        return station(ops, "g").get("lastError") == null;
                    } catch (Exception e) {
                        return false;
                    }
                });
                // g runs good.js by a swap, j from stations.yaml: a reload of good.js reaches both
                Map<String, Object> reloaded = ops.send(Map.of("cmd", "reload", "program", "good.js"));
                assertEquals(List.of("good.js"), reloaded.get("reloaded"), reloaded.toString());
                assertEquals(List.of(), ops.send(Map.of("cmd", "reload", "program", "breaks.js")).get("reloaded"));

                // a save that cannot be applied: shown with its time until a good one
                Path yaml = dir.resolve("stations.yaml");
                String good = Files.readString(yaml);
                Files.writeString(yaml, good.replace("timezone: Africa/Kampala\n    transmitter: [ { sip: user/3002 } ]", "timezone: Mars/Olympus\n    transmitter: [ { sip: user/3002 } ]"));
                h.await("status shows the config error", () -> {
                    try {
                        Object e = ops.send(Map.of("cmd", "status")).get("configError");
                        return e != null && e.toString().contains("not applied") && e.toString().contains("Mars/Olympus");
                    } catch (Exception ex) {
                        return false;
                    }
                });
                // a good save changing j's settings only: j restarts and says why, g goes on
                long gLoads = h.count("g loaded good.js");
                Files.writeString(yaml, good.replace("colour: red", "colour: blue"));
                h.awaitLine("j log off air: stations.yaml changed its settings; the station restarts with it");
                h.await("j is back", () -> h.count("j log good on air") >= 2);
                assertEquals(gLoads, h.count("g loaded good.js"), "g was not restarted: " + h.lines);
                assertTrue(h.lines.stream().noneMatch(l -> l.startsWith("g log off air")), h.lines.toString());
                assertNull(ops.send(Map.of("cmd", "status")).get("configError"));
            }
        }
    }
}
