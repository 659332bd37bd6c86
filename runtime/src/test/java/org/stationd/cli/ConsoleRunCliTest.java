package org.stationd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./stationd run} serves the console as stations.yaml says, and does not start when the port it names is taken. */
class ConsoleRunCliTest {
    @TempDir
    Path dir;

    private Path config(String console) throws Exception {
        Files.createDirectories(dir.resolve("programs"));
        Files.writeString(dir.resolve("programs/stub.groovy"), "program { state('a') {} }");
        Path f = dir.resolve("stations.yaml");
        Files.writeString(f, "control: { control: \"tcp://127.0.0.1:*\", publish: \"tcp://127.0.0.1:*\" }\n" + console
                + "stations:\n  - id: a\n    timezone: UTC\n    program: stub.groovy\n");
        return f;
    }

    @Test
    void runSaysWhereTheConsoleIs() throws Exception {
        CliRun run = CliRun.stationd("run", "--config", config("console: { listen: \"127.0.0.1:0\" }\n").toString(), "--for", "1");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().matches("(?s).*; console at http://127\\.0\\.0\\.1:\\d+/; Ctrl-C stops.*"), run.out());
    }

    @Test
    void aConsolePortInUseStopsRunWithOneLine() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path f = config("console: { listen: \"127.0.0.1:" + held.getLocalPort() + "\" }\n");
            CliRun run = CliRun.stationd("run", "--config", f.toString(), "--for", "1");
            assertEquals(1, run.exit(), run.out() + run.err());
            assertTrue(run.err().contains(f + ":2:20: console.listen: cannot listen on 127.0.0.1:" + held.getLocalPort()
                    + ": the port is in use (is another stationd running? choose another port)"), run.err());
            assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
        }
    }

    /** Nobody asked for 8080 by name: the stations go on air without the console, and the operator is told why and what to change. */
    @Test
    void theDefaultConsolePortInUseLeavesTheStationsOnAirAndSaysSo() throws Exception {
        ServerSocket held = null;
        try {
            held = new ServerSocket(8080, 1, InetAddress.getLoopbackAddress());
        } catch (java.net.BindException inUseAlready) {
            // something else holds it: just as good
        }
        try {
            Path f = config("");
            CliRun run = CliRun.stationd("run", "--config", f.toString(), "--for", "1");
            assertEquals(0, run.exit(), run.out() + run.err());
            assertTrue(run.err().contains("stationd: warning: no web console: 127.0.0.1:8080 (the default) is in use")
                    && run.err().contains("set console: { listen: \"127.0.0.1:PORT\" } in stations.yaml, or listen: off"), run.err());
            assertTrue(run.out().contains("1 station(s) on") && !run.out().contains("console at"), run.out());
            assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
        } finally {
            if (held != null) held.close();
        }
    }
}
