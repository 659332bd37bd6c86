package org.stationd.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A stations.yaml to read in a test's folder, beside the programs its stations name (stubs that compile). */
final class ConfigFiles {
    /** One station on the playlist, for tests about the rest of the file. */
    static final String STATION = """
            stations:
              - id: a
                timezone: UTC
                program: playlist.groovy
            """;

    private ConfigFiles() {}

    static Path write(Path dir, String yaml) throws Exception {
        return write(dir, yaml.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, byte[] bytes) throws Exception {
        Files.createDirectories(dir.resolve("programs"));
        Files.writeString(dir.resolve("programs/playlist.groovy"), "program { state('a') {} }");
        Files.writeString(dir.resolve("programs/news-relay.js"), "program({ apiVersion: 1, states: { a: {} } });");
        Path f = dir.resolve("stations.yaml");
        Files.write(f, bytes);
        return f;
    }
}
