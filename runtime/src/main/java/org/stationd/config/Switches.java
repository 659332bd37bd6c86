package org.stationd.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The switches stations.yaml names, by name, and the one a station that names none runs on
 * ({@code defaultName}, null when the file lists {@code switches:} without a top-level
 * {@code switch:}: then every station names its own). A file without {@code switches:} has one,
 * named {@link #DEFAULT}: today's top-level {@code switch:}.
 */
public record Switches(String defaultName, Map<String, SwitchConfig> named) {
    /** The name of the top-level {@code switch: URL} (or of the simulated switch when the file names none). */
    public static final String DEFAULT = "default";

    public Switches {
        named = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(named));
    }

    /** One switch for every station (a file without {@code switches:}). */
    public static Switches single(SwitchConfig sw) {
        return new Switches(DEFAULT, Map.of(DEFAULT, sw));
    }

    /** The switch of stations that name none (the first listed when there is no default: a host with no stations still connects to one). */
    public SwitchConfig defaultConfig() {
        return defaultName != null ? named.get(defaultName) : named.values().iterator().next();
    }

    /** The name of the switch a station runs on (a station built without one, as tests do, runs on the default). */
    public String of(StationConfig station) {
        return station.switchName() != null ? station.switchName() : defaultName != null ? defaultName : named.keySet().iterator().next();
    }

    /** The switches some station runs on, in the file's order: those a host connects to (the default alone when no station names one). */
    public Map<String, SwitchConfig> inUse(List<StationConfig> stations) {
        java.util.Set<String> used = new java.util.HashSet<>();
        for (StationConfig s : stations) used.add(of(s));
        Map<String, SwitchConfig> out = new LinkedHashMap<>();
        named.forEach((name, sw) -> { if (used.contains(name)) out.put(name, sw); });
        if (out.isEmpty()) {
            String name = defaultName != null ? defaultName : named.keySet().iterator().next();
            out.put(name, named.get(name));
        }
        return out;
    }

    /** The same switches with the default one replaced ({@code run --switch}, {@code --password}). */
    public Switches withDefault(SwitchConfig sw) {
        Map<String, SwitchConfig> next = new LinkedHashMap<>(named);
        String name = defaultName != null ? defaultName : named.keySet().iterator().next();
        next.put(name, sw);
        return new Switches(defaultName, next);
    }

    /**
     * A group whose stations run on different switches: its topics and leases reach them all, but a
     * shared conference (the news relay's) lives on one switch, and FreeSWITCH's conferences do not
     * span switches here. One line per such group, for check and the host's start.
     */
    public List<String> groupsSpanningSwitches(List<StationConfig> stations) {
        Map<String, Map<String, List<String>>> byGroup = new java.util.TreeMap<>();
        for (StationConfig s : stations) {
            if (s.group() == null) continue;
            byGroup.computeIfAbsent(s.group(), g -> new java.util.TreeMap<>()).computeIfAbsent(of(s), k -> new java.util.ArrayList<>()).add(s.id());
        }
        List<String> out = new java.util.ArrayList<>();
        byGroup.forEach((group, bySwitch) -> {
            if (bySwitch.size() < 2) return;
            StringBuilder where = new StringBuilder();
            bySwitch.forEach((sw, ids) -> where.append(where.isEmpty() ? "" : ", ").append(sw).append(" (").append(String.join(" ", ids)).append(")"));
            out.add("group " + group + " has stations on switches " + where + ": a shared conference such as the news relay's does not span"
                    + " switches, so only the stations on the master's switch hear it; put the group on one switch, or make one group per switch"
                    + " (docs/cluster.md)");
        });
        return out;
    }
}
