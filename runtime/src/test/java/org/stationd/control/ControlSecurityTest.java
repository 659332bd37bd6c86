package org.stationd.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZCert;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The control socket with CURVE keys: who gets in, who is turned away (counted and logged), and that garbage leaves it answering. */
class ControlSecurityTest {
    // a refused client waits this long for an answer it will never get; a refusal it is told of (ZAP, a failed handshake) ends it sooner,
    // but on a loaded machine ZeroMQ's authentication thread may take seconds to say no, and a client gone first is logged as gone
    private static final int SHORT = 15_000;
    /** An authorised client's deadline: it is answered as soon as its CURVE handshake is done, which a fresh JVM on a loaded machine takes seconds over. */
    private static final int LEGIT = 30_000;

    @TempDir Path keys;
    @TempDir Path otherHost;
    private ListAppender<ILoggingEvent> logged;
    private Logger watchLog;

    private static final ControlHandler ECHO = c -> Map.of("echo", c.cmd());

    @BeforeEach
    void captureLog() {
        watchLog = (Logger) LoggerFactory.getLogger(Refusals.class);
        logged = new ListAppender<>();
        logged.list = new java.util.concurrent.CopyOnWriteArrayList<>();   // appended on ZeroMQ's threads while the test reads
        logged.start();
        watchLog.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        watchLog.detachAppender(logged);
    }

    private boolean loggedLine(String part) {
        return logged.list.stream().anyMatch(e -> e.getFormattedMessage().contains(part));
    }

    private static long awaitAbove(java.util.function.LongSupplier counter, long before) throws InterruptedException {
        ZeroMqTest.await(() -> counter.getAsLong() > before);
        return counter.getAsLong();
    }

    @Test
    void onlyAuthorisedOperatorsAreAnsweredAndTheOthersAreCountedAndLogged() throws Exception {
        ControlKeys.create(keys, ControlKeys.DEFAULT_OPERATOR, false);
        ControlKeys.create(otherHost, ControlKeys.DEFAULT_OPERATOR, false);
        ControlKeys.Operator operator = ControlKeys.forOperator(keys);
        byte[] hostKey = operator.hostPublicKey();
        try (ZContext zmq = new ZContext();
             ControlServer server = new ControlServer(zmq, "tcp://127.0.0.1:*", ControlKeys.forHost(keys), ECHO)) {
            String ep = server.endpoint();
            try (ControlClient ops = new ControlClient(ep, LEGIT, operator)) {
                assertEquals(Map.of("ok", true, "echo", "swap"), ops.send(Map.of("cmd", "swap", "station", "a", "program", "b.js")));
            }

            // no keys at all: the CURVE server does not even finish the ZeroMQ handshake
            long before = server.refused();
            try (ControlClient stranger = new ControlClient(ep, SHORT)) {
                assertThrows(IOException.class, () -> stranger.send(Map.of("cmd", "swap", "station", "a", "program", "b.js")));
            }
            before = awaitAbove(server::refused, before);
            ZeroMqTest.await(() -> loggedLine("closed before a ZeroMQ handshake"));   // the count moves just before its line is logged

            // a key pair of its own, not among the authorised operators: ZAuth says no
            try (ControlClient stranger = new ControlClient(ep, SHORT, new ControlKeys.Operator(hostKey, new ZCert()))) {
                assertThrows(IOException.class, () -> stranger.send(Map.of("cmd", "status")));
            }
            before = awaitAbove(server::refused, before);
            ZeroMqTest.await(() -> loggedLine("not an authorised operator's"));   // the count moves just before its line is logged

            // an authorised operator who trusts another host's key: the handshake fails
            try (ControlClient misled = new ControlClient(ep, SHORT, new ControlKeys.Operator(ControlKeys.forOperator(otherHost).hostPublicKey(), operator.cert()))) {
                assertThrows(IOException.class, () -> misled.send(Map.of("cmd", "status")));
            }
            awaitAbove(server::refused, before);
            // the client finds the host's key wrong: whether the host sees the handshake fail or the client close first is a race
            ZeroMqTest.await(() -> loggedLine("security handshake failed")
                    || logged.list.stream().filter(e -> e.getFormattedMessage().contains("closed before a ZeroMQ handshake")).count() >= 2);

            assertEquals(1, server.handled(), "no refused client's command ran");
            try (ControlClient ops = new ControlClient(ep, LEGIT, operator)) {
                assertEquals(Map.of("ok", true, "echo", "status"), ops.send(Map.of("cmd", "status")));
            }
        }
    }

