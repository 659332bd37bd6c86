package org.stationd.bench.latency;

import java.io.IOException;
import java.io.OutputStream;

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

import org.stationd.bench.esl.StreamServer;
import org.stationd.bench.feed.FedEvents;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.host.StationHost;
import org.stationd.script.ProgramEngines;
import org.stationd.station.StationListener;
import org.stationd.station.StationTap;

/**
 * Socket-to-handler latency: the real host ({@link StationHost}, the real ESL client over TCP) with
 * N stations, fed by a loopback Event Socket server ({@link StreamServer}). Each station first gets
 * one caller on its line (a parked inbound call, which its program takes); then key presses
 * (DTMF events) come at a fixed rate, spread round-robin over those calls. Each event carries the
 * {@code System.nanoTime()} taken just before its bytes were written (same JVM). Two figures:
 * <ul>
 *   <li>to the station's input: its input tap, which {@code StationContext.onEsl} calls on the
 *       station's thread before anything else, for every event;</li>
 *   <li>to the handler's start: the program's {@code on.dtmf} handler logs as its first statement
 *       for every fourth key ('1'; the others are '2' and it returns), and the time is taken where
 *       that line reaches the host. Sampling keeps each station within its log budget.</li>
 * </ul>
 * Also counted: events received, and events a station received out of their sending order.
 */
public final class HandlerLatency {
    /** The figures of one run: percentiles in microseconds over the measured events. */
    public record Result(int stations, int rate, double warmupSeconds, double seconds, long sent, long measured,
                         double p50Micros, double p99Micros, double p999Micros, double maxMicros, long reordered, long missing,
                         long eventLogDropped, long handlerMeasured, double handlerP50Micros, double handlerP99Micros,
                         double handlerP999Micros, double handlerMaxMicros) {}

