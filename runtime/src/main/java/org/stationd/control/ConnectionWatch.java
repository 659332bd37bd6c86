package org.stationd.control;

import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Watches who connects to one of the host's sockets (a ZeroMQ monitor) and counts those turned away
 * before their handshake: a client without CURVE keys or speaking something else than ZeroMQ (closed
 * before its handshake), one with the wrong host key (handshake failed). Keys that are not an
 * authorised operator's are refused by the {@link OperatorGate}, which counts them.
 */
final class ConnectionWatch implements AutoCloseable {
    private static final int FAILED_NO_DETAIL = zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL;
    private static final int FAILED_PROTOCOL = zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL;
    private static final int FAILED_AUTH = zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;
    private static final int EVENTS = ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_HANDSHAKE_PROTOCOL
            | FAILED_NO_DETAIL | FAILED_PROTOCOL | FAILED_AUTH;

    private final ZContext context;
    private final Refusals refusals;
    private final AtomicLong disconnected = new AtomicLong();
    private volatile boolean running = true;
    private ZMQ.Socket monitor;
    private Thread monitorThread;

    /** {@code socket} names the watched socket in the log. */
    ConnectionWatch(ZContext zmq, String socket) {
        this.context = zmq;
        this.refusals = new Refusals(socket);
    }

    /** Called before the socket binds, on the thread that owns it, so no connection goes unseen. */
    void attach(ZMQ.Socket socket) {
        String address = "inproc://monitor-" + UUID.randomUUID();
        socket.monitor(address, EVENTS);
        monitor = context.createSocket(SocketType.PAIR);
        monitor.setReceiveTimeOut(200);
        monitor.connect(address);
        monitorThread = Thread.ofPlatform().name("zmq-monitor").daemon(true).start(this::readEvents);
    }

    private void readEvents() {
        // connections accepted whose ZeroMQ greeting has not completed yet, oldest first; events come
        // in order from the context's I/O thread, so a close that finds its channel here never greeted
        Deque<SocketChannel> greeting = new ArrayDeque<>();
        Map<SocketChannel, String> peers = new IdentityHashMap<>();
        try {
            while (running) {
                ZMQ.Event e;
                try {
                    e = ZMQ.Event.recv(monitor);
                } catch (ZMQException ex) {
                    return;
                }
                if (e == null) {
                    continue;
                }
                Object value = e.resolveValue();
                switch (e.getEvent()) {
                    case ZMQ.EVENT_ACCEPTED -> {
                        if (value instanceof SocketChannel ch) {
                            greeting.addLast(ch);
                            peers.put(ch, remote(ch));
                        }
                    }
                    case ZMQ.EVENT_HANDSHAKE_PROTOCOL -> greeting.pollFirst();
                    case ZMQ.EVENT_DISCONNECTED -> {
                        String peer = value instanceof SocketChannel ch ? peers.remove(ch) : null;
                        if (value instanceof SocketChannel ch && greeting.remove(ch)) {
                            refuse(peer, "closed before a ZeroMQ handshake (no CURVE keys, or not a ZeroMQ client)");
                        } else {
                            disconnected.incrementAndGet();
                        }
                    }
                    case FAILED_PROTOCOL, FAILED_NO_DETAIL, FAILED_AUTH ->
                            refuse(null, "security handshake failed (" + value + "; the wrong host key?)");
                    default -> { }
                }
            }
        } finally {
            context.destroySocket(monitor);
        }
    }

    private static String remote(SocketChannel ch) {
        try {
            return String.valueOf(ch.getRemoteAddress()).replaceFirst("^/", "");
        } catch (Exception closedAlready) {
            return null;
        }
    }

    private void refuse(String peer, String why) {
        refusals.refuse(peer, why);
    }

    /** Connections turned away before they could send a command. */
    long refused() { return refusals.count(); }

    /** Connections that ended after their handshake: closed by the operator, or dropped by ZeroMQ (a message over its maximum). */
    long disconnected() { return disconnected.get(); }

    @Override
    public void close() {
        running = false;
        join(monitorThread);
    }

    private static void join(Thread t) {
        if (t == null) return;
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
