package org.stationd.bench.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stationd.bench.air.StationsOnAir;
import org.stationd.config.ConfigLoader;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.sim.SimOptions;
import org.stationd.esl.sim.SimSwitch;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.host.StationHost;
import org.stationd.script.ProgramEngines;
import org.stationd.station.StationContext;
import org.stationd.storage.Database;
import org.stationd.storage.postgres.RealPostgres;

/**
 * Failover with whole hosts: three real {@link StationHost}s in one JVM, each on its own simulated
 * switch (every station's transmitter is a phone on each, answering after
 * {@value StationsOnAir#ANSWER_MS} ms), sharing one real PostgreSQL (the tests' embedded one) as
 * their cluster. N stations run the stations-on-air program: they dial their transmitter and are on
 * air when it answers. Measured: the time until every station is on air, spread over the hosts; the
 * database's load in the steady state (transactions, rows read and written a second, from
 * {@code pg_stat_database}, over two leases); then one host stops renewing as a SIGKILL would
 * (no renewal, nothing given back; its stations, fenced, play on into its own switch) and the time
 * until the other two hold all its stations (claimed) and have them on air again (each station's
 * program loaded anew, its transmitter dialled on the new owner's switch and answered).
 *
 * <pre>java … org.stationd.bench.cluster.ClusterOnAir [--stations 100,1000,10000] [--lease 4s]</pre>
 * Prints one line a size; asserts nothing.
 */
public final class ClusterOnAir {
    record Result(int stations, Duration onAir, double xactPerSecond, double rowsReadPerSecond, double rowsWrittenPerSecond,
                  int moved, Duration claimed, Duration backOnAir, Duration lease) {}

    public static void main(String[] args) throws Exception {
        List<Integer> counts = List.of(100, 1_000, 10_000);
        Duration lease = Duration.ofSeconds(4);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--stations" -> counts = java.util.Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).toList();
                case "--lease" -> lease = Duration.ofSeconds(Long.parseLong(args[++i].replace("s", "")));
                default -> {
                    System.err.println("usage: ClusterOnAir [--stations 100,1000,10000] [--lease 4s]");
                    System.exit(2);
                }
            }
        }
        System.out.println("stations  on air(s)  xact/s  rows read/s  rows written/s  moved  claimed(s)  back on air(s)  lease(s)");
        try (RealPostgres pg = RealPostgres.start()) {
            for (int n : counts) {
                Result r = run(pg.createDatabase("onair" + n), RealPostgres.USER, n, lease);
                System.out.printf(Locale.ROOT, "%8d  %9.1f  %6.0f  %11.0f  %14.0f  %5d  %10.2f  %14.2f  %8.1f%n", r.stations(), seconds(r.onAir()),
                        r.xactPerSecond(), r.rowsReadPerSecond(), r.rowsWrittenPerSecond(), r.moved(), seconds(r.claimed()), seconds(r.backOnAir()),
                        seconds(r.lease()));
            }
        }
        System.exit(0);   // the engines' stray threads
    }

    static Result run(String url, String user, int n, Duration lease) throws Exception {
        Path dir = Files.createTempDirectory("stationd-cluster-onair");
        StationsOnAir.write(dir, "groovy", n);
        String base = Files.readString(dir.resolve("stations.yaml"));
        List<SimSwitch> sims = new ArrayList<>();
        List<EslClient> clients = new ArrayList<>();
        List<StationHost> hosts = new ArrayList<>();
        try (ProgramEngines engines = new ProgramEngines(); Database db = Database.open(url, user, "")) {
            long start = System.nanoTime();
            for (String h : List.of("a", "b", "c")) {
                Path yaml = dir.resolve("host-" + h + ".yaml");
                Files.writeString(yaml, base.replace("data: data\n", "data: data-" + h + "\n")
                        + "database: { url: '" + url + "', user: " + user + " }\n"
                        + "cluster: { host_id: " + h + ", lease: " + lease.toSeconds() + "s }\n"
                        + "control:\n  control: tcp://127.0.0.1:*\n  publish: tcp://127.0.0.1:*\nconsole: { listen: \"off\" }\n");
                SimSwitch sim = SimSwitch.start(SimOptions.defaults().withPort(0).withDialplan(dir.resolve("sim.yaml")).withMaxSessions(n + 100));
                sims.add(sim);
                EslClient client = EslClient.connect(EslClientOptions.of("127.0.0.1", sim.port(), "ClueCon"));
                clients.add(client);
                hosts.add(new StationHost(ConfigLoader.load(yaml), new ScriptProgramLoader(engines), client, null, List.of()));
            }
            await(n + " stations on air", Duration.ofMinutes(10), () -> onAir(hosts) == n);
            Duration onAir = Duration.ofNanos(System.nanoTime() - start);

            long[] before = FailoverBench.stats(db);
            long t0 = System.nanoTime();
            Thread.sleep(lease.multipliedBy(2).toMillis());   // a steady state of two leases
            long[] after = FailoverBench.stats(db);
            double window = (System.nanoTime() - t0) / 1e9;

            StationHost victim = hosts.get(0);
            int moved = (int) victim.stations().stream().filter(s -> "on-air".equals(s.state())).count();
            victim.cluster().halt();   // as a SIGKILL: no renewal, nothing given back
            long killed = System.nanoTime();
            List<StationHost> others = hosts.subList(1, 3);
            await("the others holding every station", lease.multipliedBy(20), () -> others.stream().mapToInt(h -> h.cluster().held().size()).sum() == n);
            Duration claimed = Duration.ofNanos(System.nanoTime() - killed);
            await("every station on air on the others", Duration.ofMinutes(10), () -> onAir(others) == n);
            Duration back = Duration.ofNanos(System.nanoTime() - killed);
            return new Result(n, onAir, (after[0] - before[0]) / window, (after[1] - before[1]) / window, (after[2] - before[2]) / window,
                    moved, claimed, back, lease);
        } finally {
            for (StationHost h : hosts) {
                try {
                    h.close();
                } catch (Exception e) {
                    System.err.println("closing a host: " + e);
                }
            }
            clients.forEach(EslClient::close);
            sims.forEach(SimSwitch::close);
        }
    }

    /** Stations on air on these hosts now: each owned station's program in its {@code on-air} state. */
    private static int onAir(List<StationHost> hosts) {
        int on = 0;
        for (StationHost h : hosts) {
            for (StationContext s : h.stations()) {
                if ("on-air".equals(s.state()) && h.cluster().holds(s.id())) on++;
            }
        }
        return on;
    }

    private static void await(String what, Duration limit, java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) throw new IllegalStateException("not within " + limit.toSeconds() + " s: " + what);
            Thread.sleep(20);
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
