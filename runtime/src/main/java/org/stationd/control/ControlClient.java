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
    private final ZContext zmq = new ZContext();
    private ZMQ.Socket socket;
    private final String endpoint;
    private final int timeoutMillis;

    public ControlClient(String endpoint, int timeoutMillis) {
        this.endpoint = endpoint;
        this.timeoutMillis = timeoutMillis;
        socket = zmq.createSocket(SocketType.DEALER);
        socket.setReceiveTimeOut(timeoutMillis);
        socket.setLinger(0);
        socket.connect(endpoint);
    }

    private long nextId;
    private boolean connected;

    /**
     * Sends a command and waits for its answer. The first call makes sure the host answers at all
     * (a ping, repeated until it does), so a request is never lost to a connection still being
     * set up; answers carry the request's id, so a late answer is never taken for another's.
     */
    public Map<String, Object> send(Map<String, Object> command) throws IOException {
        if (!connected) {
            long end = System.currentTimeMillis() + Math.min(timeoutMillis, 10_000);
            int tries = 0;
            while (!connected) {
                connected = exchange(Map.of("cmd", "ping"), 500) != null;
                if (!connected && ++tries % 2 == 0) {
                    reconnect();   // a connection that is not getting through is replaced, not waited on
                }
                if (!connected && System.currentTimeMillis() > end) {
                    throw new IOException("no answer from a stationd host at " + endpoint + "; is './stationd run' running?");
                }
            }
        }
        Map<String, Object> reply = exchange(command, timeoutMillis);
        if (reply == null) {
            throw new IOException("no answer from a stationd host at " + endpoint + " within " + timeoutMillis / 1000 + " s; is './stationd run' running?");
        }
        reply.remove("rid");
        return reply;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> exchange(Map<String, Object> command, int waitMillis) throws IOException {
        long rid = ++nextId;
        Map<String, Object> withId = new java.util.LinkedHashMap<>(command);
        withId.put("rid", rid);
        socket.send(JSON.writeValueAsBytes(withId));
        long end = System.currentTimeMillis() + waitMillis;
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
            Map<String, Object> m = JSON.readValue(reply, Map.class);
            if (m.get("rid") instanceof Number n && n.longValue() == rid) {
                return m;
            }
            // an answer to an earlier ping that arrived late: skip it
        }
    }

    private void reconnect() {
        zmq.destroySocket(socket);
        socket = zmq.createSocket(SocketType.DEALER);
        socket.setLinger(0);
        socket.connect(endpoint);
    }

    @Override
    public void close() {
        zmq.close();
    }
}
