package org.stationd.host;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.stationd.config.StationConfig;
import org.stationd.station.Router;

/**
 * The switches of a host, by name, and which one each station runs on. A host given one connection
 * (the test kit, {@code run --switch}) has one side, and every station runs on it whatever it names.
 */
final class SwitchSides {
    private final Map<String, SwitchSide> sides;
    private final Function<StationConfig, String> nameOf;
    private final boolean anyStation;

    /** {@code anyStation}: one connection every station uses, whatever switch it names (a host given one client). */
    SwitchSides(Map<String, SwitchSide> sides, Function<StationConfig, String> nameOf, boolean anyStation) {
        this.sides = new LinkedHashMap<>(sides);
        this.nameOf = nameOf;
        this.anyStation = anyStation && sides.size() == 1;
    }

    /** The side of a station; a station on a switch this host has no connection to gets an error that says so. */
    SwitchSide of(StationConfig station) {
        if (anyStation) return first();
        String name = nameOf.apply(station);
        SwitchSide side = sides.get(name);
        if (side == null) {
            throw new NotConnected("station " + station.id() + " runs on switch '" + name + "', which this host did not connect to"
                    + " when it started (connected: " + String.join(", ", sides.keySet()) + "); restart the host to connect to it");
        }
        return side;
    }

    /** A station on a switch the host has no connection to (a reload named it): it cannot go on air until a restart. */
    static final class NotConnected extends IllegalStateException {
        NotConnected(String message) {
            super(message);
        }
    }

    Router routerOf(StationConfig station) {
        return of(station).router;
    }

    /** Whether a call is given to a station of this host, on any switch. */
    boolean routes(String uuid) {
        for (SwitchSide s : sides.values()) if (s.router.routes(uuid)) return true;
        return false;
    }

    Collection<SwitchSide> all() {
        return sides.values();
    }

    SwitchSide first() {
        return sides.values().iterator().next();
    }

    boolean single() {
        return sides.size() == 1;
    }

    /** Each switch by name: whether its link is up (metrics). */
    Map<String, Boolean> upByName() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        sides.forEach((name, s) -> out.put(name, s.up()));
        return out;
    }

    /** For status: {@code switch}, {@code switchState} as with one switch; with several, one part per switch and {@code switches} by name. */
    void describe(Map<String, Object> out) {
        if (single()) {
            out.put("switch", first().config.describe());
            out.put("switchState", first().resync.describe());
        } else {
            List<String> what = sides.values().stream().map(s -> s.name + ": " + s.config.describe()).toList();
            List<String> state = sides.values().stream().map(s -> s.name + ": " + s.resync.describe()).toList();
            out.put("switch", String.join("; ", what));
            out.put("switchState", String.join("; ", state));
            Map<String, Object> each = new LinkedHashMap<>();
            for (SwitchSide s : sides.values()) {
                each.put(s.name, Map.of("switch", s.config.describe(), "state", s.resync.describe(), "routed", s.router.routed(),
                        "unowned", s.router.unowned()));
            }
            out.put("switches", each);
        }
        out.put("routed", sum(Router::routed));
        out.put("unowned", sum(Router::unowned));
        out.put("dropped", sum(Router::rejected));   // events lost to a station's full queue (each station is told)
    }

    private long sum(java.util.function.ToLongFunction<Router> f) {
        return sides.values().stream().mapToLong(s -> f.applyAsLong(s.router)).sum();
    }
}
