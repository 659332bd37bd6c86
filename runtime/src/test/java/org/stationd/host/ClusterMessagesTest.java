package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.station.StationContext;
import org.stationd.storage.postgres.LivePostgres;

/**
 * Station messages between the hosts of a cluster: each host publishes on its own ZeroMQ socket,
 * writes where in the database, and subscribes to the other live hosts' sockets. A program on one
 * host hears what a program of its group publishes on the other, in the order it was published.
 */
class ClusterMessagesTest {
    @RegisterExtension
    static final LivePostgres PG = new LivePostgres();

    @TempDir
    Path dir;

    /** Publishes a numbered hello every 200 ms; logs what it hears from another station. */
    static final String CHATTY = """
            program {
                apiVersion 1
                state('on') {
                    enter {
                        station.subscribe('hello')
                        data.n = 0
                        station.every(0.2, 'tick')
                    }
                    on.timer { e -> data.n = data.n + 1; station.publish('hello', [from: station.id, n: data.n]) }
                    on.message { e -> if (e.data.from != station.id) log.info("heard ${e.data.from} #${e.data.n}") }
                }
            }
            """;

    /** Numbers its messages from its store (a new owner numbers on), storing each number before it publishes it. */
    static final String COUNTING = """
            program {
                apiVersion 1
                state('on') {
                    enter {
                        station.subscribe('count')
                        station.every(0.2, 'tick')
                    }
                    on.timer { e ->
                        def n = (station.store.get('n') ?: 0) + 1
                        station.store.put('n', n)
                        station.publish('count', [from: station.id, n: n])
                    }
                    on.message { e -> if (e.data.from != station.id) log.info("counted ${e.data.from} #${e.data.n}") }
                }
            }
            """;

    static final String STATIONS = """
              - { id: p1, timezone: UTC, group: chat, program: chatty.groovy }
              - { id: p2, timezone: UTC, group: chat, program: chatty.groovy }
            """;

    HostHarness host(String id) throws Exception {
        return host(id, false);
    }

    /** {@code keys}: the host has operator keys of its own (CURVE on its sockets), authorising no other host. */
    HostHarness host(String id, boolean keys) throws Exception {
        return host(id, keys, CHATTY);
    }

    HostHarness host(String id, boolean keys, String program) throws Exception {
        HostHarness h = new HostHarness(dir.resolve(id));
        if (keys) {
            org.stationd.control.ControlKeys.create(dir.resolve(id + "-keys"), "operator", false);
            h.controlYaml = "  keys: " + dir.resolve(id + "-keys") + "\n";
        }
        h.extraYaml = "database: { url: '" + PG.url() + "', user: " + PG.user() + " }\ncluster: { host_id: " + id + ", lease: 2s }\n";
        h.program("chatty.groovy", program);
        h.start(STATIONS);
        return h;
    }

    static Set<String> running(HostHarness h) {
        return h.host.stations().stream().map(StationContext::id).collect(Collectors.toSet());
    }

