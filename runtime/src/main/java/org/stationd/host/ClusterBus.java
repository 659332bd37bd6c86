package org.stationd.host;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.stationd.control.BusPeer;

/** What a host of a cluster tells the others of its publish socket, for them to subscribe to. */
final class ClusterBus {
    private ClusterBus() {}

    /**
     * The endpoint as the other hosts can reach it: a socket bound to every address
     * ({@code tcp://0.0.0.0:5556}, {@code tcp://*:5556}) is named by this machine's name instead.
     * With operator keys, the host's public key comes with it ({@link BusPeer}): the others
     * subscribe with it as the CURVE server key.
     */
    static String advertised(String bound, String curveKey) {
        return new BusPeer(reachable(bound), curveKey).toString();
    }

    private static String reachable(String bound) {
        String any = bound.contains("://0.0.0.0:") ? "0.0.0.0" : bound.contains("://*:") ? "*" : null;
        if (any == null) return bound;
        try {
            return bound.replace("://" + any + ":", "://" + InetAddress.getLocalHost().getHostName() + ":");
        } catch (UnknownHostException e) {
            return bound;
        }
    }
}
