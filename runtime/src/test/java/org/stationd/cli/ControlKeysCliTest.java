package org.stationd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.control.ControlKeys;
import org.stationd.control.ControlServer;
import org.zeromq.ZContext;

/** {@code ./stationd keys}, a host that will not start without them, and the CLI talking to a host with them. */
class ControlKeysCliTest {
    @TempDir
    Path dir;

    private Path config(String control) throws Exception {
        Files.createDirectories(dir.resolve("programs"));
        Files.writeString(dir.resolve("programs/show.groovy"), "program { state('a') {} }\n");
        Path f = dir.resolve("stations.yaml");
        Files.writeString(f, "switch: sim\n" + control + "stations:\n  - id: a\n    timezone: UTC\n    program: show.groovy\n");
        return f;
    }

    @Test
    void theHostRefusesToStartOnTheNetworkWithoutKeysInOneLine() throws Exception {
        Path f = config("control:\n  control: tcp://0.0.0.0:5570\n");
        CliRun run = CliRun.stationd("run", "--config", f.toString(), "--for", "1");
        assertEquals(1, run.exit(), run.out() + run.err());
        List<String> lines = run.err().lines().toList();
        assertTrue(lines.get(0).startsWith(f + ":3:12: control.control: 'tcp://0.0.0.0:5570' is reachable from the network"), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertFalse(run.out().contains("station(s) on"), "nothing started: " + run.out());
    }

    @Test
    void keysAreMadeOnceAndTheCliUsesThemFromTheConfigOrTheEnvironmentOption() throws Exception {
        Path keys = dir.resolve("keys");
        CliRun made = CliRun.stationd("keys", "--dir", keys.toString());
        assertEquals(0, made.exit(), made.err());
        assertTrue(made.out().contains("made " + keys.resolve("host.cert_secret")), made.out());
        assertTrue(Files.isRegularFile(keys.resolve("operators/operator.cert")));
        assertTrue(Files.isRegularFile(keys.resolve("operator.cert_secret")));
        CliRun reader = CliRun.stationd("keys", "--dir", keys.toString(), "--operator", "amina", "--read-only");
        assertEquals(0, reader.exit(), reader.err());
        assertTrue(Files.isRegularFile(keys.resolve("amina/host.cert")) && Files.isRegularFile(keys.resolve("amina/operator.cert_secret")));
        assertTrue(Files.readString(keys.resolve("operators/amina.cert")).contains("role = \"read-only\""));

        Map<String, Object> status = Map.of("switch", "sim", "stations", List.of(Map.of("station", "a", "program", "show.groovy", "state", "live", "calls", 0)));
        try (ZContext zmq = new ZContext();
             ControlServer host = new ControlServer(zmq, "tcp://127.0.0.1:*", ControlKeys.forHost(keys), c -> status)) {
            Path f = config("control:\n  control: " + host.endpoint() + "\n  keys: keys\n");
            CliRun ok = CliRun.stationd("status", "--config", f.toString());
            assertEquals(0, ok.exit(), ok.err());
            assertTrue(ok.out().contains("show.groovy"), ok.out());

            CliRun asAmina = CliRun.stationd("swap", "a", "show.groovy", "--control", host.endpoint(), "--keys", keys.resolve("amina").toString());
            assertEquals(1, asAmina.exit(), asAmina.out() + asAmina.err());
            assertTrue(asAmina.err().contains("operator amina is read-only"), asAmina.err());

            // without keys the host never answers: one line, no stack trace (the CLI gives up when the host has dropped it twice)
            CliRun refused = CliRun.stationd("status", "--control", host.endpoint(), "--config", dir.resolve("none.yaml").toString());
            assertEquals(2, refused.exit(), refused.out());
            // (the host runs in this JVM: its own log lines land on the same System.err)
            List<String> said = refused.err().lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*")).toList();
            assertEquals(1, said.size(), refused.err());
            assertTrue(said.get(0).startsWith("stationd: no answer from a stationd host at " + host.endpoint()), refused.err());
            // the connection was made: it never says nothing listens (which of the other outcomes depends on monitor events that may be lost)
            assertFalse(said.get(0).contains("(nothing listens there)"), refused.err());
            assertFalse(refused.err().contains("Exception") || refused.err().contains("\tat "), refused.err());
            assertTrue(host.refused() >= 1);

            CliRun noKeys = CliRun.stationd("status", "--control", host.endpoint(), "--keys", dir.resolve("nowhere").toString());
            assertEquals(2, noKeys.exit());
            assertTrue(noKeys.err().startsWith("stationd: no operator keys: no host.cert in " + dir.resolve("nowhere")), noKeys.err());
        }
    }
}
