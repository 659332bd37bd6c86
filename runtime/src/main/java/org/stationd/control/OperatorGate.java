package org.stationd.control;

import org.zeromq.ZAuth;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * CURVE for the host's sockets that face the network (control and publish): they present the host's
 * certificate, and ZAuth lets in only the operators whose certificates are in the keys' operators
 * folder (re-read when it changes). ZAuth serves a whole ZeroMQ context, so a context has one gate,
 * opened before any socket it guards is bound (a CURVE socket without it would let any key in).
 * In a cluster the publish socket also lets in the other live hosts, by the keys they advertise in
 * the shared database ({@link #hosts}): they may listen to station messages, never send a command
 * (the control socket admits operators only).
 */
public final class OperatorGate implements AutoCloseable {
    private final ControlKeys.Host keys;
    private final ZAuth auth;
    private final Thread replies;
    private final Refusals denied = new Refusals("control and publish");
    private volatile boolean running = true;
    /** The publish socket's ZAP domain: where the cluster's hosts are let in as well as operators. */
    static final String BUS_DOMAIN = "stationd-bus";
    /** The public keys (Z85) of the cluster's other live hosts. */
    private volatile java.util.Set<String> hosts = java.util.Set.of();
    /** Asked for a key not among {@link #hosts}: a host that joined since this one's last round subscribes at once. */
    private volatile java.util.function.Predicate<String> liveHost = key -> false;

    public OperatorGate(ZContext zmq, ControlKeys.Host keys) {
        this.keys = keys;
        // ZAuth's own mechanisms, with CURVE widened on the publish socket's domain to the cluster's hosts
        ZAuth.Auth operators = new ZAuth.SimpleCurveAuth();
        ZAuth.Auth curve = new ZAuth.Auth() {
            @Override
            public boolean configure(org.zeromq.ZMsg msg, boolean verbose) {
                return operators.configure(msg, verbose);
            }

            @Override
            public boolean authorize(ZAuth.ZapRequest request, boolean verbose) {
                return operators.authorize(request, verbose)
                        || BUS_DOMAIN.equals(request.domain) && (hosts.contains(request.clientKey) || liveHost.test(request.clientKey));
            }
        };
        auth = new ZAuth(zmq, "ZAuth", java.util.Map.of("CURVE", curve, "PLAIN", new ZAuth.SimplePlainAuth(), "NULL", new ZAuth.SimpleNullAuth()));
        auth.setVerbose(false);
        auth.replies(true);
        auth.configureCurve(keys.operators().toAbsolutePath().toString());   // ZCertStore: re-read when the folder changes
        replies = Thread.ofPlatform().name("control-auth").daemon(true).start(this::readReplies);
    }

    /** Makes {@code socket} a CURVE server with the host's keys; call before it binds. */
    void guard(ZMQ.Socket socket) {
        socket.setCurveServer(true);
        socket.setCurvePublicKey(keys.cert().getPublicKey());
        socket.setCurveSecretKey(keys.cert().getSecretKey());
    }

    /** Makes {@code socket} the host's publish socket: a CURVE server that operators and the cluster's hosts may listen to. */
    void guardBus(ZMQ.Socket socket) {
        guard(socket);
        socket.setZapDomain(BUS_DOMAIN);
    }

    /** From now on the publish socket lets in these hosts' keys (Z85) too; the others' connections made before stay. */
    void hosts(java.util.Set<String> keys) {
        hosts = java.util.Set.copyOf(keys);
    }

    /** How to ask whether a key is a live host's, when it is not among those of the last round (the database). */
    void hostLookup(java.util.function.Predicate<String> isLiveHost) {
        liveHost = isLiveHost;
    }

    /** This host's public key (Z85), for the other hosts of a cluster to subscribe with. */
    String publicKey() {
        return keys.cert().getPublicKeyAsZ85();
    }

    /** Makes {@code socket} a CURVE client of another host whose public key is {@code serverKey} (Z85), presenting this host's keys. */
    void client(ZMQ.Socket socket, String serverKey) {
        socket.setCurveServerKey(ZMQ.Curve.z85Decode(serverKey));
        socket.setCurvePublicKey(keys.cert().getPublicKey());
        socket.setCurveSecretKey(keys.cert().getSecretKey());
    }

    private void readReplies() {
        while (running) {
            ZAuth.ZapReply reply;
            try {
                reply = auth.nextReply(200);
            } catch (RuntimeException e) {
                return;   // the context is closing
            }
            if (reply != null && reply.statusCode != 200) {
                denied.refuse(reply.address, "its key is not an authorised operator's (" + reply.statusText + ")");
            }
        }
    }

    /** Clients whose keys were not an authorised operator's, on any socket this gate guards. */
    long denied() {
        return denied.count();
    }

    @Override
    public void close() {
        running = false;
        try {
            replies.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        auth.close();
    }
}
