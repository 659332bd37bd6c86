package org.stationd.bench.air;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import org.stationd.esl.sim.SimOptions;
import org.stationd.esl.sim.SimSwitch;

/**
 * Stations on air: N stations, each with a transmitter phone of its own on the simulated switch
 * (it answers after {@value #ANSWER_MS} ms), all running one small program (Groovy or JavaScript)
 * that dials its transmitter and enters {@code on-air} when it answers. The switch runs here; the
 * host runs in a fresh JVM ({@link OnAirHost}, this JVM's flags), so its heap holds the host alone.
 * Figures: time from the host's start to every station on air, heap in use after GC per station
 * (after minus before the host started, over N), and live threads. The host paces its originates
 * at {@value #ORIGINATES_PER_SECOND}/s (the most stations.yaml allows); the simulated switch has no
 * sessions-per-second limit here (FreeSWITCH's default, 30, would take N / 30 s by itself).
 *
 * <pre>StationsOnAir groovy|js N</pre>
 */
public final class StationsOnAir {
    public static final int ANSWER_MS = 500;
    public static final int ORIGINATES_PER_SECOND = 1000;

    /** One run's figures. */
    public record Result(String language, int stations, int onAir, double seconds, double heapKibPerStation,
                         int threadsBefore, int threadsOnAir, long errors, long droppedEvents, long maxHeap, long eventLogDropped,
                         int filesBefore, int filesOnAir, int eventLogBacklog, int channelsOnAir, int unownedOnAir, int channelsAfterStop, String stopReport) {}

    static final String GROOVY = """
            program {
                apiVersion 1
                state('dialling') {
                    enter { station.dialTransmitter() }
                    on.answered { e -> go 'on-air' }
                    on.failed { e -> log.warn("transmitter unreachable (${e.cause})") }
                }
                state('on-air') {
                    enter { station.every(60, 'tick') }
                    on.timer { e -> data.ticks = (data.ticks ?: 0) + 1 }
                }
            }
            """;
    static final String JS = """
            program({
              apiVersion: 1,
              states: {
                dialling: {
                  enter() { station.dialTransmitter(); },
                  answered(e) { go('on-air'); },
                  failed(e) { log.warn(`transmitter unreachable (${e.cause})`); }
                },
                'on-air': {
                  enter() { station.every(60, 'tick'); },
                  timer(e) { data.ticks = (data.ticks || 0) + 1; }
                }
              }
            });
            """;

    public static void main(String[] args) throws Exception {
        System.out.println(run(args[0], Integer.parseInt(args[1])));
    }

    public static Result run(String language, int n) throws Exception {
        Path dir = Files.createTempDirectory("stationd-onair");
        write(dir, language, n);
        SimOptions options = SimOptions.defaults().withPort(0).withDialplan(dir.resolve("sim.yaml")).withMaxSessions(n + 100);
        try (SimSwitch sim = SimSwitch.start(options)) {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.add("-Dlogback.configurationFile=" + logback(dir));
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), OnAirHost.class.getName(),
                    dir.toString(), String.valueOf(sim.port()), String.valueOf(60 + n / 50)));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String result = null;
            String stopped = null;
            int[] channels = {-1, -1};
            List<String> output = new ArrayList<>();
            long dropped = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("RESULT ")) { result = line; System.out.println("  host: " + line); }
                    else if (line.startsWith("OWNED")) {
                        // the host is still up: every channel on the switch must be one of its stations' calls
                        Set<String> owned = new HashSet<>(Arrays.asList(line.substring("OWNED".length()).trim().split(" ")));
                        List<String> live = channels(sim);
                        channels[0] = live.size();
                        channels[1] = (int) live.stream().filter(u -> !owned.contains(u)).count();
                        p.getOutputStream().write('\n');
                        p.getOutputStream().flush();
                    }
                    else if (line.startsWith("STOPPED ")) stopped = line.substring("STOPPED ".length());
                    // the host's router, one line per event; only until the figures are taken (closing the host refuses the hangups' events)
                    else if (line.contains("is not keeping up; dropped")) { if (result == null) dropped++; }
                    else if (output.size() < 20) output.add(line);
                }
            }
            p.waitFor();
            if (result == null) {
                throw new IllegalStateException("the host printed no result; its output:\n" + String.join("\n", output));
            }
            output.forEach(l -> System.out.println("  host: " + l));
            String[] f = result.split(" ");
            int stations = Integer.parseInt(f[1]);
            // the host has stopped and said how its hang-ups went: what the switch still has, no station owns
            int after = channels(sim).size();
            return new Result(language, stations, Integer.parseInt(f[2]), Double.parseDouble(f[3]),
                    (Long.parseLong(f[5]) - Long.parseLong(f[4])) / 1024.0 / stations,
                    Integer.parseInt(f[6]), Integer.parseInt(f[7]), Long.parseLong(f[8]), dropped, Long.parseLong(f[9]), Long.parseLong(f[10]),
                    Integer.parseInt(f[11]), Integer.parseInt(f[12]), Integer.parseInt(f[13]), channels[0], channels[1], after, stopped);
        }
    }

    /** The uuids {@code show channels} lists on the switch. */
    static List<String> channels(SimSwitch sim) throws Exception {
        List<String> uuids = new ArrayList<>();
        com.fasterxml.jackson.databind.JsonNode rows = JSON.readTree(sim.api("show channels as json")).path("rows");
        for (com.fasterxml.jackson.databind.JsonNode row : rows) uuids.add(row.path("uuid").asText());
        return uuids;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** stations.yaml with N stations running one program, and the switch's sim.yaml with their N transmitter phones. */
    public static void write(Path dir, String language, int n) throws Exception {
        String program = "onair." + ("js".equals(language) ? "js" : "groovy");
        Files.createDirectories(dir.resolve("programs"));
        Files.createDirectories(dir.resolve("media"));
        Files.writeString(dir.resolve("programs").resolve(program), "js".equals(language) ? JS : GROOVY);
        StringBuilder stations = new StringBuilder("""
                switch: sim
                originates_per_second: %d
                programs: programs
                media: media
                data: data
                stations:
                """.formatted(ORIGINATES_PER_SECOND));
        StringBuilder sim = new StringBuilder("""
                switch: { hostname: stationd-sim, domain: 127.0.0.1, incoming_context: stations }
                contexts:
                  stations:
                    park: { behaviour: park }
                users:
                """);
        for (int i = 1; i <= n; i++) {
            String user = String.valueOf(100_000 + i);
            stations.append(String.format(Locale.ROOT, "  - { id: s%d, name: Station %d, timezone: Africa/Kampala, transmitter: [ { sip: user/%s } ], program: %s }%n",
                    i, i, user, program));
            sim.append(String.format(Locale.ROOT, "  \"%s\": { answer_after_ms: %d }%n", user, ANSWER_MS));
        }
        Files.writeString(dir.resolve("stations.yaml"), stations);
        Files.writeString(dir.resolve("sim.yaml"), sim);
    }

    private static Path logback(Path dir) throws Exception {
        Path f = dir.resolve("logback.xml");
        Files.writeString(f, "<configuration><appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                + "<encoder><pattern>%level %logger{20} %msg%n</pattern></encoder></appender><root level=\"WARN\"><appender-ref ref=\"out\"/></root></configuration>");
        return f;
    }
}