    /**
     * The numbers a host's station heard from {@code from}, in the order heard, since that station
     * last started (while the hosts settle it may run on the same host first, then move and count anew).
     */
    static List<Integer> heard(HostHarness h, String from) {
        Pattern p = Pattern.compile(".* log heard " + from + " #(\\d+)");
        List<Integer> all = h.lines.stream().map(p::matcher).filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).toList();
        int start = 0;
        for (int i = 1; i < all.size(); i++) if (all.get(i) <= all.get(i - 1)) start = i;
        return all.subList(start, all.size());
    }

    @Test
    void aProgramHearsItsGroupOnAnotherHostInOrder() throws Exception {
        try (HostHarness a = host("a"); HostHarness b = host("b")) {
            hearEachOther(a, b);
        }
    }

    /**
     * Hosts with operator keys (CURVE): each advertises its publish socket with its public key, and
     * the others subscribe with it as the server key, presenting their own host keys, which the
     * publisher lets in because they are the cluster's live hosts' (no host is in another's
     * operators folder). A stranger's key is still turned away.
     */
    @Test
    void hostsWithOperatorKeysHearEachOtherOverCurve() throws Exception {
        try (HostHarness a = host("a", true); HostHarness b = host("b", true)) {
            String aKey = org.stationd.control.ControlKeys.forHost(dir.resolve("a-keys")).cert().getPublicKeyAsZ85();
            hearEachOther(a, b);
            // as the database has it: a's endpoint and public key
            try (org.stationd.storage.Database db = org.stationd.storage.Database.open(PG.url(), PG.user(), null);
                 java.sql.Connection c = db.connection();
                 java.sql.ResultSet r = c.createStatement().executeQuery("SELECT publish_endpoint FROM cluster_hosts WHERE host_id = 'a'")) {
                assertTrue(r.next());
                assertEquals(a.host.bus() instanceof org.stationd.control.ZmqBus z ? z.publishEndpoint() + " curve=" + aKey : null, r.getString(1));
            }
            // a stranger with a's public key but a key of its own hears nothing (a publishes five messages a second)
            try (org.zeromq.ZContext zmq = new org.zeromq.ZContext(); org.zeromq.ZMQ.Socket stranger = zmq.createSocket(org.zeromq.SocketType.SUB)) {
                org.zeromq.ZCert mine = new org.zeromq.ZCert();
                stranger.setCurveServerKey(org.zeromq.ZMQ.Curve.z85Decode(aKey));
                stranger.setCurvePublicKey(mine.getPublicKey());
                stranger.setCurveSecretKey(mine.getSecretKey());
                stranger.subscribe(org.zeromq.ZMQ.SUBSCRIPTION_ALL);
                stranger.setReceiveTimeOut(1500);
                stranger.connect(((org.stationd.control.ZmqBus) a.host.bus()).publishEndpoint());
                assertEquals(null, stranger.recv(), "a stranger hears nothing");
            }
        }
    }

    /**
     * Counted across a failover (docs/cluster.md): the publisher's host stops renewing, as a killed
     * one would; its station moves to the other host and numbers on from its store. The listener
     * hears every number once, in order: none twice (a number is stored before it is published,
     * and a fenced store refuses it), and at most one lost (stored just before the fence closed,
     * its publish refused after).
     */
    @Test
    void acrossAFailoverMessagesArriveInOrderNoneTwiceAndAtMostOneLost() throws Exception {
        try (HostHarness a = host("a", false, COUNTING); HostHarness b = host("b", false, COUNTING)) {
            a.await("one station on each host", () -> running(a).size() == 1 && running(b).size() == 1 && !running(a).equals(running(b)));
            String moving = running(a).iterator().next();
            Pattern p = Pattern.compile(".* log counted " + moving + " #(\\d+)");
            java.util.function.Supplier<List<Integer>> counted = () -> b.lines.stream().map(p::matcher).filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1))).toList();
            b.await("b hears " + moving + " on a", () -> counted.get().size() >= 5);
            int before = counted.get().get(counted.get().size() - 1);
            a.host.cluster().halt();   // as a SIGKILL: no renewal; its station plays on, fenced once its lease runs out
            b.await(moving + " moved to b and numbering on there", () -> running(b).size() == 2 && counted.get().get(counted.get().size() - 1) >= before + 10);
            List<Integer> got = counted.get();
            int duplicates = 0;
            int lost = 0;
            for (int i = 1; i < got.size(); i++) {
                if (got.get(i) <= got.get(i - 1)) duplicates++;
                else lost += got.get(i) - got.get(i - 1) - 1;
            }
            System.out.printf("across the failover: %d numbers heard, %d duplicates, %d lost%n", got.size(), duplicates, lost);
            assertEquals(0, duplicates, "none twice, none out of order: " + got);
            assertTrue(lost <= 1, "at most the one stored as the fence closed: " + got);
        }
    }

    private void hearEachOther(HostHarness a, HostHarness b) throws Exception {
        a.await("one station on each host", () -> running(a).size() == 1 && running(b).size() == 1 && !running(a).equals(running(b)));
        String onA = running(a).iterator().next();
        String onB = running(b).iterator().next();
        int settled = a.lines.size();   // before: both stations may have run on a, hearing each other there
        // the subscription may be made twice while the hosts learn of each other (a peer first seen without its key): wait past it
        a.await(onA + " on a hears " + onB + " on b", () -> heard(a, onB).size() >= 9);
        b.await(onB + " on b hears " + onA + " on a", () -> heard(b, onA).size() >= 9);
        for (List<Integer> got : List.of(heard(a, onB), heard(b, onA))) {
            for (int i = 1; i < got.size(); i++) {
                assertTrue(got.get(i - 1) < got.get(i), "in order: " + got);
            }
            // while the subscription is being made (ZeroMQ's late joiner) a message may be missed; after it, none
            List<Integer> last = got.subList(got.size() - 4, got.size());
            assertEquals(last.get(0) + 3, last.get(3), "none lost once subscribed: " + got);
        }
        List<String> since = List.copyOf(a.lines);
        assertTrue(since.subList(settled, since.size()).stream().noneMatch(l -> l.contains("heard " + onA)),
                "a program does not hear itself over the wire");
    }
}
