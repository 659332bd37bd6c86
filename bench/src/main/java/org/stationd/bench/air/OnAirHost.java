package org.stationd.bench.air;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.stationd.api.ProgramError;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.host.StationHost;
import org.stationd.script.ProgramEngines;
import org.stationd.station.StationListener;

/**
 * The host side of {@link StationsOnAir}, in a JVM of its own so its heap holds the host and nothing
 * of the switch: loads the generated stations.yaml, connects to the simulated switch at the given
 * port, starts the host and waits until every station's program has entered {@code on-air} (its
 * transmitter answered). Prints one {@code RESULT} line; asserts nothing.
 *
 * <pre>OnAirHost DIR PORT TIMEOUT_SECONDS</pre>
 */
public final class OnAirHost {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        long timeoutNanos = Long.parseLong(args[2]) * 1_000_000_000L;
        HostConfig config = ConfigLoader.load(dir.resolve("stations.yaml"));
        int n = config.stations().size();
        Set<String> onAir = ConcurrentHashMap.newKeySet();
        AtomicLong errors = new AtomicLong();
        StationListener listener = new StationListener() {
            @Override
            public void stateChanged(String station, String program, String from, String to) {
                if ("on-air".equals(to)) onAir.add(station);
            }

            @Override
            public void programError(String station, String program, ProgramError e) {
                if (errors.incrementAndGet() <= 3) System.out.println("error " + station + ": " + e.message());
            }
        };
        try (ProgramEngines engines = new ProgramEngines();
             EslClient client = EslClient.connect(EslClientOptions.of("127.0.0.1", port, "ClueCon"))) {
            long heap0 = heapAfterGc();
            int threads0 = ManagementFactory.getThreadMXBean().getThreadCount();
            long t0 = System.nanoTime();
            StationHost host = new StationHost(config, new ScriptProgramLoader(engines), client, null, List.of(listener));
            try {
                while (onAir.size() < n && System.nanoTime() - t0 < timeoutNanos) {
                    Thread.sleep(10);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                int threadsOnAir = ManagementFactory.getThreadMXBean().getThreadCount();
                long heap1 = heapAfterGc();
                int threads1 = ManagementFactory.getThreadMXBean().getThreadCount();
                System.out.printf(Locale.ROOT, "RESULT %d %d %.3f %d %d %d %d %d %d %d%n", n, onAir.size(), seconds, heap0, heap1,
                        threads0, Math.max(threadsOnAir, threads1), errors.get(), Runtime.getRuntime().maxMemory(), host.eventLogDropped());
            } finally {
                host.close();
            }
        }
        System.exit(0);   // don't wait on the engines' stray threads
    }

    /** Heap in use after full collections (they settle within a few). */
    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
