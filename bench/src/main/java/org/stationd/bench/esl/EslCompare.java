package org.stationd.bench.esl;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ESL decoding side by side: stationd's client, the two Java peers and a framing-only reader,
 * each in a fresh JVM with the same flags, reading the same plain-event stream (see
 * {@link EslStream}) from a loopback socket. Rounds are interleaved (every client once per round,
 * the order rotated); each figure is the median over the rounds with the min–max spread. Every
 * client's events are checked against {@link Reference} (the framing-only reader only counts).
 *
 * <p>Options: {@code --rounds N} (5), {@code --warmup-passes N} (2), {@code --passes N} (8,
 * measured), {@code --clients a,b} (all), {@code --xmx SIZE} (1g, every client's maximum heap),
 * {@code --jfr DIR} (a JFR recording per JVM, settings {@code profile} or the system property {@code esl.compare.jfc}), {@code --baseline DIR}
 * (also runs stationd's client with the libraries of another build, DIR/lib/*, e.g. from before a change, as
 * {@value #BASELINE}).
 */
public final class EslCompare {
    static final List<String> CLIENTS = List.of("stationd", "freeswitch-esl-client", "thingscloud", "framing-only");
    /** The Java peers stationd's client is measured against. */
    public static final List<String> PEERS = List.of("freeswitch-esl-client", "thingscloud");
    static final List<String> JVM_FLAGS = List.of("-Xms64m", "-XX:+UseG1GC", "-Xss1m",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

    /** One JVM's figures; {@code eventsPerCpuSecond} divides by the process's CPU time, which a busy machine disturbs less. */
    record Run(double eventsPerSecond, double eventsPerCpuSecond, double peakHeapMb, long dropped, String check) {}

    /** The label of stationd's client run with {@code --baseline DIR}'s libraries. */
    static final String BASELINE = "stationd-baseline";

    /** One client's figures over the rounds: medians, min–max, the largest peak heap, drops and failed checks. */
    public record Summary(String client, int runs, double medianEventsPerSecond, double minEventsPerSecond, double maxEventsPerSecond,
                          double medianEventsPerCpuSecond, double minEventsPerCpuSecond, double maxEventsPerCpuSecond,
                          double peakHeapMb, long dropped, int failedChecks, String check) {
        /** (max − min) / median of events/s. */
        public double spread() {
            return (maxEventsPerSecond - minEventsPerSecond) / medianEventsPerSecond;
        }

        static Summary of(String client, List<Run> list) {
            double[] wall = sorted(list, Run::eventsPerSecond);
            double[] cpu = sorted(list, Run::eventsPerCpuSecond);
            List<String> failed = list.stream().map(Run::check).filter(c -> !c.equals("ok") && !c.startsWith("(")).toList();
            String check = failed.isEmpty() ? list.getFirst().check() : failed.size() + " of " + list.size() + " runs failed, e.g. " + failed.getFirst();
            return new Summary(client, list.size(), median(wall), wall[0], wall[wall.length - 1], median(cpu), cpu[0], cpu[cpu.length - 1],
                    list.stream().mapToDouble(Run::peakHeapMb).max().orElse(0), list.stream().mapToLong(Run::dropped).sum(), failed.size(), check);
        }
    }

    /** A whole comparison: each client's figures and how they were taken. */
    public record Comparison(Map<String, Summary> clients, int eventsPerPass, int rounds, int warmupPasses, int passes, List<String> jvmFlags) {}

    public static void main(String[] args) throws Exception {
        compare(options(args));
    }

    /** Runs the comparison with these options (as on the command line, without the dashes), prints it, and returns the figures. */
    public static Comparison compare(Map<String, String> opt) throws Exception {
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "5"));
        int warmupPasses = Integer.parseInt(opt.getOrDefault("warmup-passes", "2"));
        int passes = Integer.parseInt(opt.getOrDefault("passes", "8"));
        List<String> clients = new ArrayList<>(opt.containsKey("clients") ? Arrays.asList(opt.get("clients").split(",")) : CLIENTS);
        String baseline = null;
        if (opt.containsKey("baseline")) {
            Path dir = Path.of(opt.get("baseline"));
            // this benchmark's own classes, the other build's libraries (its stationd-esl among them)
            Path self = Path.of(EslCompare.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            baseline = self + java.io.File.pathSeparator + dir.resolve("lib") + java.io.File.separator + "*";
            clients.add(1, BASELINE);
        }
        List<String> jvmFlags = new ArrayList<>(JVM_FLAGS);
        jvmFlags.addFirst("-Xmx" + opt.getOrDefault("xmx", "1g"));
        Path jfr = opt.containsKey("jfr") ? Files.createDirectories(Path.of(opt.get("jfr"))) : null;

        EslStream stream = EslStream.fromCaptures();
        int perPass = stream.eventsPerPass();
        long warmup = (long) perPass * warmupPasses;
        long total = (long) perPass * (warmupPasses + passes);
        List<byte[]> chunks = stream.chunks(1, 256 * 1024);
        List<String> expected = Reference.expected(stream, warmupPasses + passes);
        System.out.printf(Locale.ROOT, "stream: captures %s, %,d plain events (%,.1f MB) per pass; per JVM %d warm-up passes (%,d events), "
                        + "then %d measured passes (%,d events); %d rounds, interleaved; JVM flags %s%n",
                EslStream.CAPTURES, perPass, stream.bytesPerPass() / 1e6, warmupPasses, warmup, passes, total - warmup, rounds, jvmFlags);

        Map<String, List<Run>> runs = new LinkedHashMap<>();
        clients.forEach(c -> runs.put(c, new ArrayList<>()));
        Path checkFile = Files.createTempFile("esl-check", ".txt");
        // one logging set-up for every client (logback unconfigured logs DEBUG to the console): WARN and up
        Path logback = Files.createTempFile("esl-compare-logback", ".xml");
        Files.writeString(logback, "<configuration><appender name=\"err\" class=\"ch.qos.logback.core.ConsoleAppender\"><target>System.err</target>"
                + "<encoder><pattern>%level %logger{20} %msg%n</pattern></encoder></appender><root level=\"WARN\"><appender-ref ref=\"err\"/></root></configuration>");
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < clients.size(); i++) {
                String client = clients.get((i + round) % clients.size());
                Run run = runOne(client, client.equals(BASELINE) ? baseline : System.getProperty("java.class.path"),
                        jvmFlags, chunks, warmupPasses + passes, warmup, total, checkFile, expected, logback,
                        jfr == null ? null : jfr.resolve(client + "-" + (round + 1) + ".jfr"));
                runs.get(client).add(run);
                System.out.printf(Locale.ROOT, "  round %d %-22s %,10.0f events/s %,10.0f events/CPU-s  peak heap %6.1f MB  dropped %d  check %s%n",
                        round + 1, client, run.eventsPerSecond, run.eventsPerCpuSecond, run.peakHeapMb, run.dropped, run.check);
            }
        }
        Files.deleteIfExists(checkFile);
        Files.deleteIfExists(logback);
        Map<String, Summary> summaries = new LinkedHashMap<>();
        runs.forEach((client, list) -> summaries.put(client, Summary.of(client, list)));
        print(summaries, rounds, warmupPasses, passes);
        return new Comparison(summaries, perPass, rounds, warmupPasses, passes, List.copyOf(jvmFlags));
    }

    private static Run runOne(String client, String classpath, List<String> jvmFlags, List<byte[]> chunks, int passes,
                              long warmup, long total, Path checkFile,
                              List<String> expected, Path logback, Path jfr) throws Exception {
        try (StreamServer server = new StreamServer(chunks, passes)) {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(jvmFlags);
            cmd.add("-Dlogback.configurationFile=" + logback);
            if (jfr != null) {
                cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=" + System.getProperty("esl.compare.jfc", "profile"));
            }
            cmd.addAll(List.of("-cp", classpath, DecodeRun.class.getName(),
                    client.equals(BASELINE) ? "stationd" : client, String.valueOf(server.port()), String.valueOf(warmup), String.valueOf(total), checkFile.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String result = null;
            List<String> output = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("RESULT ")) {
                        result = line;
                    } else if (output.size() < 20) {
                        output.add(line);
                    }
                }
            }
            p.waitFor();
            if (result == null) {
                throw new IllegalStateException(client + " printed no result; its output:\n" + String.join("\n", output));
            }
            String[] f = result.split(" ");
            long events = Long.parseLong(f[2]);
            double eventsPerSecond = events / Double.parseDouble(f[3]);
            double eventsPerCpuSecond = events / Double.parseDouble(f[6]);
            String check = client.equals("framing-only") ? "(counts only)" : Check.compare(expected, Files.readAllLines(checkFile));
            return new Run(eventsPerSecond, eventsPerCpuSecond, Double.parseDouble(f[4]), Long.parseLong(f[5]), check);
        }
    }

    private static void print(Map<String, Summary> summaries, int rounds, int warmupPasses, int passes) {
        System.out.printf(Locale.ROOT, "%nESL decode: median of %d rounds (each a fresh JVM: %d warm-up passes, then %d measured), min–max; "
                + "events/CPU-s = events per second of the client process's CPU time (all its threads)%n", rounds, warmupPasses, passes);
        System.out.printf(Locale.ROOT, "%-20s %10s %23s %7s %12s %23s %9s %7s  %s%n", "client", "events/s", "min–max", "spread",
                "events/CPU-s", "min–max", "peak heap", "dropped", "check");
        summaries.forEach((client, s) -> System.out.printf(Locale.ROOT, "%-20s %,10.0f %,11.0f–%,-11.0f %6.0f%% %,12.0f %,11.0f–%,-11.0f %6.1f MB %7d  %s%n",
                client, s.medianEventsPerSecond(), s.minEventsPerSecond(), s.maxEventsPerSecond(), 100 * s.spread(),
                s.medianEventsPerCpuSecond(), s.minEventsPerCpuSecond(), s.maxEventsPerCpuSecond(), s.peakHeapMb(), s.dropped(), s.check()));
        Summary own = summaries.get("stationd");
        if (own != null) {
            for (int k = 0; k < 2; k++) {
                boolean wall = k == 0;
                java.util.function.ToDoubleFunction<Summary> figure = wall ? Summary::medianEventsPerSecond : Summary::medianEventsPerCpuSecond;
                double peer = fasterPeer(summaries, figure);
                StringBuilder line = new StringBuilder("stationd, " + (wall ? "events/s" : "events/CPU-s") + ":");
                if (peer > 0) {
                    line.append(String.format(Locale.ROOT, " %.2f× the faster peer", figure.applyAsDouble(own) / peer));
                }
                if (summaries.containsKey("framing-only")) {
                    line.append(String.format(Locale.ROOT, ", %.0f%% of framing-only", 100 * figure.applyAsDouble(own) / figure.applyAsDouble(summaries.get("framing-only"))));
                }
                if (summaries.containsKey(BASELINE)) {
                    line.append(String.format(Locale.ROOT, ", %.2f× the baseline", figure.applyAsDouble(own) / figure.applyAsDouble(summaries.get(BASELINE))));
                }
                System.out.println(line);
            }
        }
    }

    /** The peers' larger figure, 0 when no peer ran. */
    public static double fasterPeer(Map<String, Summary> summaries, java.util.function.ToDoubleFunction<Summary> figure) {
        return PEERS.stream().filter(summaries::containsKey).mapToDouble(p -> figure.applyAsDouble(summaries.get(p))).max().orElse(0);
    }

    private static double[] sorted(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure) {
        return runs.stream().mapToDouble(figure).sorted().toArray();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return m;
    }
}
