package org.stationd.bench.soak;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.stationd.api.ProgramError;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.esl.sim.media.Wav;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.host.StationHost;
import org.stationd.host.SwitchConnection;
import org.stationd.script.ProgramEngines;
import org.stationd.station.StationContext;
import org.stationd.station.StationListener;
import org.stationd.testing.Show;

/**
 * Soak: the shipped stations (a copy of the checkout's stations.yaml, sim.yaml and programs/, with
 * silent media of the right names) on the embedded simulated switch, on the real clock, while
 * hostile programs ({@link Hostile}) are swapped in and out on some stations through
 * {@link StationHost#swap}, each time back to the station's own program. Prints figures; asserts
 * nothing.
 *
 * <p>A station is counted off air when, while it runs its own program, for longer than a 10 s grace
 * (counted from the swap back at the earliest): its state is null, quarantined or off-air, or
 * another program runs, or (for a station whose transmitter was up after the warm-up) its
 * transmitter call is not answered, or it does not answer a status read within a second.
 *
 * <pre>
 * java -Xmx1g -cp bench/target/stationd-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/* org.stationd.bench.soak.Soak  [--minutes 30] [--every 5] [--kinds loop,sleep,...]
 * </pre>
 */
public final class Soak {
    private static final Duration WARM_UP = Duration.ofSeconds(20);
    private static final Duration GRACE = Duration.ofSeconds(10);
    /** Stations that get hostile programs; the others only run their own. */
    private static final List<String> TARGETS = List.of("kampala", "gulu", "lira");

    private final Duration length;
    private final Duration every;
    private final Map<String, Long> hostileStops = new ConcurrentHashMap<>();     // program/kind → count
    private final Map<String, String> hostileFirst = new ConcurrentHashMap<>();   // program/kind → its first message
    private final Map<String, Long> wronglyStopped = new ConcurrentHashMap<>();   // station/program/kind → count
    private final List<String> wrongExamples = new CopyOnWriteArrayList<>();
    private final Map<String, Long> otherErrors = new ConcurrentHashMap<>();      // station/program → ordinary errors of own programs
    private final List<String> otherExamples = new CopyOnWriteArrayList<>();
    private final Map<String, Long> quarantines = new ConcurrentHashMap<>();      // station/program → count
    private final AtomicLong swaps = new AtomicLong();
    private final AtomicLong swapRefusals = new AtomicLong();
    private final Map<String, OnAir> onAir = new LinkedHashMap<>();

    /** Kinds of attack to swap in ({@link Hostile}), or null for {@link Hostile#DEFAULT_KINDS}. */
    private final List<String> kinds;

    Soak(Duration length, Duration every, List<String> kinds) {
        this.length = length;
        this.every = every;
        this.kinds = kinds;
    }

