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

/**
 * Programs declare their settings (Groovy and JavaScript alike) and {@code ./stationd check} holds
 * every station and schedule entry to them: required settings given, types right, media files
 * there, each error at file:line:column.
 */
class SettingsCheckCommandTest {
    @TempDir
    Path dir;

    static final String GROOVY = """
            program {
                settings(
                    jingle: [type: 'media', default: null],
                    music:  [type: 'media list', default: []],
                    rounds: [type: 'number', default: 2]
                )
                state('a') { enter { log.info("rounds ${station.settings.rounds}") } }
            }
            """;
    static final String JS = """
            program({
              settings: {
                host: { type: 'text' },
                hold: { type: 'media', default: 'hold.wav' },
              },
              states: { a: { enter() { log.info('host ' + station.settings.host); } } }
            });
            """;

    private List<String> check(Path config, int exit) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run("check", "--config", config.toString());
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(exit, code, String.join("\n", lines));
            return lines;
        } finally {
            System.setOut(saved);
        }
    }

    private Path setUp(String stations) throws Exception {
        Files.createDirectories(dir.resolve("programs/media"));
        Files.writeString(dir.resolve("programs/show.groovy"), GROOVY);
        Files.writeString(dir.resolve("programs/talk.js"), JS);
        Files.writeString(dir.resolve("programs/media/jingle.wav"), "RIFF");
        Files.writeString(dir.resolve("programs/media/prompts.yaml"), "music:\n  hold: { seconds: 1, notes: [440] }\n");
        Path config = dir.resolve("stations.yaml");
        Files.writeString(config, "programs: programs\nmedia: programs/media\nstations:\n" + stations);
        return config;
    }

    @Test
    void settingsThatFitTheirDeclarationsPass() throws Exception {
        Path config = setUp("""
                  - id: one
                    timezone: Africa/Kampala
                    transmitter: [ { sip: user/1 } ]
                    program: show.groovy
                    settings: { jingle: jingle.wav, music: [hold.wav], rounds: 3 }
                    schedule:
                      - program: talk.js
                        start: 2026-12-01T08:00
                        duration: 1h
                        settings: { host: user/1000 }
                """);
        List<String> out = check(config, 0);
        assertTrue(out.get(out.size() - 1).startsWith("config ok: 1 station(s)"), out.toString());
    }

    @Test
    void everyWrongSettingIsReportedWhereItIsWritten() throws Exception {
        Path config = setUp("""
                  - id: one
                    timezone: Africa/Kampala
                    transmitter: [ { sip: user/1 } ]
                    program: show.groovy
                    settings:
                      jingle: jingel.wav
                      rounds: many
                      musik: [a.wav]
                  - id: two
                    timezone: Africa/Kampala
                    transmitter: [ { sip: user/2 } ]
                    program: talk.js
                    settings: { hold: [a.wav] }
                    schedule:
                      - program: talk.js
                        start: 2026-12-01T08:00
                        duration: 1h
                """);
        List<String> out = check(config, 1);
        String f = config.toString();
        assertTrue(out.contains(f + ":9:15: stations[0].settings.jingle: no media file 'jingel.wav' in " + dir.resolve("programs/media")
                + " (nor in its prompts.yaml)"), String.join("\n", out));
        assertTrue(out.contains(f + ":10:15: stations[0].settings.rounds: must be a number, not 'many'"), String.join("\n", out));
        assertTrue(out.contains("note    station one: settings.musik is read by none of its programs (they read jingle, music, rounds)"), String.join("\n", out));
        // a required setting missing: placed at the settings it belongs in (the station's; the entry itself has none)
        assertTrue(out.contains(f + ":16:15: stations[1].settings.host: talk.js needs this setting (a text); give it in the station's or the schedule entry's settings"),
                String.join("\n", out));
        assertTrue(out.contains(f + ":16:23: stations[1].settings.hold: must be a media file name, e.g. jingle.wav, not a list"), String.join("\n", out));
        assertTrue(out.contains(f + ":18:9: stations[1].schedule[0].settings.host: talk.js needs this setting (a text); give it in the station's or the schedule entry's settings"),
                String.join("\n", out));
        assertEquals("5 error(s)", out.get(out.size() - 1), String.join("\n", out));
    }

    @Test
    void aDeclarationThatIsWrongIsACompileErrorAtItsLine() throws Exception {
        Path config = setUp("""
                  - id: one
                    timezone: Africa/Kampala
                    transmitter: [ { sip: user/1 } ]
                    program: show.groovy
                """);
        Files.writeString(dir.resolve("programs/show.groovy"), GROOVY.replace("type: 'number'", "type: 'nummer'"));
        Files.writeString(dir.resolve("programs/talk.js"), JS.replace("host: { type: 'text' }", "host: { type: 'text', requird: true }"));
        List<String> out = check(config, 1);
        assertTrue(out.stream().anyMatch(l -> l.startsWith("show.groovy:4:") && l.endsWith(
                "setting 'rounds': type must be one of text, number, yes/no, list, media, media list, not 'nummer'")), String.join("\n", out));
        assertTrue(out.stream().anyMatch(l -> l.startsWith("talk.js:2:") && l.contains(
                "setting 'host': unknown 'requird'; a setting has a type and maybe a default (without one it is required)")), String.join("\n", out));
    }
}
