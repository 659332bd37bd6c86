package org.stationd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./stationd check}: every config error with line and column, every program compiled, a non-zero exit on any error. */
class CheckCommandTest {
    @TempDir
    Path dir;

    private record Result(int exit, List<String> lines) {}

    private Result check(Path config) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run("check", "--config", config.toString());
            return new Result(exit, out.toString(StandardCharsets.UTF_8).lines().toList());
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void theShippedConfigAndProgramsAreValid() {
        Path home = Path.of(System.getProperty("stationd.home"));
        Result r = check(home.resolve("stations.yaml"));
        assertEquals(0, r.exit(), String.join("\n", r.lines()));
        assertTrue(r.lines().get(r.lines().size() - 1).startsWith("config ok: 6 station(s)"), r.lines().toString());
    }

    @Test
    void reportsEveryConfigErrorAndEveryProgramThatDoesNotCompile() throws Exception {
        Files.createDirectories(dir.resolve("programs"));
        Files.writeString(dir.resolve("programs/good.groovy"), "program { state('a') { enter { log.info('hi') } } }\n");
        Files.writeString(dir.resolve("programs/broken.js"), "program({ states: { a: { dtfm(e) { } } } });\n");
        Path config = dir.resolve("stations.yaml");
        Files.writeString(config, """
                stations:
                  - id: one
                    timezone: Mars/Olympus
                    program: good.groovy
                    transmiter: [ { sip: user/1 } ]
                """);
        Result r = check(config);
        assertEquals(1, r.exit());
        assertTrue(r.lines().contains(config + ":3:15: stations[0].timezone: unknown timezone 'Mars/Olympus' (use a name like Africa/Kampala)"), r.lines().toString());
        assertTrue(r.lines().contains(config + ":5:5: stations[0].transmiter: unknown key; did you mean 'transmitter'?"), r.lines().toString());
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("broken.js:1:") && l.contains("unknown handler 'dtfm' (did you mean 'dtmf'?)")), r.lines().toString());
        assertTrue(r.lines().contains("ok      good.groovy"), r.lines().toString());
        assertEquals("3 error(s)", r.lines().get(r.lines().size() - 1));
    }

    @Test
    void aRelayGroupOnTwoSwitchesIsWarnedAboutAndAnUnknownSwitchIsAnError() throws Exception {
        Files.createDirectories(dir.resolve("programs"));
        Files.writeString(dir.resolve("programs/good.groovy"), "program { state('a') { enter { log.info('hi') } } }\n");
        Path config = dir.resolve("stations.yaml");
        Files.writeString(config, """
                switches: { east: sim, west: sim }
                switch: east
                control: { control: "tcp://127.0.0.1:*", publish: "tcp://127.0.0.1:*" }
                stations:
                  - { id: a, group: news, timezone: UTC, program: good.groovy }
                  - { id: b, group: news, switch: west, timezone: UTC, program: good.groovy }
                """);
        Result r = check(config);
        assertEquals(0, r.exit(), String.join("\n", r.lines()));
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("warning group news has stations on switches east (a), west (b)")), r.lines().toString());

        Files.writeString(config, Files.readString(config).replace("switch: west", "switch: wset"));
        r = check(config);
        assertEquals(1, r.exit());
        assertTrue(r.lines().contains(config + ":6:35: stations[1].switch: unknown switch 'wset'; did you mean 'west'? known: east, west"
                + " (name switches under switches: at the top)"), r.lines().toString());
    }
}