    public static void main(String[] args) throws Exception {
        double minutes = 30;
        double everySeconds = 5;
        List<String> kinds = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--minutes" -> minutes = Double.parseDouble(args[++i]);
                case "--every" -> everySeconds = Double.parseDouble(args[++i]);
                case "--kinds" -> kinds = List.of(args[++i].split(","));
                default -> {
                    System.err.println("usage: Soak [--minutes 30] [--every 5] [--kinds loop,sleep,alloc,hoard,stubborn,escape]   (unknown: " + args[i] + ")");
                    System.exit(2);
                }
            }
        }
        try {
            new Soak(Duration.ofMillis((long) (minutes * 60_000)), Duration.ofMillis((long) (everySeconds * 1000)), kinds).run();
        } catch (Throwable t) {
            // e.g. the host ran out of memory: say so and end, rather than hang on the host's threads
            System.out.println("soak failed: " + t);
            System.exit(1);
        }
        System.exit(0);   // the host's pools are closed; don't wait for stray daemon-less threads of the engines
    }

    void run() throws Exception {
        Path dir = Files.createTempDirectory("stationd-soak");
        List<String> hostile = prepare(Show.home(), dir).stream()
                .filter(f -> (kinds == null ? Hostile.DEFAULT_KINDS : kinds).stream().anyMatch(k -> f.startsWith(Hostile.PREFIX + k + "."))).toList();
        if (hostile.isEmpty()) throw new IllegalArgumentException("no hostile programs of kinds " + kinds);
        HostConfig config = ConfigLoader.load(dir.resolve("stations.yaml"));
        Map<String, String> own = new LinkedHashMap<>();
        config.stations().forEach(s -> own.put(s.id(), s.program()));
        System.out.printf("soak: %d stations %s from %s, hostile programs swapped on %s every %d s, for %s%n  hostile: %s%n",
                own.size(), own.keySet(), dir, TARGETS, every.toSeconds(), length, hostile);
        ProgramEngines engines = new ProgramEngines();
        SwitchConnection link = SwitchConnection.open(config.switchConfig(), config.simDialplan(), config.stations().get(0).timezone());
        StationHost host = new StationHost(config, new ScriptProgramLoader(engines), link.client(), null, List.of(listener()));
        try {
            own.keySet().forEach(id -> onAir.put(id, new OnAir(id, own.get(id))));
            sleepWatching(host, WARM_UP);
            onAir.values().forEach(OnAir::learnTransmitter);
            Figures start = Figures.now();
            System.out.printf("after the %d s warm-up: transmitters up on %s; heap %s, %d threads%n", WARM_UP.toSeconds(),
                    onAir.values().stream().filter(o -> o.hasTransmitter).map(o -> o.id).toList(), mb(start.heap), start.threads);

            long t0 = System.nanoTime();
            long nextSwap = t0;
            long nextReport = t0 + 60_000_000_000L;
            int turn = 0;
            int nextHostile = 0;
            while (System.nanoTime() - t0 < length.toNanos()) {
                if (System.nanoTime() >= nextSwap) {
                    String st = TARGETS.get(turn++ % TARGETS.size());
                    OnAir o = onAir.get(st);
                    String program = o.hostile ? o.own : hostile.get(nextHostile++ % hostile.size());
                    swap(host, o, program);
                    nextSwap += every.toNanos();
                }
                if (System.nanoTime() >= nextReport) {
                    nextReport += 60_000_000_000L;
                    System.out.printf("  %3d min: %d swaps, %d hostile stops, %d off-air episodes, %d wrongly stopped, heap in use %s, %d threads%n",
                            (System.nanoTime() - t0) / 60_000_000_000L, swaps.get(), sum(hostileStops), offAirEpisodes(), sum(wronglyStopped),
                            mb(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()),
                            ManagementFactory.getThreadMXBean().getThreadCount());
                }
                watch(host);
                Thread.sleep(500);
            }
            for (OnAir o : onAir.values()) {
                if (o.hostile) swap(host, o, o.own);
            }
            sleepWatching(host, WARM_UP);   // every station back on its own program, watched as before
            Figures end = Figures.now();
            report(start, end);
        } finally {
            host.close();
            link.close();
            engines.close();
        }
    }

    /** Copies the shipped stations into {@code dir} with silent media and the hostile programs; loopback control on free ports. */
    private static List<String> prepare(Path home, Path dir) throws Exception {
        Path programs = dir.resolve("programs");
        try (Stream<Path> files = Files.walk(home.resolve("programs"))) {
            for (Path f : files.toList()) {
                Path to = programs.resolve(home.resolve("programs").relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to); else Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(home.resolve("sim.yaml"), dir.resolve("sim.yaml"));
        String yaml = Files.readString(home.resolve("stations.yaml"));
        if (!yaml.contains("\nstations:\n")) throw new IllegalStateException("stations.yaml has no 'stations:' at the start of a line");
        Files.writeString(dir.resolve("stations.yaml"), yaml.replace("\nstations:\n",
                "\ncontrol:\n  control: tcp://127.0.0.1:*\n  publish: tcp://127.0.0.1:*\nstations:\n"));
        Path media = programs.resolve("media");
        Files.createDirectories(media);
        // the media the shipped stations name; the news report outlasts the soak, so the relay never ends on its own
        Map<String, Long> seconds = Map.of("jingle.wav", 3L, "stories-1.wav", 40L, "stories-2.wav", 40L, "stories-3.wav", 40L,
                "ad-market.wav", 10L, "music-1.wav", 60L, "music-2.wav", 60L, "news.wav", 4 * 3600L);
        for (var m : seconds.entrySet()) {
            if (!Files.exists(media.resolve(m.getKey()))) Wav.writeSilence(media.resolve(m.getKey()), m.getValue() * 1000);
        }
        return Hostile.writeAll(programs);
    }

    private void swap(StationHost host, OnAir o, String program) {
        try {
            host.swap(o.id, program);
            swaps.incrementAndGet();
            o.swapped(program);
        } catch (IllegalArgumentException e) {
            swapRefusals.incrementAndGet();   // refused when compiled: the station keeps what it runs
            if (!Hostile.isHostile(program)) {
                System.out.printf("  cannot swap %s back to %s: %s%n", o.id, program, e.getMessage());
            }
        }
    }

    private StationListener listener() {
        return new StationListener() {
            @Override
            public void programError(String station, String program, ProgramError e) {
                if (Hostile.isHostile(program)) {
                    String key = program + " " + Hostile.stopKind(e);
                    hostileStops.merge(key, 1L, Long::sum);
                    hostileFirst.putIfAbsent(key, (e.location() == null ? "" : e.location() + ": ") + e.message());
                } else if (Hostile.isLimitStop(e)) {
                    wronglyStopped.merge(station + " " + program + " " + Hostile.stopKind(e), 1L, Long::sum);
                    if (wrongExamples.size() < 10) wrongExamples.add(station + " " + program + " " + e);
                } else {
                    otherErrors.merge(station + " " + program, 1L, Long::sum);
                    if (otherExamples.size() < 10) otherExamples.add(station + " " + program + " " + e);
                }
            }

            @Override
            public void stateChanged(String station, String program, String from, String to) {
                if ("quarantined".equals(to)) quarantines.merge(station + " " + program, 1L, Long::sum);
            }
        };
    }

    private void sleepWatching(StationHost host, Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            watch(host);
            Thread.sleep(500);
        }
    }

    private void watch(StationHost host) throws InterruptedException {
        for (OnAir o : onAir.values()) {
            StationContext s = host.station(o.id);
            o.observe(s == null ? null : Sample.read(s));
        }
    }

    private long offAirEpisodes() {
        return onAir.values().stream().mapToLong(o -> o.episodes).sum();
    }

    private void report(Figures start, Figures end) {
        System.out.println();
        System.out.printf("soak report (%s of hostile swaps, every %d s, on %s)%n", length, every.toSeconds(), TARGETS);
        System.out.printf("swaps done: %d (refused when compiled: %d)%n", swaps.get(), swapRefusals.get());
        System.out.printf("stations that went off air while running their own program: %d%n",
                onAir.values().stream().filter(o -> o.episodes > 0).count());
        for (OnAir o : onAir.values()) {
            System.out.printf("  %-8s %-18s transmitter watched: %-3s off-air episodes: %d, longest %.1f s%n",
                    o.id, o.own, o.hasTransmitter ? "yes" : "no", o.episodes, o.longestNanos / 1e9);
        }
        System.out.printf("handlers of the stations' own programs wrongly stopped: %d%n", sum(wronglyStopped));
        print(wronglyStopped);
        wrongExamples.forEach(x -> System.out.println("    e.g. " + x));
        System.out.printf("other errors of the stations' own programs (not limit stops): %d%n", sum(otherErrors));
        print(otherErrors);
        otherExamples.forEach(x -> System.out.println("    e.g. " + x));
        System.out.printf("hostile handlers stopped or refused: %d%n", sum(hostileStops));
        new TreeMap<>(hostileStops).forEach((k, v) -> System.out.printf("  %-40s %d   first: %s%n", k, v, shorten(hostileFirst.get(k))));
        System.out.printf("quarantines: %d%n", sum(quarantines));
        print(quarantines);
        System.out.printf("heap in use after GC: start %s, end %s (max heap %s)%n", mb(start.heap), mb(end.heap),
                mb(Runtime.getRuntime().maxMemory()));
        System.out.printf("threads: start %d, end %d%n", start.threads, end.threads);
    }

    private static void print(Map<String, Long> counts) {
        new TreeMap<>(counts).forEach((k, v) -> System.out.printf("  %-40s %d%n", k, v));
    }

    private static String shorten(String m) {
        return m == null || m.length() <= 110 ? m : m.substring(0, 107) + "...";
    }

    private static long sum(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1048576.0);
    }

    /** Heap in use after a full collection, and live threads. */
    private record Figures(long heap, int threads) {
        static Figures now() throws InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            return new Figures(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                    ManagementFactory.getThreadMXBean().getThreadCount());
        }
    }

    /** What a station runs, read on its own thread (null fields when it did not answer in time). */
    record Sample(boolean answered, String program, String state, boolean transmitterUp) {
        static Sample read(StationContext s) throws InterruptedException {
            Sample[] out = new Sample[1];
            java.util.concurrent.CountDownLatch read = new java.util.concurrent.CountDownLatch(1);
            s.submit(() -> {
                var tx = s.station().getTransmitter();
                out[0] = new Sample(true, s.programName(), s.state(),
                        tx instanceof org.stationd.call.CallLeg leg && leg.isAnswered());
                read.countDown();
            });
            return read.await(1, java.util.concurrent.TimeUnit.SECONDS) ? out[0] : new Sample(false, null, null, false);
        }
    }

    /** One station's on-air record. */
    final class OnAir {
        final String id;
        final String own;
        volatile boolean hostile;
        boolean hasTransmitter;
        private boolean seenTransmitter;
        private long badSince;
        private boolean counted;
        long episodes;
        long longestNanos;

        OnAir(String id, String own) {
            this.id = id;
            this.own = own;
        }

        void learnTransmitter() {
            hasTransmitter = seenTransmitter;
        }

        void swapped(String program) {
            hostile = Hostile.isHostile(program);
            endBad();
        }

        void observe(Sample s) {
            long now = System.nanoTime();
            if (hostile) {
                return;
            }
            if (s != null && s.transmitterUp) seenTransmitter = true;
            boolean bad = s == null || !s.answered || !own.equals(s.program) || s.state == null
                    || "quarantined".equals(s.state) || "off-air".equals(s.state) || (hasTransmitter && !s.transmitterUp);
            if (!bad) {
                endBad();
                return;
            }
            if (badSince == 0) badSince = now;
            if (now - badSince > GRACE.toNanos() && !counted) {
                counted = true;
                episodes++;
                System.out.printf("  OFF AIR: %s running %s: %s%n", id, own, s == null ? "no station" : s);
            }
            longestNanos = Math.max(longestNanos, now - badSince);
        }

        private void endBad() {
            badSince = 0;
            counted = false;
        }
    }
}
