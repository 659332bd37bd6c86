package org.stationd.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.stationd.eventlog.EventLogReader;
import org.stationd.eventlog.RecordedPaths;
import org.stationd.testing.Replay;
import org.stationd.testing.Show;

/**
 * The shipped examples: {@code examples/<program>/} holds recorded sessions of {@code programs/<program>.*}
 * ({@code *.jsonl}) and the stations.yaml they were recorded with.
 */
final class ExampleLogs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExampleLogs() {}

    static Path examples() {
        return Show.home().resolve("examples");
    }

    /** The program's name without its extension: {@code news-relay.js} → {@code news-relay}. */
    static String name(Path program) {
        String f = program.getFileName().toString();
        return f.substring(0, f.lastIndexOf('.'));
    }

    /** The shipped programs: every .groovy and .js file in programs/. */
    static List<Path> programs() throws IOException {
        try (var s = Files.list(Show.home().resolve("programs"))) {
            return s.filter(p -> p.toString().endsWith(".groovy") || p.toString().endsWith(".js")).sorted().toList();
        }
    }

    static List<Path> logs(String program) throws IOException {
        Path dir = examples().resolve(program);
        if (!Files.isDirectory(dir)) return List.of();
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jsonl") || p.toString().endsWith(".jsonl.gz")).sorted().toList();
        }
    }

    /**
     * Saves what a closed show's station recorded as {@code examples/<program>/<file>}, with its
     * folders renamed to the checkout's ({@code programs/media}, {@code data/recordings}) so no
     * machine's path is left in it, and the bench's stations next to it; then checks that the
     * saved log replays strictly against the shipped program.
     */
    static Path save(Show show, String station, Path program, String file) throws Exception {
        List<Map<String, Object>> log = RecordedPaths.relocate(EventLogReader.read(show.eventLog(station)), "programs/media", "data/recordings");
        Path dir = examples().resolve(name(program));
        Files.createDirectories(dir);
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> r : log) text.append(JSON.writeValueAsString(r)).append('\n');
        String bench = show.dir().toAbsolutePath().toString();
        if (text.indexOf(bench) >= 0) {
            throw new AssertionError("the log still names the bench's folder " + bench + ": a path the recording does not map");
        }
        Path out = dir.resolve(file);
        Files.writeString(out, text);
        Files.writeString(dir.resolve("stations.yaml"), stationsYaml(show));
        Replay.of(out).program(program).assertMatches();
        return out;
    }

    /** The bench's stations, with the checkout's folders: what a replay of the examples reads the settings from. */
    private static String stationsYaml(Show show) throws IOException {
        String bench = Files.readString(show.dir().resolve("stations.yaml"));
        String stations = bench.substring(bench.indexOf("\nstations:\n") + 1);
        return "# The station(s) the logs in this folder were recorded with (by RecordExamples, see ../README.md).\n"
                + "# Replays of these logs read the stations' settings from here; the folders are the checkout's.\n"
                + "switch: sim\nprograms: ../../programs\nmedia: ../../programs/media\ndata: ../../data\n"
                + stations;
    }
}
