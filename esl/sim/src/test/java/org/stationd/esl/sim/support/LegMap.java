package org.stationd.esl.sim.support;

import java.util.HashMap;
import java.util.Map;
import org.stationd.esl.event.EslEvent;

/**
 * Names each channel by something both FreeSWITCH and the simulator agree on: an A leg by its
 * origination_uuid (the client chose it), a B leg by its A leg ("B:" + A's uuid), a temporary
 * A-leg uuid by the uuid it was swapped for. Unique-IDs the switch made up can then be matched.
 */
public final class LegMap {
    private final Map<String, String> keyByUuid = new HashMap<>();

    /** Learns from an event what its channel is. */
    public void learn(EslEvent e) {
        String u = e.uniqueId();
        if (u == null) {
            return;
        }
        String old = e.header("Old-Unique-ID");
        if ("CHANNEL_UUID".equals(e.name()) && old != null) {
            keyByUuid.put(old, "A:" + u);
        }
        String leg = e.variable("loopback_leg");
        String other = e.variable("other_loopback_leg_uuid");
        if ("B".equals(leg) && other != null) {
            keyByUuid.put(u, "B:" + other);
        } else if ("A".equals(leg)) {
            keyByUuid.put(u, "A:" + u);
        } else if (!keyByUuid.containsKey(u) && e.variable("uuid") != null) {
            keyByUuid.putIfAbsent(u, "X:" + (e.variable("origination_uuid") != null ? e.variable("origination_uuid") : u));
        }
    }

    public String key(String uuid) {
        return uuid == null ? null : keyByUuid.get(uuid);
    }

    /** The uuid whose key is {@code key} (for an A leg, its final uuid), if known. */
    public String uuidOf(String key) {
        if (key.startsWith("A:")) {
            return key.substring(2);
        }
        for (var e : keyByUuid.entrySet()) {
            if (e.getValue().equals(key)) {
                return e.getKey();
            }
        }
        return null;
    }

    public Map<String, String> asMap() {
        return keyByUuid;
    }
}
