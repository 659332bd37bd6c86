package org.stationd.station;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import org.stationd.api.Log;
import org.stationd.api.ProgramContext;
import org.stationd.api.Station;

/**
 * The context a new version of a station's program is built in off the station's thread (a hot
 * reload): while its top level runs there it sees the station's fixed facts (id, name, timezone,
 * settings, lines, clock). What belongs to the station's thread (data, state, log lines, calls,
 * store…) is not touched from another thread: the build is marked {@link #touched} and done again
 * on the station's thread, as a reload always was. Once built, it is the station's own context.
 */
final class OffThreadContext implements ProgramContext {
    private static final Set<String> FIXED = Set.of("getId", "getName", "getTimezone", "getSettings", "getNow", "getLines");

    private final ProgramContext live;
    private final Station fixed;
    private final Log log;
    private volatile boolean building = true;
    private volatile boolean touched;

    OffThreadContext(ProgramContext live) {
        this.live = live;
        this.fixed = fixedFacts(live.getStation());
        this.log = new Log() {
            @Override public void info(String message) { if (use()) live.getLog().info(message); }
            @Override public void warn(String message) { if (use()) live.getLog().warn(message); }
            @Override public void error(String message) { if (use()) live.getLog().error(message); }
            @Override public void debug(String message) { if (use()) live.getLog().debug(message); }
        };
    }

    /** The build is over: from now on everything is the station's, used on its thread. */
    void built() {
        building = false;
    }

    /** Whether the top level reached for what belongs to the station's thread while it was built elsewhere. */
    boolean touched() {
        return touched;
    }

    /** False (and the build marked) while building: the station's own things wait for its thread. */
    private boolean use() {
        if (building) {
            touched = true;
            return false;
        }
        return true;
    }

    @Override public Station getStation() { return building ? fixed : live.getStation(); }
    @Override public Map<String, Object> getData() { return use() ? live.getData() : Map.of(); }
    @Override public void go(String state) { if (use()) live.go(state); }
    @Override public String getState() { return use() ? live.getState() : null; }
    @Override public Log getLog() { return log; }

    /** The station's fixed facts pass; anything else marks the build (and fails it: it is done again on the station's thread). */
    private Station fixedFacts(Station station) {
        InvocationHandler h = (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "Station(being built off its thread)";
                };
            }
            if (!FIXED.contains(m.getName())) {
                touched = true;
                throw new IllegalStateException("station." + m.getName() + " is read on the station's thread");
            }
            try {
                return m.invoke(station, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Station) Proxy.newProxyInstance(Station.class.getClassLoader(), new Class<?>[] {Station.class}, h);
    }
}
