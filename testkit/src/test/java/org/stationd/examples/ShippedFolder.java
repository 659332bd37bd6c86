package org.stationd.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.stationd.testing.Show;

/**
 * A copy of the shipped demo (stations.yaml, sim.yaml, programs/) in a test's folder, its data
 * folder fresh. The only changes to the files: the control sockets on ports of the test's choosing,
 * in place of the commented {@code control:} block, and the web console on any free port (another
 * host may be running: on a port in use the host would stop as soon as it started).
 */
final class ShippedFolder {
    static final String COMMENTED_CONTROL = "# control:\n#   control: tcp://127.0.0.1:5570\n#   publish: tcp://127.0.0.1:5571\n";
    static final String COMMENTED_CONSOLE = "# console:\n#   listen: \"127.0.0.1:8080\"";

    private ShippedFolder() {}

    /** Copies the demo into {@code dir} with its control and publish sockets there; its stations.yaml. */
    static Path copy(Path dir, String control, String publish) throws IOException {
        Path home = Show.home();
        copyTree(home.resolve("programs"), dir.resolve("programs"));
        Files.copy(home.resolve("sim.yaml"), dir.resolve("sim.yaml"));
        String yaml = Files.readString(home.resolve("stations.yaml"));
        assertTrue(yaml.contains(COMMENTED_CONTROL), "the shipped stations.yaml shows a commented control: block");
        assertTrue(yaml.contains(COMMENTED_CONSOLE), "the shipped stations.yaml shows a commented console: block");
        Path config = dir.resolve("stations.yaml");
        Files.writeString(config, yaml.replace(COMMENTED_CONTROL, "control:\n  control: " + control + "\n  publish: " + publish + "\n")
                .replace(COMMENTED_CONSOLE, "console:\n  listen: \"127.0.0.1:0\""));
        return config;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else if (!f.toString().endsWith(".wav")) Files.copy(f, target);   // made at the first build, not shipped
            }
        }
    }
}
