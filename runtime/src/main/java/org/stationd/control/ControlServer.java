package org.stationd.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.Msg;
import zmq.io.Metadata;

/**
 * The operator's way in: a ZeroMQ ROUTER socket taking one JSON command per message and answering
 * with one JSON reply. With keys (see {@link ControlKeys}) it is a CURVE server and ZAuth lets in
 * only the operators whose certificates are in the keys' operators folder; a read-only operator may
 * only look. Nothing a client sends can stop the host: a request over {@link #MAX_REQUEST_BYTES} or
 * a garbled one gets an error reply and is counted; ZeroMQ itself drops a peer whose message is over
 * {@link #MAX_MESSAGE_BYTES}, before the host reads it.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Requests are small JSON objects; a bigger one is answered with an error. */
    public static final int MAX_REQUEST_BYTES = 64 * 1024;
    /** ZeroMQ's own limit (ZMQ_MAXMSGSIZE): a peer sending more is disconnected, nothing is buffered. */
    public static final long MAX_MESSAGE_BYTES = 1024 * 1024;
    /** What a read-only operator may do. */
    private static final Set<String> READ_ONLY_COMMANDS = Set.of("ping", "status", "schedule-list");

    private ZMQ.Socket socket;   // created, used and closed on the control thread only
    private final ControlHandler handler;
    private final ConnectionWatch watch;
    private final Thread thread;
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong forbidden = new AtomicLong();
    private volatile boolean running = true;
    private volatile String boundEndpoint;

    /** Without keys: for an endpoint on this machine only (the config refuses anything else). */
    public ControlServer(ZContext zmq, String endpoint, ControlHandler handler) {
        this(zmq, endpoint, null, handler);
    }

    public ControlServer(ZContext zmq, String endpoint, ControlKeys.Host keys, ControlHandler handler) {
        if (keys == null && !Endpoints.isLoopback(endpoint)) {
            // stations.yaml is checked for this already; this holds for any other way of starting a host
            throw new IllegalArgumentException("control endpoint " + endpoint + " is reachable from the network: operators must be authenticated (./stationd keys)");
        }
        this.handler = handler;
        this.watch = new ConnectionWatch(zmq, keys);
        CompletableFuture<Void> bound = new CompletableFuture<>();
        // ZeroMQ sockets belong to one thread: the control thread creates, binds, uses and closes this one
        this.thread = Thread.ofPlatform().name("control").daemon(true).start(() -> {
            try {
                socket = zmq.createSocket(SocketType.ROUTER);
                socket.setReceiveTimeOut(200);
                socket.setLinger(0);
                socket.setRouterMandatory(true);   // an unroutable reply is an error we log, not a silent drop
                socket.setMaxMsgSize(MAX_MESSAGE_BYTES);
                if (keys != null) {
                    socket.setCurveServer(true);
                    socket.setCurvePublicKey(keys.cert().getPublicKey());
                    socket.setCurveSecretKey(keys.cert().getSecretKey());
                }
                watch.attach(socket);
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
            bound.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            watch.close();
            throw new IllegalStateException("cannot listen for operators on " + endpoint + ": " + e.getCause().getMessage()
                    + " (is another stationd running? set control: in stations.yaml)", e.getCause());
        } catch (Exception e) {
            watch.close();
            throw new IllegalStateException("cannot listen for operators on " + endpoint, e);
        }
    }

    private void loop() {
        while (running) {
            Msg identity;
            try {
                identity = socket.base().recv(0);
            } catch (ZMQException | IllegalStateException e) {
                if (!running) return;
                log.warn("control socket: {}", e.getMessage());
                continue;
            }
            if (identity == null) {
                continue;   // the receive timeout: look at 'running' again
            }
            // the rest of the message: one JSON frame (DEALER), or an empty delimiter and one (REQ)
            Msg first = null;
            Msg second = null;
            int frames = 0;
            boolean more = identity.hasMore();
            while (more) {
                Msg m = socket.base().recv(0);
                if (m == null) break;
                frames++;
                if (frames == 1) first = m;
                else if (frames == 2) second = m;
                more = m.hasMore();
            }
            boolean envelope = frames == 2 && first.size() == 0;
            Map<String, Object> reply;
            if (frames == 1 || envelope) {
                reply = handle(envelope ? second : first);
            } else {
                malformed.incrementAndGet();
                log.warn("control: a request of {} frames refused (one JSON frame expected)", frames);
                reply = error(null, "one JSON object per message, e.g. {\"cmd\": \"status\"}; got " + frames + " frames");
            }
            try {
                socket.sendMore(identity.data());
                if (envelope) {
                    socket.sendMore(new byte[0]);
                }
                if (!socket.send(toJson(reply))) {
                    log.warn("control: could not answer a client (it went away?)");
                }
            } catch (ZMQException e) {
                log.warn("control: could not answer a client: {}", e.getMessage());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> handle(Msg frame) {
        if (frame.size() > MAX_REQUEST_BYTES) {
            long n = oversized.incrementAndGet();
            log.warn("control: a request of {} bytes refused (limit {} bytes); oversized so far: {}", frame.size(), MAX_REQUEST_BYTES, n);
            return error(null, "request of " + frame.size() + " bytes is over the limit of " + MAX_REQUEST_BYTES + " bytes");
        }
        byte[] body = frame.data() == null ? new byte[0] : frame.data();
        Map<String, Object> request;
        try {
            request = JSON.readValue(body, Map.class);
            if (request == null) throw new IllegalArgumentException("null");
        } catch (Exception e) {
            malformed.incrementAndGet();
            log.warn("control: malformed message ignored ({} bytes): {}", body.length, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            return error(null, "not a JSON object: send {\"cmd\": \"status\"}");
        }
        Object cmd = request.get("cmd");
        Map<String, Object> args = new LinkedHashMap<>(request);
        args.remove("cmd");
        Object rid = args.remove("rid");
        if (!(cmd instanceof String command)) {
            malformed.incrementAndGet();
            return error(rid, "missing \"cmd\"");
        }
        Metadata meta = frame.getMetadata();
        String role = meta == null ? null : meta.get(ControlKeys.META_ROLE);
        if (ControlKeys.READ_ONLY.equals(role) && !READ_ONLY_COMMANDS.contains(command)) {
            forbidden.incrementAndGet();
            log.warn("control: read-only operator {} may not '{}'", operator(meta), command);
            return error(rid, "operator " + operator(meta) + " is read-only: it may use " + String.join(", ", READ_ONLY_COMMANDS.stream().sorted().toList()));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        if (rid != null) {
            reply.put("rid", rid);   // lets a client match answers to questions
        }
        reply.put("ok", true);
        if ("ping".equals(command)) {
            return reply;   // the client's "are you there": not a command
        }
        handled.incrementAndGet();
        if (!READ_ONLY_COMMANDS.contains(command) && meta != null && meta.get(Metadata.USER_ID) != null) {
            log.info("control: operator {} asks '{}'", operator(meta), command);
        }
        try {
            reply.putAll(handler.handle(new ControlCommand(command, args)));
        } catch (Exception e) {
            return error(rid, String.valueOf(e.getMessage()));
        }
        return reply;
    }

    private static String operator(Metadata meta) {
        String name = meta.get(ControlKeys.META_NAME);
        return name != null ? name : String.valueOf(meta.get(Metadata.USER_ID));
    }

    private static Map<String, Object> error(Object rid, String message) {
        Map<String, Object> reply = new LinkedHashMap<>();
        if (rid != null) reply.put("rid", rid);
        reply.put("ok", false);
        reply.put("error", message);
        return reply;
    }

    private static byte[] toJson(Map<String, Object> reply) {
        try {
            return JSON.writeValueAsBytes(reply);
        } catch (Exception e) {
            return ("{\"ok\":false,\"error\":\"reply not serialisable\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The endpoint actually bound (with the port filled in when the config said {@code *}). */
    public String endpoint() { return boundEndpoint; }

    public long handled() { return handled.get(); }
    /** Requests that were not one JSON object with a "cmd" (answered with an error). */
    public long malformed() { return malformed.get(); }
    /** Requests over {@link #MAX_REQUEST_BYTES} (answered with an error). */
    public long oversized() { return oversized.get(); }
    /** Clients turned away before they could send anything (no or wrong keys, not ZeroMQ). */
    public long refused() { return watch.refused(); }
    /** Connections that ended after their handshake, including peers ZeroMQ dropped for a message over {@link #MAX_MESSAGE_BYTES}. */
    public long disconnected() { return watch.disconnected(); }
    /** Commands a read-only operator was not allowed. */
    public long forbidden() { return forbidden.get(); }

    public Map<String, Object> counters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("handled", handled());
        m.put("malformed", malformed());
        m.put("oversized", oversized());
        m.put("refused", refused());
        m.put("forbidden", forbidden());
        m.put("disconnected", disconnected());
        return m;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watch.close();
    }
}
