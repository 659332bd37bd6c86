package org.stationd.station;

import org.stationd.config.StationConfig;

/**
 * Where a program's topics and leases live: its station's group ({@code group:} in stations.yaml)
 * or, for a station in no group, the station alone. A program names them within its scope
 * ({@code news/done}, {@code news-master}); the bus and the lease table see them qualified, so a
 * program can neither hear, speak to, nor take a token of another scope, whatever name it gives.
 */
public record ProgramScope(String key) {
    /** Programs' topics on the bus, apart from the host's own ({@code station/…}, {@code host/…}). */
    public static final String ROOT = "programs/";

    public static ProgramScope of(StationConfig config) {
        return new ProgramScope(config.group() != null ? "group/" + config.group() : "station/" + config.id());
    }

    /** The bus topic of a program's topic (or topic prefix). */
    public String topic(String programTopic) {
        return ROOT + key + "/" + programTopic;
    }

    /** The program's own name of a bus topic of this scope (what {@link #topic} was given). */
    public String programTopic(String busTopic) {
        return busTopic.substring(ROOT.length() + key.length() + 1);
    }

    /** The lease table's name of a program's lease. */
    public String lease(String name) {
        return key + "/" + name;
    }
}
