package org.stationd.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

class ZeroMqTest {
    static String freeEndpoint() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    static void await(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met in time");
            Thread.sleep(10);
        }
    }

    @Test
    void messagesFromAnotherHostReachSubscribersAndGarbledOnesAreDroppedAndCounted() throws Exception {
        String otherHost = freeEndpoint();
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket remote = zmq.createSocket(SocketType.PUB);
            remote.bind(otherHost);
            try (ZmqBus bus = new ZmqBus(zmq, freeEndpoint(), List.of(otherHost))) {
                List<String> got = new CopyOnWriteArrayList<>();
                bus.subscribe("news/", (t, d) -> got.add(t + " " + d));
                // PUB/SUB joins asynchronously: keep sending a good message until one arrives
                await(() -> {
                    remote.sendMore("news/ready");
                    remote.send("{\"file\":\"news.wav\"}");
                    return !got.isEmpty();
                });
                long before = bus.malformed();
                remote.send("just-one-frame");
                remote.sendMore("news/bad");
                remote.send("{not json");
                remote.sendMore("a");
                remote.sendMore("b");
                remote.send("c");
                remote.sendMore("news/after");
                remote.send("[1,2]");
                await(() -> got.stream().anyMatch(s -> s.startsWith("news/after")));
                assertEquals(3, bus.malformed() - before);
                assertTrue(got.contains("news/ready {file=news.wav}"), got.toString());
                assertTrue(got.contains("news/after [1, 2]"), got.toString());
                assertTrue(got.stream().noneMatch(s -> s.startsWith("news/bad")));

                bus.publish("news/local", Map.of("n", 1));
                assertTrue(got.contains("news/local {n=1}"), got.toString());
            }
        }
    }

    @Test
    void controlSocketAnswersCommandsAndSurvivesGarbage() throws Exception {
        try (ZContext zmq = new ZContext();
             ControlServer server = new ControlServer(zmq, "tcp://127.0.0.1:*", c -> {
                 if (c.cmd().equals("boom")) throw new CommandRefused("no such station 'x'");
                 return Map.of("echo", c.cmd(), "station", String.valueOf(c.text("station")));
             });
             ControlClient client = new ControlClient(server.endpoint(), 30_000)) {
            String ep = server.endpoint();
            assertEquals(Map.of("ok", true, "echo", "status", "station", "kla"), client.send(Map.of("cmd", "status", "station", "kla")));
            assertEquals(Map.of("ok", false, "error", "no such station 'x'"), client.send(Map.of("cmd", "boom")));
            assertEquals(false, client.send(Map.of("nocmd", 1)).get("ok"));
            ZMQ.Socket raw = zmq.createSocket(SocketType.DEALER);
            raw.connect(ep);
            raw.send("\u0000\u00ff garbage");
            String reply = raw.recvStr();
            assertTrue(reply.contains("not a JSON object"), reply);
            assertEquals(2, server.malformed());
            assertEquals(Map.of("ok", true, "echo", "status", "station", "null"), client.send(Map.of("cmd", "status")));
        }
    }
}
