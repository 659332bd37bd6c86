package org.stationd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input no volunteer means to write (a runaway paste, another encoding, a stuck key): one located error each, never a crash. */
class HostileConfigTest {
    private static final String STATION = ConfigFiles.STATION;

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return ConfigFiles.write(dir, yaml);
    }

    private Path write(byte[] bytes) throws Exception {
        return ConfigFiles.write(dir, bytes);
    }

    private static List<String> errors(Path f) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void deepNestingIsOneErrorWhereItGoesTooDeep() throws Exception {
        // the root mapping is level 1 and the first '[' (column 11) level 2: the 64th '[' is level 65
        Path flow = write("stations: " + "[".repeat(20_000) + "\n");
        assertEquals(List.of(flow + ":1:74: nested deeper than 64 levels; stations.yaml needs a handful"), errors(flow));

        // block style: each "- " opens a list inside the one before
        Path block = write("stations:\n  " + "- ".repeat(20_000) + "x\n");
        assertEquals(List.of(block + ":2:129: nested deeper than 64 levels; stations.yaml needs a handful"), errors(block));

        HostConfig fine = ConfigLoader.load(write(STATION + "    settings: { a: " + "[".repeat(40) + "1" + "]".repeat(40) + " }\n"));
        assertEquals(1, fine.stations().size());
    }

    @Test
    void anAliasInsideItsOwnAnchorOrOneExpandingToMillionsIsAnError() throws Exception {
        Path loop = write(STATION + "    settings: { loop: &a [ 1, *a ] }\n");
        // placed at the anchor (&a): the composer keeps no place for the alias itself
        assertEquals(List.of(loop + ":5:23: stations[0].settings.loop[1]: refers to the list or mapping it is in (an alias inside its own anchor)"), errors(loop));

        // six levels of eight aliases each (48, under YAML's limit of 50): 8^7 values once expanded, from a few lines
        StringBuilder bomb = new StringBuilder(STATION + "    settings:\n      l0: &l0 [x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 6; i++) {
            bomb.append("      l").append(i).append(": &l").append(i).append(" [").append(("*l" + (i - 1) + ", ").repeat(7)).append("*l").append(i - 1).append("]\n");
        }
        Path big = write(bomb.toString());
        List<String> errors = errors(big);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(big + ":6:7: stations[0].settings: more than 100000 values once its aliases (*name) are expanded"), errors.toString());
    }

    @Test
    void aFileThatIsNotUtf8SaysWhereAndHowToSaveIt() throws Exception {
        byte[] latin1 = "stations:\n  - id: a\n    name: Radio K\u00e9mpala\n".getBytes(StandardCharsets.ISO_8859_1);
        Path f = write(latin1);
        assertEquals(List.of(f + ":3:18: not UTF-8 text (byte 0xE9 here): save the file as UTF-8"), errors(f));

        byte[] utf16 = "stations: []\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, withBom, 2, utf16.length);
        Path wide = write(withBom);
        assertEquals(List.of(wide + ":1:1: not UTF-8 text (byte 0xFF here): save the file as UTF-8"), errors(wide));
    }

    @Test
    void aFileThatCannotBeReadSaysWhyAtItsFirstLine() throws Exception {
        Path missing = dir.resolve("nothere.yaml");
        assertEquals(List.of(missing + ": cannot read: no such file"), errors(missing));
        Path folder = Files.createDirectories(dir.resolve("folder.yaml"));
        assertEquals(List.of(folder + ": cannot read: it is a folder, not a file"), errors(folder));
    }

    @Test
    void aHugeNumberIsTooLargeWithTheLimitNotAJavaMessage() throws Exception {
        Path rate = write("originates_per_second: 99999999999999999999\n" + STATION);
        assertEquals(List.of(rate + ":1:24: originates_per_second: number too large (at most 1000)"), errors(rate));

        Path show = write(STATION + """
                    schedule:
                      - { program: playlist.groovy, start: 2026-01-01T08:00, duration: 99999999999999999999h }
                      - { program: playlist.groovy, start: 2026-01-01T08:00, duration: 1h, priority: -99999999999999999999 }
                      - { program: playlist.groovy, start: 2026-01-01T08:00, duration: 1h, repeat: "FREQ=DAILY;COUNT=99999999999999" }
                      - { program: playlist.groovy, start: 2026-01-01T08:00, duration: 1h, repeat: "FREQ=MONTHLY;BYMONTHDAY=99999999999" }
                """);
        List<String> errors = errors(show);
        assertEquals(List.of(
                show + ":6:72: stations[0].schedule[0].duration: number too large in '99999999999999999999h' (a show lasts at most 8784h, a year)",
                show + ":7:86: stations[0].schedule[1].priority: number too small (at least -100)",
                show + ":8:84: stations[0].schedule[2].repeat: COUNT: number too large (at most 100000)",
                show + ":9:84: stations[0].schedule[3].repeat: BYMONTHDAY: number too large (at most 31)"), errors);
        assertTrue(errors.stream().noneMatch(e -> e.contains("For input string")), errors.toString());
    }

    @Test
    void aControlEndpointThatIsNotOneSaysWhatOneLooksLike() throws Exception {
        Path f = write("control: { control: garbage, publish: \"tcp://127.0.0.1:99999\", subscribe: [ \"tcp://host\" ] }\n" + STATION);
        assertEquals(List.of(
                f + ":1:21: control.control: 'garbage' is not a ZeroMQ endpoint; write tcp://HOST:PORT (like tcp://127.0.0.1:5570), ipc://PATH or inproc://NAME",
                f + ":1:39: control.publish: 'tcp://127.0.0.1:99999': the port must be 1 to 65535 (or * for any free one)",
                f + ":1:77: control.subscribe[0]: 'tcp://host' has no port; write tcp://HOST:PORT"), errors(f));
    }
}
