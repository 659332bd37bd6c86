package org.stationd.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.station.MessageBus;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Topic messages over ZeroMQ: published on this host's PUB socket as two frames (topic, JSON) and
 * delivered locally at once; messages from other hosts arrive through SUB connections. A garbled
 * message (wrong frame count, not JSON) is logged and counted and goes no further. With keys the PUB
 * socket is a CURVE server behind the host's {@link OperatorGate}, as the control socket is: only
 * authorised operators' keys may listen; without keys it may be bound on this machine only.
 */
public final class ZmqBus implements MessageBus, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ZmqBus.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Sub(String prefix, BiConsumer<String, Object> receiver) {}

    private final ZContext zmq;
    private final ConnectionWatch watch;
    private final OperatorGate gate;   // null without keys
    private final String boundEndpoint;
    private final ZMQ.Socket pub;
    private final ZMQ.Socket sub;
    private final Thread reader;
    private final List<Sub> subs = new CopyOnWriteArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean running = true;
    /** Connections to other hosts' PUB sockets (a cluster's peers): changed by the reader thread only, the socket's owner. */
    private final java.util.Set<String> peers = new java.util.HashSet<>();
    private volatile java.util.Set<String> wantedPeers = java.util.Set.of();
    /**
     * Hosts with keys, each on a SUB socket of its own (a CURVE client names one server key per
     * socket), by advertised endpoint; with {@link #poller} over them and {@link #sub}. Reader thread only.
     */
    private final java.util.Map<String, ZMQ.Socket> curvePeers = new java.util.HashMap<>();
    private ZMQ.Poller poller;

    /** Without keys: the publish endpoint must be on this machine. */
    public ZmqBus(ZContext zmq, String publishEndpoint, List<String> subscribeEndpoints) {
        this(zmq, publishEndpoint, subscribeEndpoints, null);
    }

    /** {@code gate}: the host's operator keys (null: none). */
    public ZmqBus(ZContext zmq, String publishEndpoint, List<String> subscribeEndpoints, OperatorGate gate) {
        Endpoints.requireKeysBeyondLoopback("publish", publishEndpoint, gate);
        this.zmq = zmq;
        this.watch = new ConnectionWatch(zmq, "publish");
        pub = zmq.createSocket(SocketType.PUB);
        pub.setLinger(0);
        if (gate != null) {
            gate.guardBus(pub);
        }
        watch.attach(pub);
        this.gate = gate;
        pub.bind(publishEndpoint);
        this.boundEndpoint = pub.getLastEndpoint();
        sub = ZmqSockets.client(zmq, SocketType.SUB);
        sub.setReceiveTimeOut(200);
        sub.setLinger(0);
        sub.subscribe(ZMQ.SUBSCRIPTION_ALL);
        subscribeEndpoints.forEach(sub::connect);
        reader = Thread.ofPlatform().name("zmq-sub").daemon(true).start(this::read);
    }

    @Override
    public void publish(String topic, Object data) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(data);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot publish on '" + topic + "': data is not JSON-like (" + e.getMessage() + ")");
        }
        synchronized (pub) {   // ZeroMQ sockets are not thread-safe; stations publish from many threads
            pub.sendMore(topic);
            pub.send(body);
        }
        deliver(topic, data);
    }

    @Override
    public AutoCloseable subscribe(String prefix, BiConsumer<String, Object> receiver) {
        Sub s = new Sub(prefix, receiver);
        subs.add(s);
        return () -> subs.remove(s);
    }

    private void deliver(String topic, Object data) {
        for (Sub s : subs) {
            if (topic.startsWith(s.prefix)) {
                try {
                    s.receiver.accept(topic, data);
                } catch (RuntimeException e) {
                    log.error("subscriber of '{}' failed", topic, e);
                }
            }
        }
    }

    /**
     * Subscribes to exactly these other hosts' publish sockets from now on (a cluster's live peers,
     * as {@link BusPeer} strings): new ones are connected, gone ones disconnected, within a receive
     * timeout (the reader thread does it: a ZeroMQ socket is used by one thread). A host with keys is
     * subscribed to with its advertised public key, presenting this host's; its key is let in on
     * this host's publish socket, so it can subscribe here in turn.
     */
    public void peers(java.util.Set<String> endpoints) {
        wantedPeers = java.util.Set.copyOf(endpoints);
        if (gate != null) {
            gate.hosts(endpoints.stream().map(BusPeer::parse).map(BusPeer::curveKey).filter(java.util.Objects::nonNull)
                    .collect(java.util.stream.Collectors.toSet()));
        }
    }

    /**
     * How to tell whether a key that subscribes is a live host's (the cluster's database) when the
     * last {@link #peers} did not name it: a host that just joined subscribes before this host's
     * next round, and ZeroMQ does not retry a connection whose key was refused.
     */
    public void trustHosts(java.util.function.Predicate<String> isLiveHostKey) {
        if (gate != null) gate.hostLookup(isLiveHostKey);
    }

    /** This host's public key (Z85) for the other hosts to subscribe with; null without keys. */
    public String publicKey() {
        return gate == null ? null : gate.publicKey();
    }

    private void syncPeers() {
        java.util.Set<String> wanted = wantedPeers;
        if (wanted.equals(peers)) return;
        for (String gone : java.util.List.copyOf(peers)) {
            if (wanted.contains(gone)) continue;
            try {
                ZMQ.Socket own = curvePeers.remove(gone);
                if (own != null) zmq.destroySocket(own);
                else sub.disconnect(BusPeer.parse(gone).endpoint());
            } catch (ZMQException e) {
                log.debug("zeromq: disconnecting {}: {}", gone, e.getMessage());
            }
            peers.remove(gone);
            log.info("zeromq: no longer subscribed to host {}", gone);
        }
        for (String added : wanted) {
            if (peers.contains(added)) continue;
            BusPeer peer = BusPeer.parse(added);
            try {
                if (peer.curveKey() == null) {
                    sub.connect(peer.endpoint());
                } else {
                    if (gate == null) {
                        log.warn("zeromq: host {} has operator keys and this one has none: give every host of the cluster keys", peer.endpoint());
                        peers.add(added);   // said once, not each round
                        continue;
                    }
                    ZMQ.Socket own = ZmqSockets.client(zmq, SocketType.SUB);
                    own.setLinger(0);
                    gate.client(own, peer.curveKey());
                    own.subscribe(ZMQ.SUBSCRIPTION_ALL);
                    own.connect(peer.endpoint());
                    curvePeers.put(added, own);
                }
                peers.add(added);
                log.info("zeromq: subscribed to host {}", peer.endpoint());
            } catch (ZMQException | IllegalArgumentException e) {
                log.warn("zeromq: cannot subscribe to host {}: {}", peer.endpoint(), e.getMessage());
            }
        }
        if (poller != null) poller.close();
        poller = null;
        if (!curvePeers.isEmpty()) {
            poller = zmq.createPoller(1 + curvePeers.size());
            poller.register(sub, ZMQ.Poller.POLLIN);
            curvePeers.values().forEach(own -> poller.register(own, ZMQ.Poller.POLLIN));
        }
    }

    /** The socket with a message to read, waiting up to the receive timeout; null when none. */
    private ZMQ.Socket ready() {
        if (poller == null) return sub;   // one socket: its receive times out by itself
        if (poller.poll(200) <= 0) return null;
        for (int i = 0; i < poller.getSize(); i++) {
            if (poller.pollin(i)) return poller.getSocket(i);
        }
        return null;
    }

    private void read() {
        while (running) {
            syncPeers();
            ZMQ.Socket from;
            byte[] first;
            try {
                from = ready();
                first = from == null ? null : from.recv(from == sub && poller == null ? 0 : ZMQ.DONTWAIT);
            } catch (ZMQException e) {
                if (!running) return;
                continue;
            }
            if (first == null) {
                continue;
            }
            received.incrementAndGet();
            if (!from.hasReceiveMore()) {
                malformed("a single frame; expected topic and JSON body");
                continue;
            }
            byte[] body = from.recv();
            while (from.hasReceiveMore()) {
                from.recv();   // drain extra frames of a garbled message
                body = null;
            }
            if (body == null) {
                malformed("more than two frames");
                continue;
            }
            String topic = new String(first, StandardCharsets.UTF_8);
            Object data;
            try {
                data = JSON.readValue(body, Object.class);
            } catch (Exception e) {
                malformed("body on '" + topic + "' is not JSON");
                continue;
            }
            deliver(topic, data);
        }
    }

    private void malformed(String why) {
        long n = malformed.incrementAndGet();
        log.warn("zeromq: dropped a malformed message ({}); malformed so far: {}", why, n);
    }

    /** The endpoint the PUB socket bound (with the port filled in when it was {@code *}). */
    public String publishEndpoint() { return boundEndpoint; }

    /** Subscribers turned away (no or wrong keys, not ZeroMQ); keys refused by the host's gate count here too. */
    public long refused() { return watch.refused() + (gate == null ? 0 : gate.denied()); }

    public long received() { return received.get(); }
    public long malformed() { return malformed.get(); }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (poller != null) poller.close();
        curvePeers.values().forEach(zmq::destroySocket);
        zmq.destroySocket(sub);
        zmq.destroySocket(pub);
        watch.close();
    }
}
