package org.stationd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configs from issue #17 that used to pass {@code check} and die in {@code run}, or crash both:
 * each is one file:line:column error from {@code check} and the same from {@code run}, which starts
 * nothing, and neither prints a stack trace.
 */
class BadConfigCliTest {
    private static final String STATION = "stations:\n  - id: a\n    timezone: UTC\n    program: show.groovy\n";

    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Loopback sockets on free ports, so only what a case breaks is wrong. */
    private static String sockets(int control) throws Exception {
        return "control:\n  control: \"tcp://127.0.0.1:" + control + "\"\n  publish: \"tcp://127.0.0.1:" + freePort() + "\"\n";
    }

    private Path config(String name, byte[] text) throws Exception {
        Files.createDirectories(dir.resolve("programs"));
        Files.writeString(dir.resolve("programs/show.groovy"), "program { state('a') {} }\n");
        Path f = dir.resolve(name + ".yaml");
        Files.write(f, text);
        return f;
    }

    private Path config(String name, String text) throws Exception {
        return config(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void checkFindsWhatRunWouldDieOfAndNeitherPrintsAStackTrace() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int busy = held.getLocalPort();
            Map<Path, String> cases = new LinkedHashMap<>();
            cases.put(config("nested", "stations: " + "[".repeat(20_000) + "\n"),
                    ":1:74: nested deeper than 64 levels; stations.yaml needs a handful");
            cases.put(config("latin1", (sockets(freePort()) + STATION + "    name: Radio K\u00e9mpala\n").getBytes(StandardCharsets.ISO_8859_1)),
                    ":8:18: not UTF-8 text (byte 0xE9 here): save the file as UTF-8");
            cases.put(config("huge", sockets(freePort()) + "originates_per_second: 99999999999999999999\n" + STATION),
                    ":4:24: originates_per_second: number too large (at most 1000)");
            cases.put(config("garbage", "control:\n  control: garbage\n" + STATION),
                    ":2:12: control.control: 'garbage' is not a ZeroMQ endpoint; write tcp://HOST:PORT (like tcp://127.0.0.1:5570), ipc://PATH or inproc://NAME");
            cases.put(config("open", "control:\n  control: tcp://0.0.0.0:" + freePort() + "\n" + STATION),
                    ":2:12: control.control: 'tcp://0.0.0.0:");
            Path dataFile = config("datafile", sockets(freePort()) + "data: datafile.yaml\n" + STATION);
            cases.put(dataFile, ":4:7: data: '" + dataFile + "' is a file; data: names the folder for the event log and database");
            cases.put(config("jdbc", sockets(freePort()) + "database:\n  url: jdbc:mysql://db/stationd\n" + STATION),
                    ":5:8: database.url: no JDBC driver here takes 'jdbc:mysql://db/stationd'; stationd has PostgreSQL (jdbc:postgresql://HOST[:PORT]/DATABASE) and H2 (jdbc:h2:file:PATH)");

            Files.writeString(dir.resolve("sim.yaml"), "contexts: [[[\n");
            cases.put(config("badsim", "sim: sim.yaml\n" + sockets(freePort()) + STATION),
                    "@" + dir.resolve("sim.yaml") + ":2:1: not valid YAML: expected the node content, but found '<stream end>'");

            for (Map.Entry<Path, String> c : cases.entrySet()) {
                // "@" + where: an error in another file than the config
                String expected = c.getValue().startsWith("@") ? c.getValue().substring(1) : c.getKey() + c.getValue();
                CliRun check = CliRun.stationd("check", "--config", c.getKey().toString());
                assertEquals(1, check.exit(), expected + "\n" + check.out() + check.err());
                assertTrue(check.out().lines().anyMatch(l -> l.startsWith(expected)), expected + "\n" + check.out());
                assertNoStackTrace(check);

                CliRun run = CliRun.stationd("run", "--config", c.getKey().toString(), "--for", "1");
                assertEquals(1, run.exit(), expected + "\n" + run.out() + run.err());
                assertTrue(run.err().lines().anyMatch(l -> l.startsWith(expected)), expected + "\n" + run.err());
                assertFalse(run.out().contains("station(s) on"), "nothing started: " + run.out());
                assertNoStackTrace(run);
            }

            // a port in use: run cannot start; check (run beside the live host it checks) says so and passes
            Path busyConfig = config("busy", sockets(busy) + STATION);
            CliRun run = CliRun.stationd("run", "--config", busyConfig.toString(), "--for", "1");
            assertEquals(1, run.exit(), run.out() + run.err());
            assertTrue(run.err().lines().anyMatch(l -> l.startsWith(busyConfig + ":2:12: control.control: cannot listen on tcp://127.0.0.1:" + busy
                    + ": the port is in use (is another stationd running? choose another port)")), run.err());
            assertNoStackTrace(run);
            CliRun check = CliRun.stationd("check", "--config", busyConfig.toString());
            assertTrue(check.out().lines().anyMatch(l -> l.equals("note    control.control: tcp://127.0.0.1:" + busy
                    + " is in use now (by the running host, if this is its file): run cannot start beside it")), check.out());
            assertEquals(0, check.exit(), check.out() + check.err());
            assertNoStackTrace(check);
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedStopsRunWithOneLine() throws Exception {
        // the driver takes the URL, so check passes; nothing listens there, so run cannot open it
        int closed = freePort();
        Path f = config("unreachable", sockets(freePort()) + "database:\n  url: jdbc:postgresql://127.0.0.1:" + closed + "/stationd\n  user: u\n  password: p\n" + STATION);
        CliRun run = CliRun.stationd("run", "--config", f.toString(), "--for", "1");
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("stationd: cannot start: ") && l.contains("127.0.0.1:" + closed)),
                run.err());
        assertFalse(run.out().contains("station(s) on"), "not said to be on air: " + run.out());
        assertNoStackTrace(run);
    }

    @Test
    void aMediaDescriptionRunCannotUseStopsRunWithOneLine() throws Exception {
        Files.createDirectories(dir.resolve("media"));
        Files.writeString(dir.resolve("media/prompts.yaml"), "music: [ 440, 660 ]\n");
        Path f = config("media", "media: media\n" + sockets(freePort()) + STATION);
        CliRun run = CliRun.stationd("run", "--config", f.toString(), "--for", "1");
        assertEquals(1, run.exit(), run.out() + run.err());
        assertEquals("stationd: " + dir.resolve("media/prompts.yaml") + " must look like speech: { name: words }  music: { name: { seconds: 3, notes: [440, 660] } }",
                run.err().strip(), run.err());
        assertNoStackTrace(run);
    }

    private static void assertNoStackTrace(CliRun r) {
        String all = r.out() + r.err();
        assertFalse(all.contains("Exception") || all.contains("Error:") || all.contains("\tat ") || all.contains("at org."), all);
    }
}
