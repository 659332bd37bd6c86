package org.stationd.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.config.StationConfig;
import org.stationd.eventlog.EventLogException;
import org.stationd.eventlog.EventLogReader;
import org.stationd.eventlog.ReplayResult;
import org.stationd.eventlog.ReplaySpeed;
import org.stationd.eventlog.StimulusReplay;
import org.stationd.eventlog.StrictReplay;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.script.ProgramEngines;
import org.stationd.station.ProgramFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./stationd replay LOG}: runs a program against a recorded session and says whether it still does the same. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a recorded event log (a file or a folder under data/eventlog) against a program on a virtual clock.",
                "--strict (the default) compares the commands the program sends with the recorded ones and reports the first divergence;",
                "exit code 0 when they match.",
                "--stimulus replays only the outside world (calls, keys, hang-ups, texts, messages, the clock) on the simulated switch",
                "and lets the program do whatever it now does; exit code 0 when it runs without program errors."})
final class ReplayCli implements Callable<Integer> {
    @Parameters(paramLabel = "LOG", description = "an event log file (.jsonl or .jsonl.gz) or folder")
    Path log;

    @Option(names = "--station", description = "which station of the log (default: the only one)")
    String station;

    @Option(names = "--program", description = "the program to replay (default: the one the log recorded, from the programs folder)")
    Path program;

    @Option(names = "--config", defaultValue = "stations.yaml", description = "for the station's settings and folders (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--strict", description = "compare the program's commands with the recorded ones (default)")
    boolean strict;

    @Option(names = "--stimulus", description = "run the program against the recorded outside world on the simulated switch")
    boolean stimulus;

    @Option(names = "--speed", defaultValue = "max", description = "max (as fast as possible) or 1x (real time, to listen along); default ${DEFAULT-VALUE}")
    String speed;

    @Option(names = "--until", description = "stop at this time (ISO-8601, e.g. 2026-11-22T09:00:00Z)")
    String until;

    @Option(names = "--seed", defaultValue = "1", description = "seed for the uuids the program makes (same seed, same run)")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (stimulus && strict) {
            System.err.println("stationd: choose one of --strict and --stimulus");
            return 2;
        }
        if (!"max".equals(speed) && !"1x".equals(speed)) {
            System.err.println("stationd: --speed is max or 1x, not '" + speed + "'");
            return 2;
        }
        List<Map<String, Object>> records;
        try {
            records = EventLogReader.read(log);
        } catch (EventLogException e) {
            System.err.println("stationd: " + e.getMessage());
            return 1;
        }
        List<String> stations = records.stream().map(r -> (String) r.get("st")).distinct().toList();
        String id = station != null ? station : stations.size() == 1 ? stations.get(0) : null;
        if (id == null) {
            System.err.println("stationd: the log has stations " + stations + "; choose one with --station");
            return 2;
        }
        HostConfig host = ConfigLoader.load(config);
        StationConfig sc = host.station(id);
        if (sc == null) {
            System.err.println("stationd: station '" + id + "' is not in " + config);
            return 2;
        }
        Path file = program != null ? program : host.programsDir().resolve(recordedProgram(records, id, sc));
        try (ProgramEngines engines = new ProgramEngines()) {
            ProgramFactory factory = new ScriptProgramLoader(engines).load(file);
            Instant end = until == null ? null : Instant.parse(until);
            Path recordings = host.dataDir().resolve("recordings");
            ReplayResult result = stimulus
                    ? new StimulusReplay(sc, factory, host.mediaDir(), recordings, host.simDialplan()).seed(seed)
                            .speed(ReplaySpeed.parse(speed)).run(records, end)
                    : new StrictReplay(sc, factory, host.mediaDir(), recordings).seed(seed)
                            .speed(ReplaySpeed.parse(speed)).run(records, end);
            result.timeline().forEach(System.out::println);
            result.errors().forEach(e -> System.out.println("program error: " + e));
            System.out.println(result.summary());
            return result.ok() ? 0 : 1;
        }
    }

    private static String recordedProgram(List<Map<String, Object>> records, String id, StationConfig sc) {
        return records.stream().filter(r -> id.equals(r.get("st")) && "load".equals(r.get("k")))
                .map(r -> (String) r.get("program")).findFirst().orElse(sc.program());
    }
}