    @Test
    void aReadOnlyOperatorMayLookButNotChange() throws Exception {
        ControlKeys.create(keys, ControlKeys.DEFAULT_OPERATOR, false);
        ControlKeys.create(keys, "amina", true);
        try (ZContext zmq = new ZContext();
             ControlServer server = new ControlServer(zmq, "tcp://127.0.0.1:*", ControlKeys.forHost(keys), ECHO);
             ControlClient amina = new ControlClient(server.endpoint(), LEGIT, ControlKeys.forOperator(keys.resolve("amina")))) {
            assertEquals(Map.of("ok", true, "echo", "status"), amina.send(Map.of("cmd", "status")));
            Map<String, Object> swap = amina.send(Map.of("cmd", "swap", "station", "a", "program", "b.js"));
            assertEquals(false, swap.get("ok"));
            assertTrue(String.valueOf(swap.get("error")).contains("operator amina is read-only"), swap.toString());
            assertEquals(1, server.forbidden());
            assertEquals(1, server.handled());
        }
    }

    @Test
    void operatorsAreAuthorisedAndRevokedByTheirCertificatesWithoutARestart() throws Exception {
        ControlKeys.create(keys, ControlKeys.DEFAULT_OPERATOR, false);
        try (ZContext zmq = new ZContext();
             ControlServer server = new ControlServer(zmq, "tcp://127.0.0.1:*", ControlKeys.forHost(keys), ECHO)) {
            ControlKeys.create(keys, "bob", false);
            ControlKeys.Operator bob = ControlKeys.forOperator(keys.resolve("bob"));
            try (ControlClient client = new ControlClient(server.endpoint(), LEGIT, bob)) {
                assertEquals(Map.of("ok", true, "echo", "status"), client.send(Map.of("cmd", "status")));
            }
            java.nio.file.Files.delete(keys.resolve("operators/bob.cert"));
            long before = server.refused();
            try (ControlClient client = new ControlClient(server.endpoint(), SHORT, bob)) {
                assertThrows(IOException.class, () -> client.send(Map.of("cmd", "status")));
            }
            awaitAbove(server::refused, before);
        }
    }

