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
 * measured), {@code --clients a,b} (all), {@code --jfr DIR} (a JFR recording per JVM).
 */
public final class EslCompare {
    static final List<String> CLIENTS = List.of("stationd", "freeswitch-esl-client", "thingscloud", "framing-only");
    static final List<String> JVM_FLAGS = List.of("-Xmx1g", "-Xms64m", "-XX:+UseG1GC", "-Xss1m",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

    record Run(double eventsPerSecond, double peakHeapMb, long dropped, String check) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "5"));
        int warmupPasses = Integer.parseInt(opt.getOrDefault("warmup-passes", "2"));
        int passes = Integer.parseInt(opt.getOrDefault("passes", "8"));
        List<String> clients = opt.containsKey("clients") ? Arrays.asList(opt.get("clients").split(",")) : CLIENTS;
        Path jfr = opt.containsKey("jfr") ? Files.createDirectories(Path.of(opt.get("jfr"))) : null;

        EslStream stream = EslStream.fromCaptures();
        int perPass = stream.eventsPerPass();
        long warmup = (long) perPass * warmupPasses;
        long total = (long) perPass * (warmupPasses + passes);
        List<byte[]> chunks = stream.chunks(1, 256 * 1024);
        List<String> expected = Reference.expected(stream, warmupPasses + passes);
        System.out.printf(Locale.ROOT, "stream: captures %s, %,d plain events (%,.1f MB) per pass; per JVM %d warm-up passes (%,d events), "
                        + "then %d measured passes (%,d events); %d rounds, interleaved; JVM flags %s%n",
                EslStream.CAPTURES, perPass, stream.bytesPerPass() / 1e6, warmupPasses, warmup, passes, total - warmup, rounds, JVM_FLAGS);

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
                Run run = runOne(client, chunks, warmupPasses + passes, warmup, total, checkFile, expected, logback,
                        jfr == null ? null : jfr.resolve(client + "-" + (round + 1) + ".jfr"));
                runs.get(client).add(run);
                System.out.printf(Locale.ROOT, "  round %d %-22s %,10.0f events/s  peak heap %6.1f MB  dropped %d  check %s%n",
                        round + 1, client, run.eventsPerSecond, run.peakHeapMb, run.dropped, run.check);
            }
        }
        Files.deleteIfExists(checkFile);
        Files.deleteIfExists(logback);
        print(runs, rounds, warmupPasses, passes);
    }

    private static Run runOne(String client, List<byte[]> chunks, int passes, long warmup, long total, Path checkFile,
                              List<String> expected, Path logback, Path jfr) throws Exception {
        try (StreamServer server = new StreamServer(chunks, passes)) {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(JVM_FLAGS);
            cmd.add("-Dlogback.configurationFile=" + logback);
            if (jfr != null) {
                cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DecodeRun.class.getName(),
                    client, String.valueOf(server.port()), String.valueOf(warmup), String.valueOf(total), checkFile.toString()));
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
            double eventsPerSecond = Long.parseLong(f[2]) / Double.parseDouble(f[3]);
            String check = client.equals("framing-only") ? "(counts only)" : Check.compare(expected, Files.readAllLines(checkFile));
            return new Run(eventsPerSecond, Double.parseDouble(f[4]), Long.parseLong(f[5]), check);
        }
    }

    private static void print(Map<String, List<Run>> runs, int rounds, int warmupPasses, int passes) {
        System.out.printf(Locale.ROOT, "%nESL decode, events/s: median of %d rounds (each a fresh JVM: %d warm-up passes, then %d measured), min–max%n",
                rounds, warmupPasses, passes);
        System.out.printf(Locale.ROOT, "%-22s %12s %25s %8s %14s %8s  %s%n", "client", "median", "min–max", "spread", "peak heap MB", "dropped", "check");
        Map<String, Double> medians = new LinkedHashMap<>();
        runs.forEach((client, list) -> {
            double[] r = list.stream().mapToDouble(Run::eventsPerSecond).sorted().toArray();
            double median = r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
            medians.put(client, median);
            double heap = list.stream().mapToDouble(Run::peakHeapMb).max().orElse(0);
            long dropped = list.stream().mapToLong(Run::dropped).sum();
            String checks = String.join("; ", list.stream().map(Run::check).distinct().toList());
            System.out.printf(Locale.ROOT, "%-22s %,12.0f %,12.0f–%,-12.0f %7.1f%% %14.1f %8d  %s%n", client, median, r[0], r[r.length - 1],
                    100 * (r[r.length - 1] - r[0]) / median, heap, dropped, checks);
        });
        Double own = medians.get("stationd");
        if (own != null) {
            double peer = Math.max(medians.getOrDefault("freeswitch-esl-client", 0.0), medians.getOrDefault("thingscloud", 0.0));
            if (peer > 0) {
                System.out.printf(Locale.ROOT, "stationd / faster peer: %.2f×%n", own / peer);
            }
            Double framing = medians.get("framing-only");
            if (framing != null) {
                System.out.printf(Locale.ROOT, "stationd / framing-only: %.0f%%%n", 100 * own / framing);
            }
        }
    }

    private static Map<String, String> options(String[] args) {
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
