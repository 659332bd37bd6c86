package org.stationd.control;

import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * What happened to a client socket's connection to a host (a ZeroMQ monitor): refused (nothing
 * listens there), greeted (a ZeroMQ peer answered), dropped after the greeting (the host turned our
 * keys away, or went). They end a client's wait early (a refused connection is known at once); a
 * client never waits on them alone, as a monitor attached while the connection is made can miss its first events.
 */
public final class PeerWatch implements AutoCloseable {
    private static final int EVENTS = ZMQ.EVENT_CONNECTED | ZMQ.EVENT_CONNECT_RETRIED | ZMQ.EVENT_HANDSHAKE_PROTOCOL | ZMQ.EVENT_DISCONNECTED
            | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;

    private final ZContext context;
    private final ZMQ.Socket monitor;
    private final Thread reader;
    private volatile boolean running = true;
    private int refused;
    private int reached;
    private int greeted;
    private int dropped;

    /** Attach before the socket connects, on the thread that owns it, so no event goes unseen. */
    public PeerWatch(ZContext context, ZMQ.Socket socket) {
        this.context = context;
        String address = "inproc://peer-" + UUID.randomUUID();
        socket.monitor(address, EVENTS);
        monitor = context.createSocket(SocketType.PAIR);
        monitor.setReceiveTimeOut(200);
        monitor.connect(address);
        reader = Thread.ofPlatform().name("zmq-peer-watch").daemon(true).start(this::read);
    }

    private void read() {
        try {
            while (running) {
                ZMQ.Event e;
                try {
                    e = ZMQ.Event.recv(monitor);
                } catch (ZMQException closed) {
                    return;
                }
                if (e == null) continue;
                synchronized (this) {
                    switch (e.getEvent()) {
                        case ZMQ.EVENT_CONNECTED -> reached++;
                        case ZMQ.EVENT_CONNECT_RETRIED -> refused++;
                        case ZMQ.EVENT_HANDSHAKE_PROTOCOL -> greeted++;
                        default -> dropped++;   // disconnected, or a failed security handshake
                    }
                    notifyAll();
                }
            }
        } finally {
            context.destroySocket(monitor);
        }
    }

    /** Nothing listens at the endpoint: connecting was refused twice (a host binding just then gets a second chance), and no connection was ever taken. */
    public synchronized boolean refused() {
        return refused >= 2 && greeted == 0 && reached == 0;   // a host that closes on us is retried too: it did take the connection
    }

    /**
     * A peer dropped us twice (it is turning us away, or it is going), or it took the connection and
     * closed it before any ZeroMQ greeting: a host that wants keys we lack does that at once, every
     * time, and waiting for a second drop only kept the operator waiting out the whole time limit.
     */
    public synchronized boolean turnedAway() {
        return dropped >= 2 || (dropped >= 1 && reached >= 1 && greeted == 0);
    }

    /** What the connection came to, in a few words for a client's error line (events may be missed: a guide, not a verdict). */
    public synchronized String outcome() {
        if (refused()) return "nothing listens there";
        if (turnedAway()) return "a host there turned us away";
        if (greeted > 0) return "a host there took the connection but did not answer";
        if (reached > 0 && dropped > 0) return "the connection was closed before a ZeroMQ greeting: a host that wants keys we lack, or not a stationd host";
        if (reached > 0) return "something there took the connection but never greeted us as a ZeroMQ peer";
        return "nothing was heard on the connection";
    }

    @Override
    public synchronized String toString() {
        return "reached " + reached + ", refused " + refused + ", greeted " + greeted + ", dropped " + dropped;
    }

    /** Waits for the next event (or {@code millis}): callers re-check what they wait for. */
    public synchronized void awaitEvent(long millis) throws InterruptedException {
        if (millis > 0) wait(millis);
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
