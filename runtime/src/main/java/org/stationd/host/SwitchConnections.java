package org.stationd.host;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stationd.config.SwitchConfig;
import org.stationd.esl.client.EslClient;

/**
 * The host's connections, one per switch its stations run on (each {@code sim} its own embedded
 * simulated switch). Opening stops at the first switch that cannot be reached, closing what it opened.
 */
public final class SwitchConnections implements AutoCloseable {
    private final Map<String, SwitchConnection> open;

    private SwitchConnections(Map<String, SwitchConnection> open) {
        this.open = open;
    }

    /** {@link SwitchConnection#open} for each, by name; a switch that cannot be reached names itself in the error. */
    public static SwitchConnections open(Map<String, SwitchConfig> switches, Path simDialplan, ZoneId zone) {
        Map<String, SwitchConnection> open = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, SwitchConfig> e : switches.entrySet()) {
                try {
                    open.put(e.getKey(), SwitchConnection.open(e.getValue(), simDialplan, zone));
                } catch (SwitchUnavailableException ex) {
                    throw switches.size() == 1 ? ex : new SwitchUnavailableException("switch " + e.getKey() + ": " + ex.getMessage(), ex);
                }
            }
            return new SwitchConnections(open);
        } catch (RuntimeException e) {
            open.values().forEach(SwitchConnection::close);
            throw e;
        }
    }

    /** The clients by switch name, for {@link StationHost}. */
    public Map<String, EslClient> clients() {
        Map<String, EslClient> out = new LinkedHashMap<>();
        open.forEach((name, c) -> out.put(name, c.client()));
        return out;
    }

    public SwitchConnection get(String name) {
        return open.get(name);
    }

    /** What the host is connected to, for its start line: one switch as before, several by name. */
    public String description() {
        if (open.size() == 1) return open.values().iterator().next().description();
        StringBuilder out = new StringBuilder(open.size() + " switches: ");
        open.forEach((name, c) -> out.append(out.toString().endsWith(": ") ? "" : ", ").append(name).append(" = ").append(c.description()));
        return out.toString();
    }

    @Override
    public void close() {
        open.values().forEach(SwitchConnection::close);
    }
}
