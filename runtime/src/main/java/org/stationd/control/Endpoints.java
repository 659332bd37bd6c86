package org.stationd.control;

import java.util.Locale;

/** What a ZeroMQ endpoint says about who can reach it. */
public final class Endpoints {
    private Endpoints() {}

    /**
     * Whether an endpoint can only be reached from this machine: {@code ipc://}, {@code inproc://},
     * or TCP on 127.x.x.x, ::1 or localhost. Anything else (a public address, {@code *}, 0.0.0.0,
     * an interface or host name) counts as reachable from the network.
     */
    public static boolean isLoopback(String endpoint) {
        String e = endpoint.trim().toLowerCase(Locale.ROOT);
        if (e.startsWith("ipc://") || e.startsWith("inproc://")) {
            return true;
        }
        String host = tcpHost(e);
        return host != null && (host.equals("localhost") || host.equals("::1") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}"));
    }

    /** The host a {@code tcp://} endpoint binds or reaches, without IPv6 brackets; null for other kinds. */
    public static String tcpHost(String endpoint) {
        String e = endpoint.trim();
        if (!e.regionMatches(true, 0, "tcp://", 0, "tcp://".length())) {
            return null;
        }
        String hostPort = e.substring("tcp://".length());
        int semi = hostPort.indexOf(';');   // tcp://source;destination: the destination is what is bound or reached
        if (semi >= 0) hostPort = hostPort.substring(semi + 1);
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            return end < 0 ? hostPort : hostPort.substring(1, end);
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /**
     * Refuses to bind {@code endpoint} without keys when it is reachable from the network. stations.yaml
     * is checked for this already; this holds for any other way of starting a host.
     */
    static void requireKeysBeyondLoopback(String socket, String endpoint, OperatorGate gate) {
        if (gate == null && !isLoopback(endpoint)) {
            throw new IllegalArgumentException(socket + " endpoint " + endpoint + " is reachable from the network: "
                    + ("control".equals(socket) ? "operators" : "subscribers") + " must be authenticated (./stationd keys)");
        }
    }
}
