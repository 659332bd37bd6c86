package org.stationd.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.stationd.config.ConfigException;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.config.StationConfig;
import org.stationd.eventlog.EventLogReader;
import org.stationd.eventlog.ReplayResult;
import org.stationd.eventlog.ReplaySpeed;
import org.stationd.eventlog.Session;
import org.stationd.eventlog.Sessions;
import org.stationd.eventlog.StimulusReplay;
import org.stationd.eventlog.StrictReplay;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.script.ProgramCompileException;
import org.stationd.script.ProgramEngines;

/**
 * A recorded session replayed against a program, for tests and {@code ./stationd test-program}:
 *
 * <pre>{@code
 * Replay.of(Path.of("examples/voiceboard/leave-a-greeting.jsonl"))
 *       .program(Path.of("programs/voiceboard.groovy"))
 *       .assertMatches();
 * }</pre>
 *
 * <p>The station's settings come from a stations.yaml: the one given with {@link #config}, else
 * the nearest one in the log's folder or above it. The program is the one given with
 * {@link #program}, else the one the log recorded, from that configuration's programs folder.
 */
public final class Replay {
    private final Path log;
    private String station;
    private Path program;
    private Path config;
    private ProgramEngines engines;
    private long seed = 1;
    private Instant until;
    private Integer session;
    private Instant from;
    private ReplaySpeed speed = ReplaySpeed.MAX;

    private Replay(Path log) {
        this.log = log;
    }

    /** An event log: a {@code .jsonl} / {@code .jsonl.gz} file, or a folder of them. */
    public static Replay of(Path log) {
        return new Replay(log);
    }

    /** Which station of the log (needed only when it has several). */
    public Replay station(String id) {
        this.station = id;
        this.setup = null;
        return this;
    }

    /** The program to replay, e.g. a volunteer's changed copy. */
    public Replay program(Path file) {
        this.program = file;
        return this;
    }

    /** The stations.yaml with the station's settings. */
    public Replay config(Path stationsYaml) {
        this.config = stationsYaml;
        this.setup = null;
        return this;
    }

    /** Script engines to share between replays (they take a moment to start); closed by the caller. */
    public Replay engines(ProgramEngines shared) {
        this.engines = shared;
        return this;
    }

    /** Seed for the uuids the replayed program makes: the same seed, the same run. */
    public Replay seed(long s) {
        this.seed = s;
        return this;
    }

    /** {@code REALTIME} paces the replay like the session it recorded; {@code MAX} (the default) runs it at once. */
    public Replay speed(ReplaySpeed s) {
        this.speed = s;
        return this;
    }

    /** Replays only what was recorded up to this moment. */
    public Replay until(Instant t) {
        this.until = t;
        return this;
    }

    /** Replays the log's session {@code n} (1, 2, … as {@link #sessions()} lists them). */
    public Replay session(int n) {
        this.session = n;
        return this;
    }

    /** Replays the session that was on air at {@code t}. */
    public Replay from(Instant t) {
        this.from = t;
        return this;
    }

    /**
     * The station's sessions in the log: it is split at each program load (a run of the host, a
     * swap, a schedule slot); a live reload stays in its session.
     */
    public List<Session> sessions() throws IOException {
        Setup s = setup();
        return Sessions.of(s.records);
    }

    /**
     * The session a replay replays: the one asked for ({@link #session}, {@link #from}), else the
     * last one the program ran in (the one given, else the station's in stations.yaml), else the last.
     */
    public Session chosenSession() throws IOException, ConfigException {
        Setup s = setup();
        List<Session> all = Sessions.of(s.records);
        if (session != null) {
            if (session < 1 || session > all.size()) {
                throw new IllegalArgumentException(log + " has " + all.size() + " session(s) of station " + s.id + ": choose 1 to " + all.size());
            }
            return all.get(session - 1);
        }
        if (from != null) {
            Session at = Sessions.at(all, from);
            if (at == null) throw new IllegalArgumentException("no session of station " + s.id + " in " + log + " at " + from + ": the first begins at " + all.get(0).start());
            return at;
        }
        String file = program != null ? program.getFileName().toString() : s.config().station(s.id) == null ? null : s.config().station(s.id).program();
        Session ran = file == null ? null : Sessions.lastOf(all, file);
        return ran != null ? ran : all.get(all.size() - 1);
    }

