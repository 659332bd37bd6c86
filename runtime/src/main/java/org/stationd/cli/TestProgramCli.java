package org.stationd.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.stationd.config.ConfigError;
import org.stationd.config.ConfigException;
import org.stationd.eventlog.EventLogException;
import org.stationd.eventlog.EventLogReader;
import org.stationd.eventlog.ReplayResult;
import org.stationd.eventlog.Session;
import org.stationd.script.ProgramCompileException;
import org.stationd.script.ProgramEngines;
import org.stationd.script.ProgramSource;
import org.stationd.testing.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./stationd test-program PROGRAM [--log LOG]}: a program's tests for volunteers who do not
 * use Maven. Its tests are the recorded sessions in {@code examples/<program>/}: each is replayed
 * strictly against PROGRAM (the shipped file or a volunteer's changed copy), PASS or FAIL with the
 * first command that differs.
 */
@Command(name = "test-program", mixinStandardHelpOptions = true,
        description = {"Run a program's tests: replay its recorded sessions against it, PASS or FAIL each.",
                "Each recorded session in examples/<program>/ (every *.jsonl) is replayed against PROGRAM strictly (the program",
                "must send the recorded commands, in order, at the recorded times), on a virtual clock.",
                "PROGRAM may be a changed copy: examples/ is found by its file name (a copy of playlist.groovy keeps that name).",
                "With --log, replays that log (a file or a folder, e.g. data/eventlog/kampala) instead.",
                "A log is split into sessions at each program load (a run of the host, a swap, a schedule slot; a live reload stays",
                "in its session): each session PROGRAM ran in replays on its own (--session N or --from TIME for one).",
                "Prints PASS or FAIL for each session, with where a failing one differs, and a summary. Exit code 0 only if all pass."})
final class TestProgramCli implements Callable<Integer> {
    @Parameters(paramLabel = "PROGRAM", description = "the program file (e.g. programs/playlist.groovy, or /tmp/playlist.groovy)")
    Path program;

    @Option(names = "--log", paramLabel = "LOG", description = "replay this event log (a .jsonl / .jsonl.gz file or a folder) instead of the program's examples")
    Path log;

    @Option(names = "--examples", paramLabel = "DIR", description = "where the recorded sessions are (default: examples/ of this stationd)")
    Path examples;

    @Option(names = "--config", paramLabel = "FILE", description = "the stations.yaml with the stations' settings (default: the nearest one in the log's folder or above it)")
    Path config;

    @Option(names = "--station", paramLabel = "ID", description = "replay only this station of the logs (default: every station of a log that ran this program)")
    String station;

    @Option(names = "--session", paramLabel = "N", description = "replay only session N of each log (a log is split at each program load; default: every session PROGRAM ran in)")
    Integer session;

    @Option(names = "--from", paramLabel = "TIME", description = "replay only the session of each log that was on air at TIME (ISO-8601)")
    String from;

    @Option(names = "--stimulus", description = "replay only the recorded listeners and let the program do what it now does: PASS when it runs without errors and still does what the show did (answered calls answered, recorded states reached)")
    boolean stimulus;

    @Option(names = "--timeline", description = "print each session's whole timeline (what came in, what the program sent)")
    boolean timeline;

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        try {
            return run();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run() throws Exception {
        if (session != null && from != null) {
            err.println("stationd: choose one of --session and --from");
            return 2;
        }
        if (from != null) {
            try {
                Instant.parse(from);
            } catch (java.time.format.DateTimeParseException e) {
                err.println("stationd: --from is an ISO-8601 time such as 2026-11-22T09:00:00Z, not '" + from + "'");
                return 2;
            }
        }
        Path file = programFile();
        if (file == null) return 2;
        String fileName = file.getFileName().toString();
        String name = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;

        List<Path> logs;
        if (log != null) {
            if (!Files.exists(log)) {
                err.println("stationd: no event log at " + log);
                return 2;
            }
            logs = List.of(log);
        } else {
            Path dir = examplesDir().resolve(name);
            logs = recordedSessions(dir);
            if (logs.isEmpty()) {
                noSessions(dir, fileName);
                return 2;
            }
        }

        try (ProgramEngines engines = new ProgramEngines()) {
            try {
                engines.check(ProgramSource.read(file));
            } catch (ProgramCompileException e) {
                out.println("FAIL " + file + " does not compile:");
                e.getMessage().lines().forEach(l -> out.println("  " + l));
                out.println();
                out.println("0 of " + logs.size() + " log(s) could be replayed: fix the program first (./stationd check lists every error).");
                return 1;
            }
            int passed = 0;
            int failed = 0;
            for (Path l : logs) {
                List<String> stations;
                try {
                    stations = stationsToReplay(l, fileName);
                } catch (EventLogException e) {
                    out.println("FAIL " + l + ": " + e.getMessage());
                    failed++;
                    continue;
                }
                for (String st : stations) {
                    String label = l + (stations.size() > 1 || station != null ? " (" + st + ")" : "");
                    List<Session> sessions;
                    try {
                        sessions = sessionsToReplay(Replay.of(l).station(st).config(config), fileName);
                    } catch (IllegalArgumentException | IOException e) {
                        out.println("FAIL " + label + ": " + e.getMessage());
                        failed++;
                        continue;
                    }
                    for (Session one : sessions) {
                        boolean ok = replay(Replay.of(l).station(st).program(file).config(config).engines(engines).session(one.number()),
                                one.number() == 1 && sessions.size() == 1 && one.program().equals(fileName) ? label
                                        : label + " session " + one.number() + " (" + one.start() + ", " + one.program() + ")");
                        if (ok) passed++; else failed++;
                    }
                }
            }
            out.println();
            int total = passed + failed;
            if (failed == 0) {
                out.println("all " + total + " recorded session(s) pass: " + file
                        + (stimulus ? " runs through them without errors" : " does what it did in them"));
                return 0;
            }
            out.println(failed + " of " + total + " recorded session(s) FAILED with " + file
                    + ". If the change is meant to change the show, record new sessions (see examples/README.md).");
            return 1;
        }
    }

    /** Replays one session and prints PASS or FAIL; true if it passed. */
    private boolean replay(Replay replay, String label) throws InterruptedException, ProgramCompileException {
        ReplayResult r;
        try {
            r = stimulus ? replay.stimulus() : replay.strict();
        } catch (ConfigException e) {
            out.println("FAIL " + label + ": its stations.yaml has errors:");
            for (ConfigError ce : e.errors()) out.println("  " + ce);
            return false;
        } catch (IllegalArgumentException | IOException e) {
            out.println("FAIL " + label + ": " + e.getMessage());
            return false;
        }
        if (r.ok()) {
            out.println("PASS " + label + ": " + r.inputs() + " input(s), " + r.commands() + " command(s)"
                    + (stimulus ? ", no program errors" : " as recorded"));
        } else {
            out.println("FAIL " + label + ": " + failure(r));
        }
        if (timeline || !r.ok()) printTimeline(r, timeline);
        if (!r.errors().isEmpty()) r.errors().forEach(e -> out.println("  program error: " + e));
        return r.ok();
    }

    /** The sessions of a station's log to replay: the one asked for, else those this program ran in, else all of them. */
    private List<Session> sessionsToReplay(Replay replay, String fileName) throws IOException, ConfigException {
        List<Session> all = replay.sessions();
        if (session != null || from != null) {
            if (session != null) replay.session(session);
            else replay.from(Instant.parse(from));
            return List.of(replay.chosenSession());
        }
        List<Session> ran = all.stream().filter(s -> s.program().equals(fileName)).toList();
        return ran.isEmpty() ? all : ran;
    }

    /** PROGRAM as given; else the file of that name in programs/ (so "test-program playlist.groovy" works too). */
    private Path programFile() {
        if (Files.isRegularFile(program)) return program;
        Path shipped = home().resolve("programs").resolve(program.toString());
        if (!program.isAbsolute() && Files.isRegularFile(shipped)) return shipped;
        err.println("stationd: no program file " + program + (program.isAbsolute() ? "" : " (nor " + shipped + ")"));
        return null;
    }

    private Path examplesDir() {
        return examples != null ? examples : home().resolve("examples");
    }

    private static Path home() {
        return Path.of(System.getProperty("stationd.home", "."));
    }

    private static List<Path> recordedSessions(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".jsonl") || p.toString().endsWith(".jsonl.gz"))).sorted().toList();
        }
    }

    private void noSessions(Path dir, String fileName) throws IOException {
        err.println("stationd: no recorded sessions of " + fileName + ": looked for *.jsonl and *.jsonl.gz in " + dir.toAbsolutePath().normalize() + "/");
        Path parent = dir.getParent();
        if (parent != null && Files.isDirectory(parent)) {
            try (Stream<Path> s = Files.list(parent)) {
                List<String> have = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
                if (!have.isEmpty()) {
                    err.println("  " + parent + " has sessions of: " + String.join(", ", have) + ". They are found by the program's file name:");
                    err.println("  keep it when you copy a program to change it (cp programs/playlist.groovy /tmp/playlist.groovy).");
                }
            }
        }
        err.println("  To record one: run the station with ./stationd run (recording is on), do the show, stop it, and copy the");
        err.println("  day's log from data/eventlog/<station>/ into " + dir + "/ -- or replay it directly with --log. See examples/README.md.");
    }

    /** The stations of a log to replay: the one asked for, else those that ran a program with this file name, else all of them. */
    private List<String> stationsToReplay(Path l, String fileName) throws IOException {
        if (station != null) return List.of(station);
        List<Map<String, Object>> records = EventLogReader.read(l);
        List<String> all = new ArrayList<>();
        List<String> ranIt = new ArrayList<>();
        for (Map<String, Object> r : records) {
            String st = (String) r.get("st");
            if (!all.contains(st)) all.add(st);
            if ("load".equals(r.get("k")) && fileName.equals(r.get("program")) && !ranIt.contains(st)) ranIt.add(st);
        }
        return ranIt.isEmpty() ? all : ranIt;
    }

    private static String failure(ReplayResult r) {
        if (r.failure() != null) return r.failure();   // the stimulus replay did not do what the show did
        if (r.divergence() == null) return r.summary() + (r.errors().isEmpty() ? "" : ": " + r.errors().get(0));
        ReplayResult.Divergence d = r.divergence();
        return "differs after " + r.inputs() + " input(s) and " + r.commands() + " matching command(s), at " + d.time() + " in state " + d.state()
                + (d.field() == null ? "" : ", " + d.field() + " differs") + ":\n"
                + "  expected: " + d.shownExpected() + "\n"
                + "  actual:   " + d.shownActual();
    }

    /** The whole timeline, or for a failure the last lines before the divergence. */
    private void printTimeline(ReplayResult r, boolean whole) {
        List<String> t = r.timeline();
        int from = whole ? 0 : Math.max(0, t.size() - 8);
        out.println(whole ? "  timeline:" : "  the last of the timeline (--timeline for all of it):");
        if (from > 0) out.println("    … " + from + " earlier line(s)");
        for (int i = from; i < t.size(); i++) out.println("    " + t.get(i));
    }
}
