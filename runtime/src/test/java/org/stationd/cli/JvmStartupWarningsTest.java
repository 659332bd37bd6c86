package org.stationd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Starts a stationd JVM the way the launcher does (flags from jvm.options) and checks the JDK
 * prints no warnings: unsafe memory access and native access must be granted by flags, not hidden;
 * and GraalJS must run on its optimizing runtime, not warn about the fallback one.
 */
class JvmStartupWarningsTest {
    static Path home() {
        return Path.of(System.getProperty("stationd.home", ".."));
    }

    static List<String> launcherFlags(int javaMajor) throws IOException {
        String jvmci = jvmciPath(Runtime.version());
        List<String> flags = new ArrayList<>();
        for (String line : Files.readAllLines(home().resolve("jvm.options"))) {
            String l = line.replaceAll("#.*", "").strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("jdk24+ ")) {
                if (javaMajor >= 24) {
                    flags.add(l.substring("jdk24+ ".length()));
                }
            } else if (l.startsWith("jvmci ")) {
                if (jvmci != null) {
                    flags.add(l.substring("jvmci ".length()).replace("{jvmci-path}", jvmci));
                }
            } else {
                flags.add(l);
            }
        }
        return flags;
    }

    /** What the launcher's jvmci_path does: the Graal compiler jars' module path if they suit this JDK, else null. */
    static String jvmciPath(Runtime.Version jdk) throws IOException {
        String v = compilerVersion();
        if (v == null) return null;
        Runtime.Version compiler = Runtime.Version.parse(v);
        if (compiler.feature() != jdk.feature() || jdk.compareToIgnoreOptional(compiler) < 0) return null;
        Path dir = home().resolve("runtime/target/jvmci");
        List<String> jars = new ArrayList<>();
        for (String name : List.of("compiler", "collections", "word", "truffle-compiler")) {
            Path jar = dir.resolve(name + "-" + v + ".jar");
            if (!Files.exists(jar)) return null;
            jars.add(jar.toString());
        }
        return String.join(":", jars);
    }

    /** The version of the compiler jar the build copied, e.g. {@code 25.0.3}; null if none. */
    static String compilerVersion() throws IOException {
        Path dir = home().resolve("runtime/target/jvmci");
        if (!Files.isDirectory(dir)) return null;
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("compiler-[0-9.]+\\.jar"))
                    .map(n -> n.substring("compiler-".length(), n.length() - ".jar".length()))
                    .findFirst().orElse(null);
        }
    }

    /** Runs {@code stationd <args>} as the launcher would; returns {exit code, stdout, stderr}. */
    static String[] launch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(launcherFlags(Runtime.version().feature()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        String stderr = read(p.getErrorStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "stationd " + String.join(" ", args) + " did not finish");
        return new String[] {Integer.toString(p.exitValue()), out.get(), stderr};
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void decodingACaptureStartsWithoutJdkWarnings() throws Exception {
        Path capture = Path.of(System.getProperty("esl.captures.dir"), "03_station_playback_plain.jsonl");
        assertTrue(Files.exists(capture), "capture missing: " + capture);
        String[] r = launch("esl", "decode", capture.toString());
        assertEquals("0", r[0], r[2]);
        assertFalse(r[2].contains("WARNING"), "JDK warned at start-up:\n" + r[2]);
    }

    @Test
    void javaScriptRunsOnTheOptimizingRuntimeWithoutWarnings() throws Exception {
        String v = compilerVersion();
        assertTrue(v != null, "the build did not copy the Graal compiler jars to runtime/target/jvmci");
        assumeTrue(Runtime.version().feature() == Runtime.Version.parse(v).feature(),
                "the Graal compiler " + v + " only suits JDK " + Runtime.Version.parse(v).feature()
                        + "; on this JDK (" + Runtime.version() + ") GraalJS runs interpreted");
        assertTrue(launcherFlags(Runtime.version().feature()).contains("-XX:+EnableJVMCI"),
                "the launcher would not enable JVMCI on JDK " + Runtime.version() + " with compiler " + v
                        + ": jvm.options needs its 'jvmci ' lines, and the JDK update must not be older than the compiler's");

        String[] r = launch("js-selftest");
        String stderr = r[2];
        assertFalse(stderr.contains("fallback runtime"), "GraalJS fell back to the interpreter:\n" + stderr);
        assertFalse(stderr.contains("[To redirect Truffle log output"), "Truffle logged at start-up:\n" + stderr);
        assertFalse(stderr.contains("WARNING"), "warning at start-up:\n" + stderr);
        assertEquals("0", r[0], r[1] + stderr);
        assertTrue(r[1].contains(": optimizing runtime"), r[1]);
    }
}
