package org.stationd.script;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stationd.api.Log;
import org.stationd.api.ProgramContext;
import org.stationd.api.Station;

/** What {@code check} loads a program against: a station with nothing in it that does nothing. */
public final class InertContext implements ProgramContext {
    private final Map<String, Object> data = new HashMap<>();
    private final Station station = (Station) Proxy.newProxyInstance(Station.class.getClassLoader(),
            new Class<?>[] {Station.class}, (proxy, m, args) -> {
                Class<?> t = m.getReturnType();
                if (m.getDeclaringClass() == Object.class) {
                    return switch (m.getName()) {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> 0;
                        default -> "Station(check)";
                    };
                }
                if (t == String.class) return "check";
                if (t == Map.class) return Map.of();
                if (t == List.class) return List.of();
                if (t == java.time.ZonedDateTime.class) return java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
                return null;
            });
    private final Log log = new Log() {
        @Override public void info(String message) {}
        @Override public void warn(String message) {}
        @Override public void error(String message) {}
        @Override public void debug(String message) {}
    };

    @Override public Station getStation() { return station; }
    @Override public Map<String, Object> getData() { return data; }
    @Override public void go(String state) {}
    @Override public String getState() { return null; }
    @Override public Log getLog() { return log; }
}
