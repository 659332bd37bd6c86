package org.stationd.config;

/**
 * Whether a ZeroMQ endpoint in stations.yaml is one ZeroMQ can use ({@code tcp://HOST:PORT},
 * {@code ipc://PATH}, {@code inproc://NAME}), so a typo is an error in {@code check} and not an
 * exception when the host binds it.
 */
final class EndpointSyntax {
    private EndpointSyntax() {}

    /** Null if well-formed, else what is wrong, to follow the key. */
    static String problem(String endpoint) {
        String e = endpoint.trim();
        int sep = e.indexOf("://");
        String scheme = sep < 0 ? "" : e.substring(0, sep);
        String rest = sep < 0 ? "" : e.substring(sep + 3);
        if (!(scheme.equals("tcp") || scheme.equals("ipc") || scheme.equals("inproc")) || rest.isEmpty()) {
            return "'" + endpoint + "' is not a ZeroMQ endpoint; write tcp://HOST:PORT (like tcp://127.0.0.1:5570), ipc://PATH or inproc://NAME";
        }
        if (!scheme.equals("tcp")) {
            return null;
        }
        String hostPort = rest.substring(rest.indexOf(';') + 1);   // tcp://source;destination: the destination is what counts
        int colon = hostPort.startsWith("[") ? hostPort.indexOf("]:") + 1 : hostPort.lastIndexOf(':');
        if (colon <= 0) {
            return "'" + endpoint + "' has no port; write tcp://HOST:PORT";
        }
        String port = hostPort.substring(colon + 1);
        if (!port.equals("*") && !(port.matches("\\d{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535)) {
            return "'" + endpoint + "': the port must be 1 to 65535 (or * for any free one)";
        }
        return null;
    }
}
