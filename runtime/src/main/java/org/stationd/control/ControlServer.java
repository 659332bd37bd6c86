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

/**
 * The operator's way in: a ZeroMQ ROUTER socket (loopback by default) taking one JSON command per
 * message and answering with one JSON reply. A garbled message gets an error reply and is counted;
 * nothing a client sends can stop the host.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZContext zmq;
    private ZMQ.Socket socket;   // created, used and closed on the control thread only
    private final ControlHandler handler;
    private final Thread thread;
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean running = true;
    private volatile String boundEndpoint;

    public ControlServer(ZContext zmq, String endpoint, ControlHandler handler) {
        this.zmq = zmq;
        this.handler = handler;
        java.util.concurrent.CompletableFuture<Void> bound = new java.util.concurrent.CompletableFuture<>();
        // ZeroMQ sockets belong to one thread: the control thread creates, binds, uses and closes this one
        this.thread = Thread.ofPlatform().name("control").daemon(true).start(() -> {
            try {
                socket = zmq.createSocket(SocketType.ROUTER);
                socket.setReceiveTimeOut(200);
                socket.setLinger(0);
                socket.setRouterMandatory(true);   // an unroutable reply is an error we log, not a silent drop
                socket.bind(endpoint);
                boundEndpoint = socket.getLastEndpoint();   // tcp://127.0.0.1:* picks a free port; this says which
                bound.complete(null);
            } catch (RuntimeException e) {
                bound.completeExceptionally(e);
                return;
            }
            try {
                loop();
            } finally {
                zmq.destroySocket(socket);
            }
        });
        try {
            bound.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot listen for operators on " + endpoint + ": " + e.getCause().getMessage()
                    + " (is another stationd running? set control: in stations.yaml)", e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen for operators on " + endpoint, e);
        }
    }

    private void loop() {
        while (running) {
            byte[] identity;
            try {
                identity = socket.recv();
            } catch (ZMQException e) {
                if (!running) return;
                log.warn("control socket: {}", e.getMessage());
                continue;
            }
            if (identity == null) {
                continue;   // the receive timeout: look at 'running' again
            }
            if (!socket.hasReceiveMore()) {
                malformed.incrementAndGet();
                continue;
            }
            byte[] body = socket.recv();
            while (socket.hasReceiveMore()) {
                body = socket.recv();   // a client that sent several frames: the last one is the request
            }
            Map<String, Object> reply = handle(body == null ? new byte[0] : body);
            try {
                socket.sendMore(identity);
                if (!socket.send(toJson(reply))) {
                    log.warn("control: could not answer a client (it went away?)");
                }
            } catch (ZMQException e) {
                log.warn("control: could not answer a client: {}", e.getMessage());
            }
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
        Map<String, Object> args = new LinkedHashMap<>(request);
        args.remove("cmd");
        Object rid = args.remove("rid");
        Map<String, Object> reply = new LinkedHashMap<>();
        if (rid != null) {
            reply.put("rid", rid);   // lets a client match answers to questions
        }
        if (!(cmd instanceof String)) {
            malformed.incrementAndGet();
            reply.put("ok", false);
            reply.put("error", "missing \"cmd\"");
            return reply;
        }
        if ("ping".equals(cmd)) {
            reply.put("ok", true);
            return reply;
        }
        handled.incrementAndGet();
        try {
            reply.put("ok", true);
            reply.putAll(handler.handle(new ControlCommand((String) cmd, args)));
        } catch (Exception e) {
            reply.put("ok", false);
            reply.put("error", String.valueOf(e.getMessage()));
        }
        return reply;
    }

    private static byte[] toJson(Map<String, Object> reply) {
        try {
            return JSON.writeValueAsBytes(reply);
        } catch (Exception e) {
            return ("{\"ok\":false,\"error\":\"reply not serialisable\"}").getBytes();
        }
    }

    /** The endpoint actually bound (with the port filled in when the config said {@code *}). */
    public String endpoint() { return boundEndpoint; }

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
    }
}
