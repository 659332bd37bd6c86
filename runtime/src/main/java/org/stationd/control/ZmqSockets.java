package org.stationd.control;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The ZeroMQ sockets that connect to a host (an operator's command line, its call feed, another
 * host's subscription).
 */
public final class ZmqSockets {
    /**
     * How long a connection's handshake may take before ZeroMQ drops it and connects again (its
     * default is 30 s). On a loaded machine a handshake now and then never completes (seen in
     * clean-checkout runs: a command line or a subscriber waited exactly 30 s more, plain and CURVE
     * alike); on loopback or a LAN a handshake takes milliseconds, so a stalled one costs seconds now.
     */
    public static final int HANDSHAKE_MS = 5_000;

    private ZmqSockets() {}

    /** A socket of {@code type} that connects to a host. */
    public static ZMQ.Socket client(ZContext zmq, SocketType type) {
        ZMQ.Socket s = zmq.createSocket(type);
        s.setHandshakeIvl(HANDSHAKE_MS);
        return s;
    }
}