    @Test
    void garbageOversizedAndMalformedMessagesAreAnsweredCountedAndTheHostGoesOn() throws Exception {
        ControlKeys.create(keys, ControlKeys.DEFAULT_OPERATOR, false);
        ControlKeys.Operator operator = ControlKeys.forOperator(keys);
        try (ZContext zmq = new ZContext();
             ControlServer server = new ControlServer(zmq, "tcp://127.0.0.1:*", ControlKeys.forHost(keys), ECHO)) {
            String ep = server.endpoint();
            ZMQ.Socket raw = zmq.createSocket(SocketType.DEALER);
            raw.setReceiveTimeOut(LEGIT);
            operator.apply(raw);
            raw.connect(ep);

            raw.send(new byte[] {0, (byte) 0xff, 'x', '{'});
            assertTrue(raw.recvStr().contains("not a JSON object"));
            raw.send("[1, 2]");
            assertTrue(raw.recvStr().contains("not a JSON object"));
            raw.send("{\"station\": \"a\"}");
            assertTrue(raw.recvStr().contains("missing \\\"cmd\\\""));
            raw.sendMore("{\"cmd\": \"status\"}");
            raw.sendMore("b");
            raw.send("c");
            assertTrue(raw.recvStr().contains("got 3 frames"));
            assertEquals(4, server.malformed());

            byte[] big = new byte[ControlServer.MAX_REQUEST_BYTES + 1];
            java.util.Arrays.fill(big, (byte) ' ');
            raw.send(big);
            String tooBig = raw.recvStr();
            assertTrue(tooBig.contains("over the limit of 65536 bytes"), tooBig);
            assertEquals(1, server.oversized());

            // beyond ZeroMQ's own maximum the peer is dropped before the host reads a byte of it
            long gone = server.disconnected();
            raw.setReceiveTimeOut(SHORT);
            raw.send(new byte[(int) ControlServer.MAX_MESSAGE_BYTES + 1]);
            awaitAbove(server::disconnected, gone);
            assertNull(raw.recvStr(), "no answer to a message over ZeroMQ's maximum");
            zmq.destroySocket(raw);

            // bytes that are not ZeroMQ at all
            long refused = server.refused();
            int port = Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1));
            try (java.net.Socket tcp = new java.net.Socket("127.0.0.1", port)) {
                OutputStream out = tcp.getOutputStream();
                out.write("GET / HTTP/1.0\r\n\r\n\u0000\u0001garbage".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                awaitAbove(server::refused, refused);
            }

            assertEquals(0, server.handled());
            try (ControlClient ops = new ControlClient(ep, LEGIT, operator)) {
                assertEquals(Map.of("ok", true, "echo", "status"), ops.send(Map.of("cmd", "status")));
            }
            Map<String, Object> counters = server.counters();
            assertEquals(4L, counters.get("malformed"));
            assertEquals(1L, counters.get("oversized"));
            assertTrue((Long) counters.get("refused") >= 1, counters.toString());
        }
    }

    @Test
    void withoutKeysTheControlSocketStaysOnThisMachine() {
        try (ZContext zmq = new ZContext()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ControlServer(zmq, "tcp://0.0.0.0:*", ECHO).close());
            assertTrue(e.getMessage().contains("./stationd keys"), e.getMessage());
        }
        for (String local : List.of("tcp://127.0.0.1:5570", "tcp://localhost:5570", "tcp://[::1]:5570", "ipc:///tmp/s", "inproc://x")) {
            assertTrue(Endpoints.isLoopback(local), local);
        }
        for (String open : List.of("tcp://*:5570", "tcp://0.0.0.0:5570", "tcp://10.0.0.5:5570", "tcp://eth0:5570", "tcp://[::]:5570", "tcp://radio.example.org:5570")) {
            assertFalse(Endpoints.isLoopback(open), open);
        }
    }

    private static ZMQ.Socket subscriber(ZContext zmq, String endpoint, ControlKeys.Operator keys) {
        ZMQ.Socket s = zmq.createSocket(SocketType.SUB);
        s.setLinger(0);
        if (keys != null) keys.apply(s);
        s.subscribe(ZMQ.SUBSCRIPTION_ALL);
        s.connect(endpoint);
        return s;
    }

    @Test
    void thePublishSocketTakesTheControlKeysAndStaysOnThisMachineWithoutThem() throws Exception {
        ControlKeys.create(keys, ControlKeys.DEFAULT_OPERATOR, false);
        ControlKeys.Operator operator = ControlKeys.forOperator(keys);
        try (ZContext zmq = new ZContext()) {
            IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> new ZmqBus(zmq, "tcp://0.0.0.0:*", List.of()).close());
            assertTrue(open.getMessage().contains("publish endpoint tcp://0.0.0.0:* is reachable from the network")
                    && open.getMessage().contains("./stationd keys"), open.getMessage());

            try (OperatorGate gate = new OperatorGate(zmq, ControlKeys.forHost(keys));
                 ZmqBus bus = new ZmqBus(zmq, "tcp://127.0.0.1:*", List.of(), gate)) {
                String ep = bus.publishEndpoint();
                long before = bus.refused();
                ZMQ.Socket stranger = subscriber(zmq, ep, null);
                before = awaitAbove(bus::refused, before);
                ZeroMqTest.await(() -> loggedLine("publish: refused a client"));   // the count moves just before its line is logged
                ZMQ.Socket impostor = subscriber(zmq, ep, new ControlKeys.Operator(operator.hostPublicKey(), new ZCert()));
                ZeroMqTest.await(() -> loggedLine("not an authorised operator's"));

                ZMQ.Socket listener = subscriber(zmq, ep, operator);
                ZeroMqTest.await(() -> {   // PUB/SUB joins asynchronously
                    bus.publish("news/ready", Map.of("n", 1));
                    return "news/ready".equals(listener.recvStr(ZMQ.DONTWAIT));
                });
                bus.publish("news/after", Map.of("n", 2));
                listener.setReceiveTimeOut(10_000);
                String topic;
                do {
                    topic = listener.recvStr();
                } while (topic != null && !topic.equals("news/after"));
                assertEquals("news/after", topic);
                assertNull(stranger.recvStr(ZMQ.DONTWAIT), "no keys, no news");
                assertNull(impostor.recvStr(ZMQ.DONTWAIT), "keys not authorised, no news");
                assertTrue(bus.refused() >= before);
            }
        }
    }

    @Test
    void keysAreNeverOverwrittenAndABrokenCertificateIsNamed() throws Exception {
        List<String> first = ControlKeys.create(keys, ControlKeys.DEFAULT_OPERATOR, false);
        assertTrue(first.get(0).startsWith("made"), first.toString());
        String secret = java.nio.file.Files.readString(keys.resolve(ControlKeys.HOST_SECRET));
        List<String> again = ControlKeys.create(keys, ControlKeys.DEFAULT_OPERATOR, false);
        assertTrue(again.stream().allMatch(l -> l.startsWith("kept")), again.toString());
        assertEquals(secret, java.nio.file.Files.readString(keys.resolve(ControlKeys.HOST_SECRET)));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(keys.resolve(ControlKeys.OPERATOR_SECRET))));
        assertNull(ControlKeys.hostProblem(keys));
        java.nio.file.Files.writeString(keys.resolve(ControlKeys.HOST_SECRET), "curve\n    public-key = \"short\"\n");
        String problem = ControlKeys.hostProblem(keys);
        assertTrue(problem != null && problem.contains("host.cert_secret is not a ZeroMQ secret certificate"), problem);
    }
}
