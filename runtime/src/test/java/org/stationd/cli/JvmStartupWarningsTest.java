package org.stationd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Starts a stationd JVM the way the launcher does (flags from jvm.options) and checks the JDK
 * prints no warnings: unsafe memory access and native access must be granted by flags, not hidden.
 */
class JvmStartupWarningsTest {
    static List<String> launcherFlags(int javaMajor) throws IOException {
        Path home = Path.of(System.getProperty("stationd.home", ".."));
        List<String> flags = new ArrayList<>();
        for (String line : Files.readAllLines(home.resolve("jvm.options"))) {
            String l = line.replaceAll("#.*", "").strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("jdk24+ ")) {
                if (javaMajor >= 24) {
                    flags.add(l.substring("jdk24+ ".length()));
                }
            } else {
                flags.add(l);
            }
        }
        return flags;
    }

    @Test
    void decodingACaptureStartsWithoutJdkWarnings() throws Exception {
        Path capture = Path.of(System.getProperty("esl.captures.dir"), "03_station_playback_plain.jsonl");
        assertTrue(Files.exists(capture), "capture missing: " + capture);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(launcherFlags(Runtime.version().feature()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "esl", "decode", capture.toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), stderr);
        assertFalse(stderr.contains("WARNING"), "JDK warned at start-up:\n" + stderr);
    }
}