    /** The log's records and the station chosen in it. */
    private record Setup(Path log, List<Map<String, Object>> records, String id, Path yaml) {
        HostConfig config() throws ConfigException {
            if (yaml == null) {
                throw new IllegalArgumentException("no stations.yaml in " + log.toAbsolutePath().getParent() + " or above it: give one with config(…) / --config");
            }
            return ConfigLoader.load(yaml);
        }
    }

    private Setup setup;

    private Setup setup() throws IOException {
        if (setup != null) return setup;
        if (!Files.exists(log)) throw new IllegalArgumentException("no event log at " + log);
        List<Map<String, Object>> all = EventLogReader.read(log);
        List<String> stations = all.stream().map(r -> (String) r.get("st")).distinct().toList();
        String id = station != null ? station : stations.size() == 1 ? stations.get(0) : null;
        if (id == null) {
            throw new IllegalArgumentException(stations.isEmpty() ? log + " has no records"
                    : log + " has stations " + stations + ": choose one with station(…) / --station");
        }
        List<Map<String, Object>> records = all.stream().filter(r -> id.equals(r.get("st"))).toList();
        if (records.isEmpty()) throw new IllegalArgumentException(log + " has no records of station " + id + " (it has " + stations + ")");
        setup = new Setup(log, records, id, config != null ? config : findConfig(log));
        return setup;
    }

    /** The nearest stations.yaml in the log's folder or above it, or null. */
    public static Path findConfig(Path log) {
        Path start = Files.isDirectory(log) ? log : log.toAbsolutePath().getParent();
        for (Path p = start == null ? null : start.toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("stations.yaml");
            if (Files.isRegularFile(c)) return c;
        }
        return null;
    }

    /**
     * Feeds the recorded inputs to the program on a virtual clock and compares the commands it
     * sends with the recorded ones. A setup problem (no such log, station or program; a broken
     * stations.yaml; a program that does not compile) is an exception, not a divergence.
     */
    public ReplayResult strict() throws IOException, ConfigException, ProgramCompileException, InterruptedException {
        return run(false);
    }

    /**
     * Replays only the recorded outside world (calls, keys, hang-ups, texts, messages) on the
     * simulated switch and lets the program do what it now does; ok when it ran without errors and
     * did what the recorded show did (calls answered then are answered, recorded states reached:
     * docs/eventlog.md), else {@link ReplayResult#failure()} says why.
     */
    public ReplayResult stimulus() throws IOException, ConfigException, ProgramCompileException, InterruptedException {
        return run(true);
    }

    private ReplayResult run(boolean stimulus) throws IOException, ConfigException, ProgramCompileException, InterruptedException {
        Setup s = setup();
        HostConfig host = s.config();
        StationConfig sc = host.station(s.id);
        if (sc == null) {
            throw new IllegalArgumentException("station '" + s.id + "' of " + log + " is not in " + s.yaml);
        }
        List<Map<String, Object>> records = chosenSession().records();
        Path file = program != null ? program : host.programsDir().resolve(recordedProgram(records, sc));
        ProgramEngines own = engines == null ? new ProgramEngines() : null;
        try {
            ScriptProgramLoader loader = new ScriptProgramLoader(engines == null ? own : engines);
            if (stimulus) {
                return new StimulusReplay(sc, loader.load(file), host.mediaDir(), host.dataDir().resolve("recordings"), host.simDialplan())
                        .seed(seed).speed(speed).run(records, until);
            }
            return new StrictReplay(sc, loader.load(file), host.mediaDir(), host.dataDir().resolve("recordings"))
                    .seed(seed).speed(speed).run(records, until);
        } finally {
            if (own != null) own.close();
        }
    }

    /** {@code strict().assertMatches()}: fails with the divergence and the timeline unless the program does what the recording says. */
    public ReplayResult assertMatches() throws IOException, ConfigException, ProgramCompileException, InterruptedException {
        return strict().assertMatches();
    }

    private static String recordedProgram(List<Map<String, Object>> records, StationConfig sc) {
        return records.stream().filter(r -> "load".equals(r.get("k")))
                .map(r -> (String) r.get("program")).findFirst().orElse(sc.program());
    }
}
