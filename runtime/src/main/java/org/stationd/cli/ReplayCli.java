package org.stationd.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.stationd.eventlog.EventLogException;
import org.stationd.eventlog.ReplayResult;
import org.stationd.eventlog.ReplaySpeed;
import org.stationd.testing.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./stationd replay LOG}: runs a program against a recorded session and says whether it still does the same. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a recorded event log (a file or a folder under data/eventlog) against a program on a virtual clock.",
                "--strict (the default) compares the commands the program sends with the recorded ones and reports the first divergence;",
                "exit code 0 when they match.",
                "--stimulus replays only the outside world (calls, keys, hang-ups, texts, messages, the clock) on the simulated switch",
                "and lets the program do whatever it now does; exit code 0 when it runs without program errors and does what the show did (docs/eventlog.md)."})
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
        Replay replay = Replay.of(log).station(station).program(program).config(config).seed(seed)
                .speed(ReplaySpeed.parse(speed)).until(until == null ? null : Instant.parse(until));
        ReplayResult result;
        try {
            result = stimulus ? replay.stimulus() : replay.strict();
        } catch (EventLogException e) {
            System.err.println("stationd: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println("stationd: " + e.getMessage());
            return 2;
        }
        result.timeline().forEach(System.out::println);
        result.errors().forEach(e -> System.out.println("program error: " + e));
        System.out.println(result.summary());
        return result.ok() ? 0 : 1;
    }
}
