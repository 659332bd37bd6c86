package org.stationd.bench.air;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.stationd.api.ProgramError;
import org.stationd.call.CallLeg;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.host.StationHost;
import org.stationd.script.ProgramEngines;
import org.stationd.station.StationContext;
import org.stationd.station.StationListener;

/**
 * The host side of {@link StationsOnAir}, in a JVM of its own so its heap holds the host and nothing
 * of the switch: loads the generated stations.yaml, connects to the simulated switch at the given
 * port, starts the host and waits until every station's program has entered {@code on-air} (its
 * transmitter answered). Prints one {@code RESULT} line, then {@code OWNED} and the ids of the calls its
 * stations own, waits for a line on its input (the switch's side compares them with {@code show
 * channels} meanwhile), stops the host and prints {@code STOPPED} with what stopping found; asserts nothing.
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
            int files0 = openFiles();
            long t0 = System.nanoTime();
            StationHost host = new StationHost(config, new ScriptProgramLoader(engines), client, null, List.of(listener));
            System.out.printf(Locale.ROOT, "host started in %.3f s (%d on air by then)%n", (System.nanoTime() - t0) / 1e9, onAir.size());
            try {
                while (onAir.size() < n && System.nanoTime() - t0 < timeoutNanos) {
                    Thread.sleep(10);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                int threadsOnAir = ManagementFactory.getThreadMXBean().getThreadCount();
                int filesOnAir = openFiles();
                // the heap is the stations', not the event log's backlog of their first minutes: let the writer catch up first
                int backlog = host.eventLogBacklog();
                long drainEnd = System.nanoTime() + 180_000_000_000L;
                while (host.eventLogBacklog() > 0 && System.nanoTime() < drainEnd) {
                    Thread.sleep(20);
                }
                host.settle();   // and the stations have handled what they were given
                long heap1 = heapAfterGc();
                System.out.printf(Locale.ROOT, "weighed %.1f s after all were on air, %d event-log records still queued%n",
                        (System.nanoTime() - t0) / 1e9 - seconds, host.eventLogBacklog());
                String histogram = System.getProperty("onair.histogram");   // where to write a class histogram now (looking for what a station costs)
                if (histogram != null) {
                    java.nio.file.Files.writeString(Path.of(histogram), histogram());
                }
                int threads1 = ManagementFactory.getThreadMXBean().getThreadCount();
                System.out.printf(Locale.ROOT, "RESULT %d %d %.3f %d %d %d %d %d %d %d %d %d %d%n", n, onAir.size(), seconds, heap0, heap1,
                        threads0, Math.max(threadsOnAir, threads1), errors.get(), Runtime.getRuntime().maxMemory(), host.eventLogDropped(),
                        files0, filesOnAir, backlog);
                StringBuilder owned = new StringBuilder("OWNED");
                for (StationContext st : host.stations()) {
                    for (CallLeg leg : st.calls()) owned.append(' ').append(leg.getId());
                }
                System.out.println(owned);
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } finally {
                host.close();
            }
            System.out.println("STOPPED " + host.stopReport());
        }
        System.exit(0);   // don't wait on the engines' stray threads
    }

    /** File descriptors the JVM holds open now (sockets, jars and files), -1 where /proc is not there. */
    static int openFiles() {
        String[] fds = new java.io.File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    /**
     * Bytes of live objects: the total of a class histogram, which collects in full first. The
     * memory pools' "used" after System.gc() also counts what G1 has not given back yet, which
     * varied threefold between runs of the same host; the histogram's total did not.
     */
    static long heapAfterGc() throws Exception {
        String text = histogram();
        String total = text.lines().filter(l -> l.startsWith("Total")).findFirst().orElseThrow();
        String[] f = total.trim().split("\\s+");
        return Long.parseLong(f[f.length - 1]);
    }

    static String histogram() throws Exception {
        return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()}));
    }
}
