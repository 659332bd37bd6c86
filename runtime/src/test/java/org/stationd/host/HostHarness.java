package org.stationd.host;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.stationd.api.ProgramError;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.esl.sim.SimSwitch;
import org.stationd.media.Wav;
import org.stationd.script.ProgramEngines;
import org.stationd.station.StationListener;

/**
 * A whole host for end-to-end tests: the embedded simulated switch over real TCP, the real ESL
 * client, script engines, H2 and ZeroMQ, in a temporary folder. Records what stations report.
 */
final class HostHarness implements AutoCloseable {
    final Path dir;
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<ProgramError> errors = new CopyOnWriteArrayList<>();
    SwitchConnection link;
    /** Every switch's connection when the stations run on several (then {@link #link} is the first). */
    SwitchConnections links;
    StationHost host;
    ProgramEngines engines;
    ScriptProgramLoader loader;
    /** Program versions the host's loader checked (compiled): each file name @ hash. */
    final List<String> checked = new CopyOnWriteArrayList<>();
    String controlEndpoint;
    String publishEndpoint;
    /** Where the host's switch is: the embedded simulator, or e.g. {@code switch: esl://127.0.0.1:PORT} (a real FreeSWITCH). */
    String switchYaml = "switch: sim\nsim: sim.yaml\n";
    /** Keys added to the control: section (e.g. {@code keys: DIR}), each line indented two spaces. */
    String controlYaml = "";
    /** Top-level stations.yaml keys added before 'stations:' (e.g. a database). */
    String extraYaml = "";
    /** Adjusts the host's ESL client (e.g. a shorter command timeout). */
    java.util.function.UnaryOperator<org.stationd.esl.client.EslClientOptions> clientOptions = java.util.function.UnaryOperator.identity();

    HostHarness(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("programs/media"));
        // short media keeps the tests quick: 0.3 s of tone
        Wav.write(dir.resolve("programs/media/beep.wav"), Wav.melody(0.3, new int[] {880}), Wav.RATE);
        Wav.write(dir.resolve("programs/media/long.wav"), Wav.melody(4, new int[] {440, 660}), Wav.RATE);
        Files.writeString(dir.resolve("sim.yaml"), """
                switch: { incoming_context: stations }
                contexts:
                  stations:
                    "^(\\\\d+)$": { behaviour: park }
                users:
                  "3001": { answer_after_ms: 100 }
                  "3002": { answer_after_ms: 100 }
                  "3003": { answer_after_ms: 100 }
                  "3004": busy
                """);
    }

    static String freeEndpoint() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    void program(String name, String text) throws IOException {
        Path tmp = dir.resolve("programs/." + name + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, dir.resolve("programs").resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Starts the host with the given stations (YAML list items under 'stations:'). */
    void start(String stationsYaml, String... subscribe) throws Exception {
        publishEndpoint = freeEndpoint();
        StringBuilder subs = new StringBuilder();
        for (String s : subscribe) subs.append("\n    - ").append(s);
        Files.writeString(dir.resolve("stations.yaml"), switchYaml + "programs: programs\nmedia: programs/media\ndata: data\n"
                + "control:\n  control: tcp://127.0.0.1:*\n  publish: tcp://127.0.0.1:*\n  subscribe:" + (subscribe.length == 0 ? " []" : subs) + "\n"
                + controlYaml + extraYaml + "stations:\n" + stationsYaml);
        HostConfig config = ConfigLoader.load(dir.resolve("stations.yaml"));
        if (config.switches().named().size() > 1) {   // several switches: a connection per switch in use, by name
            links = SwitchConnections.open(config.switchesInUse(), config.simDialplan(), config.stations().get(0).timezone());
            link = links.get(config.switchesInUse().keySet().iterator().next());
        } else {
            link = SwitchConnection.open(config.switchConfig(), config.simDialplan(), config.stations().get(0).timezone(), clientOptions);
        }
        engines = new ProgramEngines();
        StationListener recorder = new StationListener() {
            @Override public void stateChanged(String st, String p, String from, String to) { lines.add(st + " state " + to); }
            @Override public void callEvent(String st, String c, String what) { lines.add(st + " call " + what); }
            @Override public void programError(String st, String p, ProgramError e) { errors.add(e); lines.add(st + " error " + e.message()); }
            @Override public void log(String st, String p, String state, String level, String message) { lines.add(st + " log " + message); }
            @Override public void programLoaded(String st, String p, String v) { lines.add(st + " loaded " + p); }
        };
        ProgramEngines e = engines;
        loader = new ScriptProgramLoader(e, source -> {
            checked.add(source.fileName() + "@" + source.hash().substring(0, 12));
            e.check(source);
        }, ProgramCache.DEFAULT_SIZE);
        host = links == null ? new StationHost(config, loader, link.client(), null, List.of(recorder))
                : new StationHost(config, loader, links.clients(), null, List.of(recorder), org.stationd.station.StationTap.NONE,
                        new org.stationd.station.RealScheduler());
        controlEndpoint = host.controlEndpoint();
    }

    SimSwitch sim() {
        return (SimSwitch) link.sim();
    }

    /** The simulated switch of that name (stations on several switches). */
    SimSwitch sim(String name) {
        return (SimSwitch) links.get(name).sim();
    }

    boolean saw(String line) {
        return lines.contains(line);
    }

    long count(String line) {
        return lines.stream().filter(line::equals).count();
    }

    /** Waits (on real time: the switch plays real seconds) until the condition holds. */
    void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited 20 s for: " + what + "\nstations said:\n  " + String.join("\n  ", lines));
            }
            Thread.sleep(20);
        }
    }

    void awaitLine(String line) throws InterruptedException {
        await(line, () -> saw(line));
    }

    /** The uuid of a station's call the switch knows, by the dialled destination. */
    String callTo(String destination) {
        return sim().calls().stream().filter(c -> destination.equals(c.destination()) || c.name().contains(destination))
                .map(org.stationd.esl.sim.SimCall::uuid).findFirst().orElseThrow(() -> new AssertionError("no call to " + destination + " in " + sim().calls()));
    }

    @Override
    public void close() throws Exception {
        if (host != null) host.close();
        if (links != null) links.close();
        else if (link != null) link.close();
        if (engines != null) engines.close();
    }
}
