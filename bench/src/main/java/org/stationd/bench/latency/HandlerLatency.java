package org.stationd.bench.latency;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.stationd.bench.esl.StreamServer;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.host.StationHost;
import org.stationd.script.ProgramEngines;
import org.stationd.station.StationTap;

/**
 * Socket-to-station latency: the real host ({@link StationHost}, the real ESL client over TCP) with
 * N stations, fed by a loopback Event Socket server ({@link StreamServer}) that sends channel events
 * at a fixed rate, spread round-robin over one call owned by each station. Each event carries the
 * {@code System.nanoTime()} taken just before its bytes were written (same JVM); the latency is
 * taken where the station's thread takes the event in: its input tap, which
 * {@code StationContext.onEsl} calls before any handler. So it runs from the write (a little before
 * the bytes arrive) to just before the handler starts; the handler itself is not timed. The calls
 * are claimed in the router and have no call leg, so no program handler runs. Also counted:
 * events received, and events a station received out of their sending order.
 */
public final class HandlerLatency {
    /** The figures of one run: percentiles in microseconds over the measured events. */
    public record Result(int stations, int rate, double warmupSeconds, double seconds, long sent, long measured,
                         double p50Micros, double p99Micros, double p999Micros, double maxMicros, long reordered, long missing,
                         long eventLogDropped) {}

    static final String PROGRAM = """
            program {
                apiVersion 1
                state('idle') {
                    on.timer { e -> }
                }
            }
            """;

    public static void main(String[] args) throws Exception {
        System.out.println(run(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Double.parseDouble(args[2]), Double.parseDouble(args[3])));
        System.exit(0);
    }

    public static Result run(int stations, int rate, double warmupSeconds, double seconds) throws Exception {
        Path dir = Files.createTempDirectory("stationd-latency");
        write(dir, stations);
        HostConfig config = ConfigLoader.load(dir.resolve("stations.yaml"));
        long warmupEvents = (long) (rate * warmupSeconds);
        long total = warmupEvents + (long) (rate * seconds);
        long[] latencies = new long[(int) (total - warmupEvents)];
        AtomicInteger measured = new AtomicInteger();
        AtomicLong received = new AtomicLong();
        AtomicLong reordered = new AtomicLong();
        AtomicLongArray lastSeq = new AtomicLongArray(stations + 1);
        StationTap tap = (station, version, state, dirn, kind, fields) -> {
            if (!"in".equals(dirn) || !"esl".equals(kind)) return;
            long now = System.nanoTime();
            @SuppressWarnings("unchecked")
            Map<String, String> h = (Map<String, String>) fields.get("headers");
            String sent = h.get("Bench-Sent-Nanos");
            if (sent == null) return;
            received.incrementAndGet();
            long seq = Long.parseLong(h.get("Event-Sequence"));
            int i = Integer.parseInt(station.substring(1));
            if (seq < lastSeq.getAndSet(i, seq)) reordered.incrementAndGet();
            if (seq > warmupEvents) {
                int k = measured.getAndIncrement();
                if (k < latencies.length) latencies[k] = now - Long.parseLong(sent);
            }
        };
        CountDownLatch go = new CountDownLatch(1);
        long eventLogDropped;
        try (StreamServer server = new StreamServer(out -> feed(out, go, stations, rate, total));
             ProgramEngines engines = new ProgramEngines();
             EslClient client = EslClient.connect(EslClientOptions.of("127.0.0.1", server.port(), "ClueCon"))) {
            StationHost host = new StationHost(config, new ScriptProgramLoader(engines), client, null, List.of(), tap);
            try {
                for (int i = 1; i <= stations; i++) {
                    host.router().claim(uuid(i), host.station("s" + i));
                }
                go.countDown();
                long deadline = System.nanoTime() + (long) ((warmupSeconds + seconds) * 3e9) + 30_000_000_000L;
                while (received.get() < total && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(200);   // the last taps
            } finally {
                eventLogDropped = host.eventLogDropped();
                host.close();
            }
        }
        int n = Math.min(measured.get(), latencies.length);
        long[] l = Arrays.copyOf(latencies, n);
        Arrays.sort(l);
        return new Result(stations, rate, warmupSeconds, seconds, total, n, micros(l, 0.50), micros(l, 0.99), micros(l, 0.999),
                n == 0 ? 0 : l[n - 1] / 1e3, reordered.get(), total - received.get(), eventLogDropped);
    }

    private static double micros(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e3;
    }

    private static String uuid(int i) {
        return String.format(Locale.ROOT, "b0000000-0000-4000-8000-%012d", i);
    }

    /** {@code total} CHANNEL_EXECUTE events at {@code rate}/s, one frame per write, each stamped just before it is written. */
    private static void feed(OutputStream out, CountDownLatch go, int stations, int rate, long total) throws IOException {
        try {
            go.await();
        } catch (InterruptedException e) {
            return;
        }
        long t0 = System.nanoTime();
        double period = 1e9 / rate;
        for (long seq = 1; seq <= total; seq++) {
            long due = t0 + (long) ((seq - 1) * period);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                if (wait > 50_000) LockSupport.parkNanos(wait - 20_000); else Thread.onSpinWait();
            }
            String body = "Event-Name: CHANNEL_EXECUTE\nCore-UUID: 4a1f0e62-0000-4000-8000-000000000000\nEvent-Sequence: " + seq
                    + "\nUnique-ID: " + uuid((int) ((seq - 1) % stations) + 1) + "\nApplication: playback\nApplication-Data: news.wav\n"
                    + "Bench-Sent-Nanos: " + System.nanoTime() + "\n\n";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            byte[] head = ("Content-Length: " + b.length + "\nContent-Type: text/event-plain\n\n").getBytes(StandardCharsets.UTF_8);
            synchronized (out) {
                out.write(head);
                out.write(b);
                out.flush();
            }
        }
    }

    private static void write(Path dir, int n) throws Exception {
        Files.createDirectories(dir.resolve("programs"));
        Files.createDirectories(dir.resolve("media"));
        Files.writeString(dir.resolve("programs").resolve("idle.groovy"), PROGRAM);
        StringBuilder yaml = new StringBuilder("switch: sim\nprograms: programs\nmedia: media\ndata: data\nstations:\n");
        for (int i = 1; i <= n; i++) {
            yaml.append(String.format(Locale.ROOT, "  - { id: s%d, name: Station %d, timezone: Africa/Kampala, program: idle.groovy }%n", i, i));
        }
        Files.writeString(dir.resolve("stations.yaml"), yaml);
    }
}
