package org.stationd.control;

import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZAuth;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Watches who connects to the control socket (a ZeroMQ monitor, and ZAuth's decisions when CURVE
 * is on) and counts those turned away: a client without CURVE keys or speaking something else than
 * ZeroMQ (closed before its handshake), one with the wrong host key (handshake failed), one whose key
 * is not among the authorised operators (ZAuth denied). Each is logged, a few per minute and reason at most,
 * since a refused ZeroMQ client reconnects on its own every fraction of a second.
 */
final class ConnectionWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionWatch.class);
    private static final int FAILED_NO_DETAIL = zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL;
    private static final int FAILED_PROTOCOL = zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL;
    private static final int FAILED_AUTH = zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;
    private static final int EVENTS = ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_HANDSHAKE_PROTOCOL
            | FAILED_NO_DETAIL | FAILED_PROTOCOL | FAILED_AUTH;
    private static final int LOGS_PER_MINUTE = 5;

    private final ZContext context;
    private final ZAuth auth;   // null without keys
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong disconnected = new AtomicLong();
    private volatile boolean running = true;
    private ZMQ.Socket monitor;
    private Thread monitorThread;
    private Thread authThread;
    private final Map<String, long[]> windows = new java.util.HashMap<>();   // per reason: minute start, logged, suppressed

    /** With keys: installs ZAuth on the context so only operators in {@code keys.operators()} get through. */
    ConnectionWatch(ZContext zmq, ControlKeys.Host keys) {
        this.context = zmq;
        if (keys == null) {
            auth = null;
        } else {
            auth = new ZAuth(zmq);
            auth.setVerbose(false);
            auth.replies(true);
            auth.configureCurve(keys.operators().toAbsolutePath().toString());   // ZCertStore: re-read when the folder changes
            authThread = Thread.ofPlatform().name("control-auth").daemon(true).start(this::readAuthReplies);
        }
    }

    /** Called on the control thread before the socket binds, so no connection goes unseen. */
    void attach(ZMQ.Socket socket) {
        String address = "inproc://control-monitor-" + UUID.randomUUID();
        socket.monitor(address, EVENTS);
        monitor = context.createSocket(SocketType.PAIR);
        monitor.setReceiveTimeOut(200);
        monitor.connect(address);
        monitorThread = Thread.ofPlatform().name("control-monitor").daemon(true).start(this::readEvents);
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

    private void readAuthReplies() {
        while (running) {
            ZAuth.ZapReply reply;
            try {
                reply = auth.nextReply(200);
            } catch (RuntimeException e) {
                return;   // the context is closing
            }
            if (reply != null && reply.statusCode != 200) {
                refuse(reply.address, "its key is not an authorised operator's (" + reply.statusText + ")");
            }
        }
    }

    private static String remote(SocketChannel ch) {
        try {
            return String.valueOf(ch.getRemoteAddress()).replaceFirst("^/", "");
        } catch (Exception closedAlready) {
            return null;
        }
    }

    private synchronized void refuse(String peer, String why) {
        long n = refused.incrementAndGet();
        long now = System.nanoTime();
        long[] w = windows.computeIfAbsent(why, k -> new long[] {now, 0, 0});
        if (now - w[0] > 60_000_000_000L) {
            if (w[2] > 0) {
                log.warn("control: {} more client(s) refused in the last minute: {}", w[2], why);
            }
            w[0] = now;
            w[1] = 0;
            w[2] = 0;
        }
        if (w[1]++ < LOGS_PER_MINUTE) {
            log.warn("control: refused a client{}: {}; refused so far: {}", peer == null ? "" : " from " + peer, why, n);
        } else {
            w[2]++;
        }
    }

    /** Connections turned away before they could send a command. */
    long refused() { return refused.get(); }

    /** Connections that ended after their handshake: closed by the operator, or dropped by ZeroMQ (a message over its maximum). */
    long disconnected() { return disconnected.get(); }

    @Override
    public void close() {
        running = false;
        join(monitorThread);
        join(authThread);
        if (auth != null) {
            auth.close();
        }
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
