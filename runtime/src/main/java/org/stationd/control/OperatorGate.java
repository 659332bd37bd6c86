package org.stationd.control;

import org.zeromq.ZAuth;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * CURVE for the host's sockets that face the network (control and publish): they present the host's
 * certificate, and ZAuth lets in only the operators whose certificates are in the keys' operators
 * folder (re-read when it changes). ZAuth serves a whole ZeroMQ context, so a context has one gate,
 * opened before any socket it guards is bound (a CURVE socket without it would let any key in).
 */
public final class OperatorGate implements AutoCloseable {
    private final ControlKeys.Host keys;
    private final ZAuth auth;
    private final Thread replies;
    private final Refusals denied = new Refusals("control and publish");
    private volatile boolean running = true;

    public OperatorGate(ZContext zmq, ControlKeys.Host keys) {
        this.keys = keys;
        auth = new ZAuth(zmq);
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
