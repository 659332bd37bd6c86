package org.stationd.host;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** What a host of a cluster tells the others of its publish socket, for them to subscribe to. */
final class ClusterBus {
    private ClusterBus() {}

    /**
     * The endpoint as the other hosts can reach it: a socket bound to every address
     * ({@code tcp://0.0.0.0:5556}, {@code tcp://*:5556}) is named by this machine's name instead.
     */
    static String advertised(String bound) {
        String any = bound.contains("://0.0.0.0:") ? "0.0.0.0" : bound.contains("://*:") ? "*" : null;
        if (any == null) return bound;
        try {
            return bound.replace("://" + any + ":", "://" + InetAddress.getLocalHost().getHostName() + ":");
        } catch (UnknownHostException e) {
            return bound;
        }
    }
}