    static final String PROGRAM = """
            program {
                apiVersion 1
                state('idle') {
                    on.incomingCall { e -> }
                    on.dtmf { e ->
                        if (e.digit == '1') log.info('key')
                    }
                }
            }
            """;
    /** Every how many keys one is timed to its handler's start. */
    public static final int SAMPLE = 4;

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
        long[] handler = new long[latencies.length / SAMPLE + 1];
        AtomicInteger measured = new AtomicInteger();
        AtomicInteger handlerMeasured = new AtomicInteger();
        AtomicLong received = new AtomicLong();
        AtomicLong reordered = new AtomicLong();
        AtomicLongArray lastSeq = new AtomicLongArray(stations + 1);
        // per station, the timed keys taken in and not yet at their handler (the station's thread, in order)
        List<java.util.Queue<long[]>> timed = new java.util.ArrayList<>();
        for (int i = 0; i <= stations; i++) timed.add(new java.util.concurrent.ConcurrentLinkedQueue<>());
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
            long at = Long.parseLong(sent);
            if (seq > warmupEvents) {
                int k = measured.getAndIncrement();
                if (k < latencies.length) latencies[k] = now - at;
            }
            if ("1".equals(h.get("DTMF-Digit"))) timed.get(i).add(new long[] {seq, at});
        };
        AtomicInteger callers = new AtomicInteger();
        AtomicInteger loaded = new AtomicInteger();
        StationListener listener = new StationListener() {
            @Override
            public void programLoaded(String station, String program, String version) {
                loaded.incrementAndGet();
            }

            @Override
            public void callEvent(String station, String callId, String what) {
                if (what.startsWith("incoming call")) callers.incrementAndGet();
            }

            @Override
            public void log(String station, String program, String state, String level, String message) {
                long now = System.nanoTime();
                long[] key = timed.get(Integer.parseInt(station.substring(1))).poll();
                if (key == null || key[0] <= warmupEvents) return;
                int k = handlerMeasured.getAndIncrement();
                if (k < handler.length) handler[k] = now - key[1];
            }
        };
        CountDownLatch go = new CountDownLatch(1);
        long eventLogDropped;
        try (StreamServer server = new StreamServer(out -> feed(out, go, stations, rate, total));
             ProgramEngines engines = new ProgramEngines();
             EslClient client = EslClient.connect(EslClientOptions.of("127.0.0.1", server.port(), "ClueCon"))) {
            StationHost host = new StationHost(config, new ScriptProgramLoader(engines), client, null, List.of(listener), tap);
            try {
                long loadEnd = System.nanoTime() + 120_000_000_000L;
                while (loaded.get() < stations && System.nanoTime() < loadEnd) {
                    Thread.sleep(20);   // every program on air before its caller rings
                }
                go.countDown();
                long deadline = System.nanoTime() + (long) ((warmupSeconds + seconds) * 3e9) + 30_000_000_000L;
                while (received.get() < total && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                host.settle();   // the last handlers
                if (callers.get() != stations) throw new IllegalStateException(callers.get() + " of " + stations + " stations took their caller");
            } finally {
                eventLogDropped = host.eventLogDropped();
                host.close();
            }
        }
        int n = Math.min(measured.get(), latencies.length);
        long[] l = Arrays.copyOf(latencies, n);
        Arrays.sort(l);
        int hn = Math.min(handlerMeasured.get(), handler.length);
        long[] hl = Arrays.copyOf(handler, hn);
        Arrays.sort(hl);
        return new Result(stations, rate, warmupSeconds, seconds, total, n, micros(l, 0.50), micros(l, 0.99), micros(l, 0.999),
                n == 0 ? 0 : l[n - 1] / 1e3, reordered.get(), total - received.get(), eventLogDropped,
                hn, micros(hl, 0.50), micros(hl, 0.99), micros(hl, 0.999), hn == 0 ? 0 : hl[hn - 1] / 1e3);
    }

    private static double micros(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e3;
    }

    private static String uuid(int i) {
        return String.format(Locale.ROOT, "b0000000-0000-4000-8000-%012d", i);
    }

    /** One caller parked on each station's line, then {@code total} key presses at {@code rate}/s, one frame per write, each stamped just before it is written. */
    private static void feed(OutputStream out, CountDownLatch go, int stations, int rate, long total) throws IOException {
        try {
            go.await();
        } catch (InterruptedException e) {
            return;
        }
        for (int i = 1; i <= stations; i++) {
            FedEvents.write(out, "Event-Name: CHANNEL_PARK\nCore-UUID: 4a1f0e62-0000-4000-8000-000000000000\nUnique-ID: " + uuid(i)
                    + "\nCall-Direction: inbound\nAnswer-State: ringing\nCaller-Caller-ID-Number: 2567000" + String.format(Locale.ROOT, "%05d", i)
                    + "\nCaller-Destination-Number: " + line(i) + "\n");
        }
        long t0 = System.nanoTime();
        double period = 1e9 / rate;
        for (long seq = 1; seq <= total; seq++) {
            FedEvents.waitUntil(t0 + (long) ((seq - 1) * period));
            FedEvents.write(out, "Event-Name: DTMF\nCore-UUID: 4a1f0e62-0000-4000-8000-000000000000\nEvent-Sequence: " + seq
                    + "\nUnique-ID: " + uuid((int) ((seq - 1) % stations) + 1) + "\nDTMF-Digit: " + (seq % SAMPLE == 0 ? "1" : "2")
                    + "\nDTMF-Duration: 2000\nBench-Sent-Nanos: " + System.nanoTime() + "\n");
        }
    }

    private static String line(int i) {
        return String.format(Locale.ROOT, "7%06d", i);
    }

    private static void write(Path dir, int n) throws Exception {
        Files.createDirectories(dir.resolve("programs"));
        Files.createDirectories(dir.resolve("media"));
        Files.writeString(dir.resolve("programs").resolve("idle.groovy"), PROGRAM);
        StringBuilder yaml = new StringBuilder("switch: sim\nprograms: programs\nmedia: media\ndata: data\nstations:\n");
        for (int i = 1; i <= n; i++) {
            yaml.append(String.format(Locale.ROOT, "  - { id: s%d, name: Station %d, timezone: Africa/Kampala, lines: { in: \"%s\" }, program: idle.groovy }%n", i, i, line(i)));
        }
        Files.writeString(dir.resolve("stations.yaml"), yaml);
    }
}
