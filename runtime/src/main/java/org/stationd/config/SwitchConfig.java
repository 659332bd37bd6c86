package org.stationd.config;

/**
 * Which FreeSWITCH to drive: the embedded simulated switch ({@code sim}, the default) or a real
 * one ({@code esl://host:port}), always over the inbound Event Socket. {@code originatesPerSecond}
 * caps the calls the host places ({@code originates_per_second} in stations.yaml): FreeSWITCH
 * refuses sessions beyond its {@code sessions-per-second} (30 by default) and a loopback call is
 * two sessions.
 */
public record SwitchConfig(boolean simulated, String host, int port, String password, int originatesPerSecond) {
    public static final int DEFAULT_ORIGINATES_PER_SECOND = 10;

    public SwitchConfig(boolean simulated, String host, int port, String password) {
        this(simulated, host, port, password, DEFAULT_ORIGINATES_PER_SECOND);
    }

    public static final SwitchConfig SIM = new SwitchConfig(true, "127.0.0.1", 0, "ClueCon");

    /** Parses {@code sim} or {@code esl://host:port}; null if neither. */
    public static SwitchConfig parseUrl(String url, String password) {
        String pw = password == null ? "ClueCon" : password;
        if ("sim".equals(url)) {
            return new SwitchConfig(true, "127.0.0.1", 0, pw);
        }
        if (url != null && url.startsWith("esl://")) {
            String rest = url.substring("esl://".length());
            int colon = rest.lastIndexOf(':');
            String host = colon < 0 ? rest : rest.substring(0, colon);
            int port = 8021;
            if (colon >= 0) {
                try {
                    port = Integer.parseInt(rest.substring(colon + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            if (host.isEmpty() || port < 1 || port > 65535) {
                return null;
            }
            return new SwitchConfig(false, host, port, pw);
        }
        return null;
    }

    public SwitchConfig withOriginatesPerSecond(int perSecond) {
        return new SwitchConfig(simulated, host, port, password, perSecond);
    }

    public String describe() {
        return simulated ? "embedded simulated switch" : "FreeSWITCH at " + host + ":" + port;
    }
}
