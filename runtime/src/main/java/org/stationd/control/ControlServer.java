package org.stationd.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import org.zeromq.ZMsg;

/**
 * The operator's way in: a ZeroMQ ROUTER socket (loopback by default) taking one JSON command per
 * message and answering with one JSON reply. A garbled message gets an error reply and is counted;
 * nothing a client sends can stop the host.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZContext zmq;
    private final ZMQ.Socket socket;
    private final ControlHandler handler;
    private final Thread thread;
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean running = true;

    public ControlServer(ZContext zmq, String endpoint, ControlHandler handler) {
        this.zmq = zmq;
        this.handler = handler;
        this.socket = zmq.createSocket(SocketType.ROUTER);
        socket.setReceiveTimeOut(200);
        socket.setLinger(0);
        socket.bind(endpoint);
        this.thread = Thread.ofPlatform().name("control").daemon(true).start(this::loop);
    }

    private void loop() {
        while (running) {
            ZMsg msg;
            try {
                msg = ZMsg.recvMsg(socket);
            } catch (ZMQException e) {
                if (!running) return;
                log.warn("control socket: {}", e.getMessage());
                continue;
            }
            if (msg == null) {
                continue;
            }
            if (msg.size() < 2) {
                malformed.incrementAndGet();
                msg.destroy();
                continue;
            }
            byte[] identity = msg.pop().getData();
            byte[] body = msg.getLast().getData();
            msg.destroy();
            Map<String, Object> reply = handle(body);
            ZMsg out = new ZMsg();
            out.add(identity);
            out.add(toJson(reply));
            out.send(socket);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> handle(byte[] body) {
        Map<String, Object> request;
        try {
            request = JSON.readValue(body, Map.class);
        } catch (Exception e) {
            malformed.incrementAndGet();
            log.warn("control: malformed message ignored ({} bytes): {}", body.length, e.getMessage().lines().findFirst().orElse(""));
            return Map.of("ok", false, "error", "not a JSON object: send {\"cmd\": \"status\"}");
        }
        Object cmd = request.get("cmd");
        if (!(cmd instanceof String)) {
            malformed.incrementAndGet();
            return Map.of("ok", false, "error", "missing \"cmd\"");
        }
        Map<String, Object> args = new LinkedHashMap<>(request);
        args.remove("cmd");
        handled.incrementAndGet();
        try {
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("ok", true);
            reply.putAll(handler.handle(new ControlCommand((String) cmd, args)));
            return reply;
        } catch (Exception e) {
            return Map.of("ok", false, "error", String.valueOf(e.getMessage()));
        }
    }

    private static byte[] toJson(Map<String, Object> reply) {
        try {
            return JSON.writeValueAsBytes(reply);
        } catch (Exception e) {
            return ("{\"ok\":false,\"error\":\"reply not serialisable\"}").getBytes();
        }
    }

    public long handled() { return handled.get(); }
    public long malformed() { return malformed.get(); }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        zmq.destroySocket(socket);
    }
}
