package org.stationd.station;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.stationd.api.Conference;

/**
 * The conferences a station's program has named, by their name on the switch: the program names
 * them ({@code station.conference('studio')}), the switch's events find them by the switch's name.
 */
final class StationConferences {
    private final StationContext station;
    private final CallOwners owners;
    private final Map<String, StationConference> bySwitchName = new ConcurrentHashMap<>();

    StationConferences(StationContext station, CallOwners owners) {
        this.station = station;
        this.owners = owners;
    }

    /** The program's conference {@code name}, made (and its switch events routed here) on first use. */
    StationConference named(String name) {
        String sw = StationConference.switchName(station.id(), name);
        return bySwitchName.computeIfAbsent(sw, k -> {
            owners.usesConference(k, station);
            return new StationConference(name, k, station);
        });
    }

    /** The conference the switch calls {@code switchName}, if the program named it; else null. */
    StationConference bySwitchName(String switchName) {
        return switchName == null ? null : bySwitchName.get(switchName);
    }

    /** The station's conferences now (status, the console's station page). */
    List<Conference> all() { return List.copyOf(bySwitchName.values()); }
}
