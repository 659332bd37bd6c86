package org.stationd.config;

import java.nio.file.Path;
import java.util.List;

/** Everything stations.yaml says: the switch, where programs, media and data live, the control sockets, the stations; {@code database} is null for the H2 file in the data folder; {@code retention} how long stored things are kept; {@code console} the web console (null: off); {@code cluster} null when this host runs every station; {@code apology} the media file a caller a program cannot take hears (null: apology.wav); {@code switchConfig} the switch of stations that name none, {@code switches} every switch by name. */
public record HostConfig(
        Path file,
        SwitchConfig switchConfig,
        Path programsDir,
        Path mediaDir,
        Path dataDir,
        ControlConfig control,
        List<StationConfig> stations,
        Path simDialplan,
        DatabaseConfig database,
        RetentionConfig retention,
        ConsoleConfig console,
        ClusterConfig cluster,
        String apology,
        Switches switches) {

    public HostConfig {
        stations = stations == null ? null : new Stations(stations);
        if (switches == null) switches = Switches.single(switchConfig);
    }

    /** The switches the stations run on: the host holds one connection to each. */
    public java.util.Map<String, SwitchConfig> switchesInUse() {
        return switches.inUse(stations);
    }

    /** The station with this id, or null: looked up, as a host of thousands asks for each one. */
    public StationConfig station(String id) {
        return stations == null ? null : ((Stations) stations).byId.get(id);
    }

    /** The stations in the file's order, indexed by id (ids are unique: the loader refuses a repeat). */
    private static final class Stations extends java.util.AbstractList<StationConfig> implements java.util.RandomAccess {
        private final List<StationConfig> list;
        private final java.util.Map<String, StationConfig> byId = new java.util.HashMap<>();

        Stations(List<StationConfig> stations) {
            this.list = List.copyOf(stations);
            for (StationConfig s : list) byId.putIfAbsent(s.id(), s);   // the first, as the search before found
        }

        @Override public StationConfig get(int i) { return list.get(i); }
        @Override public int size() { return list.size(); }
    }
}
