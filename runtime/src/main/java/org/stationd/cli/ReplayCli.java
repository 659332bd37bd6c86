package org.stationd.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.stationd.config.ConfigException;
import org.stationd.eventlog.Session;
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
                "and lets the program do whatever it now does; exit code 0 when it runs without program errors and does what the show did (docs/eventlog.md).",
                "A log is split into sessions at each program load; it lists them and replays one: --session N, --from TIME, else the last",
                "one the program (--program, else the station's in stations.yaml) ran in."})
final class ReplayCli implements Callable<Integer> {
    @Parameters(paramLabel = "LOG", description = "an event log file (.jsonl or .jsonl.gz) or folder")
    Path log;

    @Option(names = "--station", description = "which station of the log (default: the only one)")
    String station;

    @Option(names = "--program", description = "the program to replay (default: the one the log recorded, from the programs folder)")
    Path program;

    @Option(names = "--config", description = "for the station's settings and folders (default: the nearest stations.yaml in the log's folder or above it, e.g. examples/<program>/stations.yaml)")
    Path config;

    @Option(names = "--session", paramLabel = "N", description = "replay session N of the log (a log is split at each program load: a run of the host, a swap, a schedule slot; a live reload stays in its session)")
    Integer session;

    @Option(names = "--from", paramLabel = "TIME", description = "replay the session that was on air at TIME (ISO-8601, e.g. 2026-11-22T09:00:00Z)")
    String from;

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
        if (session != null && from != null) {
            System.err.println("stationd: choose one of --session and --from");
            return 2;
        }
        ReplayResult result;
        try {
            Replay replay = Replay.of(log).station(station).program(program).config(config).seed(seed)
                    .speed(ReplaySpeed.parse(speed)).until(time("--until", until)).from(time("--from", from));
            if (session != null) replay.session(session);
            List<Session> sessions = replay.sessions();
            Session chosen = replay.chosenSession();
            if (sessions.size() > 1) {
                System.out.println(log + " has " + sessions.size() + " sessions of station " + chosen.station() + ":");
                sessions.forEach(s -> System.out.println((s.number() == chosen.number() ? "* " : "  ") + s.describe()));
                System.out.println("replaying session " + chosen.number() + (session == null && from == null ? " (--session N or --from TIME for another)" : ""));
            }
            result = stimulus ? replay.stimulus() : replay.strict();
        } catch (EventLogException e) {
            System.err.println("stationd: " + e.getMessage());
            return 1;
        } catch (ConfigException e) {
            System.err.println("stationd: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            System.err.println("stationd: " + e.getMessage());
            return 2;
        }
        result.timeline().forEach(System.out::println);
        result.errors().forEach(e -> System.out.println("program error: " + e));
        System.out.println(result.summary());
        return result.ok() ? 0 : 1;
    }

    private static Instant time(String option, String text) {
        if (text == null) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " is an ISO-8601 time such as 2026-11-22T09:00:00Z, not '" + text + "'");
        }
    }
}
