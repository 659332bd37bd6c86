package org.stationd.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A host's name in the cluster when stations.yaml gives none. */
public final class HostIds {
    private HostIds() {}

    /** This machine's name (letters, digits, '.', '_' and '-' only), or "host" if it has none. */
    public static String thisMachine() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "host");
        }
        name = name.replaceAll("[^A-Za-z0-9._-]", "-");
        return name.isEmpty() ? "host" : name.substring(0, Math.min(100, name.length()));
    }
}
