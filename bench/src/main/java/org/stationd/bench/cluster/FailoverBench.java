package org.stationd.bench.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.stationd.cluster.ClusterMember;
import org.stationd.cluster.LeaseClock;
import org.stationd.config.ClusterConfig;
import org.stationd.storage.Database;
import org.stationd.storage.postgres.RealPostgres;

/**
 * How failover time and database load grow with the number of stations: three cluster members (each
 * with its own connection pool, as separate hosts) share one PostgreSQL database and run their real
 * rounds on its clock. Starting a station does nothing here: failover is the lease work alone (a
 * station's own start, a program load and a dial, comes on top; see ClusterFailoverLiveTest). Per
 * station count it reports how long the hosts take to spread the stations, the database's work in
 * the steady state (transactions, rows read and written a second, from {@code pg_stat_database}),
 * and, after one host stops renewing without giving anything back, how long until the others hold
 * all of its stations.
 *
 * <pre>java … org.stationd.bench.cluster.FailoverBench jdbc:postgresql://127.0.0.1:5432/bench USER [PASSWORD] [--stations 100,1000] [--lease 4s]
 * java … org.stationd.bench.cluster.FailoverBench --embedded [--stations 100,1000,10000] [--lease 4s]</pre>
 *
 * {@code --embedded} starts the PostgreSQL the tests use ({@link RealPostgres}: PostgreSQL 14 on
 * loopback, fsync off) in a temporary folder, and stops it after.
 */
public final class FailoverBench {
    private FailoverBench() {}

    record Result(int stations, Duration spread, double xactPerSecond, double rowsReadPerSecond, double rowsWrittenPerSecond,
                  double claimsPerSecond, Duration failover, Duration lease) {}

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        List<Integer> counts = List.of(100, 1000);
        Duration lease = Duration.ofSeconds(4);
        boolean embedded = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--stations" -> counts = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--lease" -> lease = Duration.ofMillis((long) (Double.parseDouble(args[++i].replace("s", "")) * 1000));
                case "--embedded" -> embedded = true;
                default -> positional.add(args[i]);
            }
        }
        if (embedded ? !positional.isEmpty() : positional.size() < 2) {
            System.err.println("usage: FailoverBench (JDBC_URL USER [PASSWORD] | --embedded) [--stations 100,1000] [--lease 4s]");
            System.exit(2);
        }
        if (embedded) {
            try (RealPostgres pg = RealPostgres.start()) {
                table(pg.createDatabase("failover"), RealPostgres.USER, "", counts, lease);
            }
        } else {
            table(positional.get(0), positional.get(1), positional.size() > 2 ? positional.get(2) : "", counts, lease);
        }
    }

    private static void table(String url, String user, String password, List<Integer> counts, Duration lease) throws Exception {
        System.out.println("stations  spread(s)  xact/s  rows read/s  rows written/s  claims/s  failover(s)  lease(s)");
        for (int n : counts) {
            Result r = run(url, user, password, n, lease);
            System.out.printf("%8d  %9.1f  %6.0f  %11.0f  %14.0f  %8.1f  %11.2f  %8.1f%n", r.stations(), r.spread().toMillis() / 1000.0, r.xactPerSecond(),
                    r.rowsReadPerSecond(), r.rowsWrittenPerSecond(), r.claimsPerSecond(), r.failover().toMillis() / 1000.0, r.lease().toMillis() / 1000.0);
        }
    }

    static Result run(String url, String user, String password, int n, Duration lease) throws Exception {
        List<String> stations = IntStream.rangeClosed(1, n).mapToObj(i -> String.format("s%05d", i)).toList();
        List<Database> dbs = new ArrayList<>();
        List<ClusterMember> members = new ArrayList<>();
        try {
            for (int h = 0; h < 3; h++) dbs.add(Database.open(url, user, password));
            try (Connection c = dbs.get(0).connection(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM station_leases");
                s.execute("DELETE FROM cluster_hosts");
            }
            long start = System.nanoTime();
            for (int h = 0; h < 3; h++) {
                ClusterMember m = new ClusterMember(dbs.get(h), new ClusterConfig("bench-" + h, lease), () -> stations, LeaseClock.DATABASE);
                m.start(new ClusterMember.Stations() {
                    @Override public void start(String station) {}
                    @Override public void stop(String station, boolean lost) {}
                });
                members.add(m);
            }
            awaitHeld(members, n, Duration.ofMinutes(5), ms -> ms.stream().allMatch(m -> Math.abs(m.held().size() - n / 3.0) < 1));
            Duration spread = Duration.ofNanos(System.nanoTime() - start);

            long[] before = stats(dbs.get(0));
            long t0 = System.nanoTime();
            Thread.sleep(lease.multipliedBy(2).toMillis());   // a steady state of two leases: eight rounds of each host
            long[] after = stats(dbs.get(0));
            double seconds = (System.nanoTime() - t0) / 1e9;

            ClusterMember silent = members.get(0);
            silent.halt();   // as a SIGKILL: no renewal, nothing given back
            long killed = System.nanoTime();
            List<ClusterMember> others = members.subList(1, 3);
            awaitHeld(others, n, lease.multipliedBy(10), ms -> ms.stream().mapToInt(m -> m.held().size()).sum() == n);
            Duration failover = Duration.ofNanos(System.nanoTime() - killed);
            return new Result(n, spread, (after[0] - before[0]) / seconds, (after[1] - before[1]) / seconds, (after[2] - before[2]) / seconds,
                    (after[3] - before[3]) / seconds, failover, lease);
        } finally {
            members.forEach(ClusterMember::close);
            dbs.forEach(Database::close);
        }
    }

    private static void awaitHeld(List<ClusterMember> members, int n, Duration limit, java.util.function.Predicate<List<ClusterMember>> done)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.test(members)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException(n + " stations: not settled within " + limit.toSeconds() + " s: "
                        + members.stream().map(m -> m.hostId() + "=" + m.held().size()).toList());
            }
            Thread.sleep(20);
        }
    }

    /** Transactions committed, rows read (returned + fetched), rows written (inserted + updated + deleted) in this database so far, and claims. */
    static long[] stats(Database db) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet r = s.executeQuery("SELECT xact_commit, tup_returned + tup_fetched, tup_inserted + tup_updated + tup_deleted "
                    + "FROM pg_stat_database WHERE datname = current_database()")) {
                r.next();
                long[] out = {r.getLong(1), r.getLong(2), r.getLong(3), 0};
                try (ResultSet e = s.executeQuery("SELECT COALESCE(SUM(epoch), 0) FROM station_leases")) {
                    e.next();
                    out[3] = e.getLong(1);   // each claim adds one: stations moving between live hosts in a steady state is churn
                }
                return out;
            }
        }
    }
}
