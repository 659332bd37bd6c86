package org.stationd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.cli.CallCommandTest;
import org.stationd.cli.CliRun;

/**
 * examples/README.md, "Record a session of your own", as written, on a copy of the shipped
 * stations: ./stationd run, ./stationd call gulu < examples/voiceboard/leave-a-greeting.call,
 * Ctrl-C, then ./stationd test-program programs/voiceboard.groovy --log data/eventlog/gulu PASSes.
 * The only change to the files: the control sockets on free ports (another host may be running).
 */
class WalkthroughTest {
    @TempDir
    Path dir;

    private Process host;

    @AfterEach
    void stop() throws InterruptedException {
        if (host != null && host.isAlive()) {
            host.destroyForcibly();
            host.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static String free() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void theRecordAndReplayWalkthroughPassesAsWritten() throws Exception {
        Path home = Path.of(System.getProperty("stationd.home"));
        Path config = ShippedFolder.copy(dir, free(), free());

        // ./stationd run
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(org.stationd.cli.JvmStartupWarningsTestAccess.flags());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.stationd.cli.Main", "run", "--config", config.toString()));
        host = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        List<String> out = new CopyOnWriteArrayList<>();
        Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) out.add(line);
            } catch (Exception ended) {
                // the host stopped
            }
        });
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (out.stream().noneMatch(l -> l.contains("station(s) on"))) {
            assertTrue(host.isAlive() && System.nanoTime() < end, "the host did not come on air:\n" + String.join("\n", out));
            Thread.sleep(50);
        }

        // ./stationd call gulu < examples/voiceboard/leave-a-greeting.call
        String script = Files.readString(home.resolve("examples/voiceboard/leave-a-greeting.call"));
        CliRun call = CallCommandTest.call(script, "call", "gulu", "--config", config.toString());
        assertEquals(0, call.exit(), call.out() + call.err());
        assertTrue(call.out().lines().anyMatch(l -> l.equals("phone: call ended")), call.out());
        assertTrue(call.out().lines().anyMatch(l -> l.startsWith("gulu: plays voiceboard-saved.wav")), call.out());

        // Ctrl-C
        host.destroy();
        assertTrue(host.waitFor(60, TimeUnit.SECONDS), "the host did not stop:\n" + String.join("\n", out));

        // ./stationd test-program programs/voiceboard.groovy --log data/eventlog/gulu
        CliRun test = CliRun.stationd("test-program", dir.resolve("programs/voiceboard.groovy").toString(),
                "--log", dir.resolve("data/eventlog/gulu").toString());
        assertEquals(0, test.exit(), test.out() + test.err());
        assertTrue(test.out().lines().anyMatch(l -> l.startsWith("PASS ")), test.out());
    }
}
