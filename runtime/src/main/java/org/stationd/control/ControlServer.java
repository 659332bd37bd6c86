package org.stationd.control;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import zmq.Msg;
import zmq.SocketBase;
import zmq.io.Metadata;

/**
 * The operator's way in: a ZeroMQ ROUTER socket taking one JSON command per message and answering
 * with one JSON reply. With keys (see {@link ControlKeys}) it is a CURVE server behind the host's
 * {@link OperatorGate}: only operators whose certificates are in the keys' operators folder get in; a
 * read-only operator may only look.
 * <p>
 * No client can stop or stall it. The control thread only reads requests and sends replies: each
 * command runs on its own (virtual) thread, a few at a time per client, and its reply is sent when
 * it finishes, without blocking: a reply its client cannot take (gone, or not reading) is dropped and
 * counted. A request over {@link #MAX_REQUEST_BYTES} or not a JSON object gets an error reply and is
 * counted; ZeroMQ itself drops a peer whose message is over {@link #MAX_MESSAGE_BYTES} before the host
 * reads it.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    /** Requests are small JSON objects; a bigger one is answered with an error. */
    public static final int MAX_REQUEST_BYTES = Requests.MAX_REQUEST_BYTES;
    /** ZeroMQ's own limit (ZMQ_MAXMSGSIZE): a peer sending more is disconnected, nothing is buffered. */
    public static final long MAX_MESSAGE_BYTES = 1024 * 1024;
    /** Commands of one client in progress at once; more are answered "busy" at once. */
    public static final int MAX_COMMANDS_PER_CLIENT = 8;
    /** Commands in progress at once over all clients. */
    public static final int MAX_COMMANDS = 64;
    /**
     * A command that has not finished by then is answered with an error. Its thread is left to finish:
     * an interrupt could land in the middle of a database write (H2 closes its file on one).
     */
    public static final Duration COMMAND_LIMIT = Duration.ofSeconds(30);
    /** Replies waiting in ZeroMQ for one client that does not read them; past this they are dropped. */
    private static final int REPLIES_QUEUED_PER_CLIENT = 64;
    /** What a read-only operator may do. */
    private static final Set<String> READ_ONLY_COMMANDS = Set.of("ping", "status", "schedule-list");

    private ZMQ.Socket socket;   // created, used and closed on the control thread only
    private final ControlHandler handler;
    private final Duration commandLimit;
    private final ConnectionWatch watch;
    private final OperatorGate gate;   // null without keys
    private final boolean ownsGate;
    private final Outbox outbox = new Outbox();
    private final Map<ByteBuffer, Integer> inProgress = new HashMap<>();   // control thread only
    private int commandsInProgress;                                          // control thread only
    private final Thread thread;
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong forbidden = new AtomicLong();
    private final AtomicLong busy = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private volatile boolean running = true;
    private volatile String boundEndpoint;

    /** Without keys: for an endpoint on this machine only (the config refuses anything else). */
    public ControlServer(ZContext zmq, String endpoint, ControlHandler handler) {
        this(zmq, endpoint, (OperatorGate) null, handler);
    }

    /** With keys of its own (null: none): the server opens, and closes, the context's {@link OperatorGate}. */
    public ControlServer(ZContext zmq, String endpoint, ControlKeys.Host keys, ControlHandler handler) {
        this(zmq, endpoint, keys == null ? null : new OperatorGate(zmq, keys), true, handler, COMMAND_LIMIT);
    }

    /** Guarded by the host's gate (null: no keys), which the host also uses for its publish socket and closes itself. */
    public ControlServer(ZContext zmq, String endpoint, OperatorGate gate, ControlHandler handler) {
        this(zmq, endpoint, gate, false, handler, COMMAND_LIMIT);
    }


    /** Loopback, without keys, with another limit for a command (tests). */
    ControlServer(ZContext zmq, String endpoint, ControlHandler handler, Duration commandLimit) {
        this(zmq, endpoint, null, false, handler, commandLimit);
    }

    private ControlServer(ZContext zmq, String endpoint, OperatorGate gate, boolean ownsGate, ControlHandler handler, Duration commandLimit) {
        this.commandLimit = commandLimit;
        Endpoints.requireKeysBeyondLoopback("control", endpoint, gate);
        this.handler = handler;
        this.gate = gate;
        this.ownsGate = ownsGate;
        this.watch = new ConnectionWatch(zmq, "control");
        CompletableFuture<Void> bound = new CompletableFuture<>();
        // ZeroMQ sockets belong to one thread: the control thread creates, binds, uses and closes this one
        this.thread = Thread.ofPlatform().name("control").daemon(true).start(() -> {
            try {
                socket = zmq.createSocket(SocketType.ROUTER);
                socket.setLinger(0);
                socket.setRouterMandatory(true);   // a reply nobody can take fails (and is counted), it is not lost silently
                socket.setSndHWM(REPLIES_QUEUED_PER_CLIENT);
                socket.setMaxMsgSize(MAX_MESSAGE_BYTES);
                if (gate != null) {
                    gate.guard(socket);
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
                loop(zmq);
            } finally {
                zmq.destroySocket(socket);
            }
        });
        try {
            bound.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            close();
            throw new IllegalStateException("cannot listen for operators on " + endpoint + ": " + e.getCause().getMessage()
                    + " (is another stationd running? set control: in stations.yaml)", e.getCause());
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot listen for operators on " + endpoint, e);
        }
    }

    private void loop(ZContext zmq) {
        ZMQ.Poller poller = zmq.createPoller(2);
        poller.register(socket, ZMQ.Poller.POLLIN);
        poller.register(outbox.signal(), ZMQ.Poller.POLLIN);
        try {
            while (running) {
                try {
                    poller.poll(200);   // and look at 'running' again
                    outbox.clearSignal();
                    readRequests();
                    sendReplies();
                } catch (Throwable e) {
                    if (!running) return;
                    // nothing a client sends may end the control thread
                    log.error("control: {}", e.toString(), e);
                }
            }
        } finally {
            poller.close();
        }
    }

    /** Every request waiting, a bounded batch at a time so replies go out between bursts. */
    private void readRequests() {
        SocketBase base = socket.base();
        for (int n = 0; n < 256; n++) {
            Msg identity = base.recv(ZMQ.DONTWAIT);
            if (identity == null) {
                return;
            }
            // the rest of the message: one JSON frame (DEALER), or an empty delimiter and one (REQ); a message's frames arrive together
            Msg first = null;
            Msg second = null;
            int frames = 0;
            boolean more = identity.hasMore();
            while (more) {
                Msg m = base.recv(ZMQ.DONTWAIT);
                if (m == null) break;
                frames++;
                if (frames == 1) first = m;
                else if (frames == 2) second = m;
                more = m.hasMore();
            }
            boolean envelope = frames == 2 && first.size() == 0;
            Outbox.Client client = new Outbox.Client(identity.data(), envelope);
            if (frames == 1 || envelope) {
                request(client, envelope ? second : first);
            } else {
                malformed.incrementAndGet();
                log.warn("control: a request of {} frames refused (one JSON frame expected)", frames);
                reply(client, Requests.error(null, "one JSON object per message, e.g. {\"cmd\": \"status\"}; got " + frames + " frames"));
            }
        }
    }

    private void request(Outbox.Client client, Msg frame) {
        Requests.Request request;
        byte[] body = frame.data() == null ? new byte[0] : frame.data();
        try {
            request = Requests.parse(body);
        } catch (Requests.Bad bad) {
            long n = (bad.oversized ? oversized : malformed).incrementAndGet();
            log.warn("control: {} request of {} bytes refused; so far: {}", bad.oversized ? "an oversized" : "a malformed", body.length, n);
            reply(client, Requests.error(bad.rid, bad.getMessage()));
            return;
        }
        Object rid = request.rid();
        String command = request.command().cmd();
        Metadata meta = frame.getMetadata();
        String role = meta == null ? null : meta.get(ControlKeys.META_ROLE);
        if (ControlKeys.READ_ONLY.equals(role) && !READ_ONLY_COMMANDS.contains(command)) {
            forbidden.incrementAndGet();
            log.warn("control: read-only operator {} may not '{}'", operator(meta), command);
            reply(client, Requests.error(rid, "operator " + operator(meta) + " is read-only: it may use "
                    + String.join(", ", READ_ONLY_COMMANDS.stream().sorted().toList())));
            return;
        }
        if ("ping".equals(command)) {
            reply(client, Requests.ok(rid, null));   // the client's "are you there": not a command
            return;
        }
        int mine = inProgress.getOrDefault(client.key(), 0);
        if (mine >= MAX_COMMANDS_PER_CLIENT || commandsInProgress >= MAX_COMMANDS) {
            busy.incrementAndGet();
            reply(client, Requests.error(rid, "busy: " + (mine >= MAX_COMMANDS_PER_CLIENT ? MAX_COMMANDS_PER_CLIENT + " commands of yours are"
                    : MAX_COMMANDS + " commands are") + " still in progress; ask again when they are answered"));
            return;
        }
        inProgress.put(client.key(), mine + 1);
        commandsInProgress++;
        handled.incrementAndGet();
        if (!READ_ONLY_COMMANDS.contains(command) && meta != null && meta.get(Metadata.USER_ID) != null) {
            log.info("control: operator {} asks '{}'", operator(meta), command);
        }
        run(client, rid, request.command());
    }

    /** The command on its own thread; its reply goes out through the outbox when it finishes or runs out of time. */
    private void run(Outbox.Client client, Object rid, ControlCommand command) {
        CompletableFuture<Map<String, Object>> done = new CompletableFuture<>();
        Thread.ofVirtual().name("control-" + command.cmd()).start(() -> {
            try {
                done.complete(handler.handle(command));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        done.orTimeout(commandLimit.toMillis(), TimeUnit.MILLISECONDS).whenComplete((result, error) ->
                outbox.post(new Outbox.Outgoing(client, outcome(rid, command, result, error), true)));
    }

    private Map<String, Object> outcome(Object rid, ControlCommand command, Map<String, Object> result, Throwable error) {
        if (error instanceof CompletionException wrapped && wrapped.getCause() != null) error = wrapped.getCause();
        if (error == null) {
            return Requests.ok(rid, result);
        }
        if (error instanceof CommandRefused refused) {
            return Requests.error(rid, refused.getMessage());
        }
        failed.incrementAndGet();
        if (error instanceof TimeoutException) {
            log.error("control: '{}' did not finish within {} ms", command.cmd(), commandLimit.toMillis());
            return Requests.error(rid, "'" + command.cmd() + "' did not finish within " + seconds(commandLimit) + "; the host's log may say why");
        }
        // a fault of the host, not of the request: its text is for the log, never for the client
        log.error("control: '{}' failed", command.cmd(), error);
        return Requests.error(rid, "'" + command.cmd() + "' failed inside the host; its log says why");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private void reply(Outbox.Client client, Map<String, Object> reply) {
        outbox.post(new Outbox.Outgoing(client, reply, false));
    }

    private void sendReplies() {
        for (Outbox.Outgoing o = outbox.next(); o != null; o = outbox.next()) {
            if (o.finishesCommand()) {
                inProgress.computeIfPresent(o.client().key(), (k, n) -> n > 1 ? n - 1 : null);
                commandsInProgress--;
            }
            if (!send(o.client(), Requests.toJson(o.reply()))) {
                long n = unanswered.incrementAndGet();
                if (Long.bitCount(n) == 1) {   // 1, 2, 4, 8 ...: a client that never reads must not flood the log
                    log.warn("control: a reply was dropped: its client went away or does not read its replies; dropped so far: {}", n);
                }
            }
        }
    }

    /** Never waits: a client whose queue is full, or who is gone, does not get this reply. */
    private boolean send(Outbox.Client client, byte[] body) {
        SocketBase base = socket.base();
        if (!base.send(new Msg(client.identity()), ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
            return false;   // EHOSTUNREACH (gone) or EAGAIN (its queue is full): ROUTER_MANDATORY says so on the first frame
        }
        if (client.envelope() && !base.send(new Msg(), ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
            return false;
        }
        return base.send(new Msg(body), ZMQ.DONTWAIT);
    }

    private static String operator(Metadata meta) {
        String name = meta.get(ControlKeys.META_NAME);
        return name != null ? name : String.valueOf(meta.get(Metadata.USER_ID));
    }

    /** The endpoint actually bound (with the port filled in when the config said {@code *}). */
    public String endpoint() { return boundEndpoint; }

    public long handled() { return handled.get(); }
    /** Requests that were not one JSON object with a "cmd" (answered with an error). */
    public long malformed() { return malformed.get(); }
    /** Requests over {@link #MAX_REQUEST_BYTES} (answered with an error). */
    public long oversized() { return oversized.get(); }
    /** Clients turned away before they could send anything (no or wrong keys, not ZeroMQ); keys refused by a shared gate count here too. */
    public long refused() { return watch.refused() + (gate == null ? 0 : gate.denied()); }
    /** Connections that ended after their handshake, including peers ZeroMQ dropped for a message over {@link #MAX_MESSAGE_BYTES}. */
    public long disconnected() { return watch.disconnected(); }
    /** Commands a read-only operator was not allowed. */
    public long forbidden() { return forbidden.get(); }
    /** Commands answered "busy" because their client (or all clients) had too many in progress. */
    public long busy() { return busy.get(); }
    /** Commands that failed inside the host or ran out of time (logged; the client got a plain error). */
    public long failed() { return failed.get(); }
    /** Replies dropped because their client went away or did not read them. */
    public long unanswered() { return unanswered.get(); }

    public Map<String, Object> counters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("handled", handled());
        m.put("malformed", malformed());
        m.put("oversized", oversized());
        m.put("refused", refused());
        m.put("forbidden", forbidden());
        m.put("disconnected", disconnected());
        m.put("busy", busy());
        m.put("failed", failed());
        m.put("unanswered", unanswered());
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
        outbox.close();
        if (ownsGate && gate != null) {
            gate.close();
        }
    }
}
