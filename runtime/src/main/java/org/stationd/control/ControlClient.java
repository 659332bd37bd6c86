package org.stationd.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** What {@code ./stationd status|swap|reload|schedule} use to talk to a running host. */
public final class ControlClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ControlClient.class);
    private final ZContext zmq = quiet(new ZContext());
    private ZMQ.Socket socket;
    private PeerWatch peer;
    private final String endpoint;
    private final int timeoutMillis;
    private final ControlKeys.Operator keys;

    public ControlClient(String endpoint, int timeoutMillis) {
        this(endpoint, timeoutMillis, null);
    }

    /** With an operator's keys: a CURVE client of the host whose public key they hold. */
    public ControlClient(String endpoint, int timeoutMillis, ControlKeys.Operator keys) {
        this.endpoint = endpoint;
        this.timeoutMillis = timeoutMillis;
        this.keys = keys;
        socket = open();
    }

    /**
     * ZeroMQ's I/O threads print their exceptions by default; closing after a host refused us can
     * raise one (a closed channel), and no stack trace should reach an operator's terminal.
     */
    private static ZContext quiet(ZContext context) {
        Thread.UncaughtExceptionHandler debug = (t, e) -> log.debug("zeromq {}: {}", t.getName(), e.toString());
        context.setUncaughtExceptionHandler(debug);
        context.setNotificationExceptionHandler(debug);
        return context;
    }

    private ZMQ.Socket open() {
        ZMQ.Socket s = ZmqSockets.client(zmq, SocketType.DEALER);
        s.setReceiveTimeOut(timeoutMillis);
        s.setLinger(0);
        if (keys != null) {
            keys.apply(s);
        }
        peer = new PeerWatch(zmq, s);
        s.connect(endpoint);
        return s;
    }

    private String hint() {
        return keys == null ? "is './stationd run' running? (a host with control keys answers only operators with keys: STATIOND_CONTROL_KEYS)"
                : "is './stationd run' running, and are these operator keys authorised there (in its keys' operators folder)?";
    }

    private long nextId;
    private boolean connected;
    /** The id of the first ping of this connection, and how long to wait for the next one's answer. */
    private long firstPing;
    private int pingWait = 500;

    /**
     * Sends a command and waits for its answer. The first call makes sure the host answers at all
     * (a ping, repeated until it does), so a request is never lost to a connection still being set
     * up; answers carry the request's id, so a late answer is never taken for another's. Nothing
     * listening, or a host that keeps dropping us (our keys), is known from the connection's events
     * at once; a connection that is up is waited on (a loaded host may take its time).
     */
    public Map<String, Object> send(Map<String, Object> command) throws IOException {
        if (!connected) {
            long end = System.currentTimeMillis() + timeoutMillis;
            while (!connected) {
                if (peer.refused() || peer.turnedAway() || System.currentTimeMillis() > end) {
                    throw new IOException("no answer from a stationd host at " + endpoint + " (" + peer.outcome() + "); " + hint());
                }
                // a ping sent before the connection is up waits in the socket for it; any ping answered proves the host (a
                // loaded host may answer each one after the next was sent). The connection's events only end the wait early:
                // they can be lost (a monitor attached as the connection is made misses its first events), so nothing waits on them
                if (firstPing == 0) firstPing = nextId + 1;
                connected = exchange(Map.of("cmd", "ping"), pingWait, firstPing) != null;
                pingWait = Math.min(4_000, pingWait * 2);
            }
        }
        Map<String, Object> reply = exchange(command, timeoutMillis, 0);
        if (reply == null) {
            throw new IOException("no answer from a stationd host at " + endpoint + " within " + timeoutMillis / 1000 + " s (" + peer.outcome() + "); " + hint());
        }
        reply.remove("rid");
        return reply;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> exchange(Map<String, Object> command, int waitMillis, long acceptFrom) throws IOException {
        long rid = ++nextId;
        long lowest = acceptFrom > 0 ? acceptFrom : rid;   // the answers taken: this request's, or (pings) any since the first
        Map<String, Object> withId = new java.util.LinkedHashMap<>(command);
        withId.put("rid", rid);
        long end = System.currentTimeMillis() + waitMillis;
        socket.setSendTimeOut(waitMillis);   // a DEALER with no connection yet (a host that refuses our keys) would wait for ever
        if (!socket.send(JSON.writeValueAsBytes(withId))) {
            return null;
        }
        while (true) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            socket.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE, left));
            byte[] reply = socket.recv();
            if (reply == null) {
                return null;
            }
            Map<String, Object> m;
            try {
                m = JSON.readValue(reply, Map.class);
            } catch (com.fasterxml.jackson.core.JacksonException notJson) {
                continue;   // not a stationd host's answer (its parser's text is no use to an operator)
            }
            if (m != null && m.get("rid") instanceof Number n && n.longValue() >= lowest && n.longValue() <= rid) {
                return m;
            }
            // an answer to an earlier request that arrived late: skip it
        }
    }



    @Override
    public void close() {
        peer.close();
        zmq.close();
    }
}
