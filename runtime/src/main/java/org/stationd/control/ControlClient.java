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
    private final ZMQ.Socket socket;
    private final String endpoint;

    public ControlClient(String endpoint, int timeoutMillis) {
        this.endpoint = endpoint;
        socket = zmq.createSocket(SocketType.DEALER);
        socket.setReceiveTimeOut(timeoutMillis);
        socket.setLinger(0);
        socket.connect(endpoint);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> send(Map<String, Object> command) throws IOException {
        socket.send(JSON.writeValueAsBytes(command));
        byte[] reply = socket.recv();
        if (reply == null) {
            throw new IOException("no answer from a stationd host at " + endpoint + "; is './stationd run' running?");
        }
        return JSON.readValue(reply, Map.class);
    }

    @Override
    public void close() {
        zmq.close();
    }
}
