package org.stationd.script;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stationd.api.Log;
import org.stationd.api.ProgramContext;

/** The runtime's side of a program, faked: records go and log lines; data is a plain map. */
final class FakeContext implements ProgramContext {
    final ActionLog log;
    final FakeStation station;
    final Map<String, Object> data;
    String state;
    String pendingGo;

    FakeContext(ActionLog log) {
        this(log, new LinkedHashMap<>());
    }

    /** With the data of a previous version: what the runtime hands over on reload. */
    FakeContext(ActionLog log, Map<String, Object> data) {
        this.log = log;
        this.station = new FakeStation(log);
        this.data = data;
    }

    @Override public FakeStation getStation() { return station; }
    @Override public Map<String, Object> getData() { return data; }
    @Override public String getState() { return state; }

    @Override
    public void go(String target) {
        log.add("go(" + target + ")");
        pendingGo = target;
    }

    @Override
    public Log getLog() {
        return new Log() {
            @Override public void info(String m) { log.add("log.info: " + m); }
            @Override public void warn(String m) { log.add("log.warn: " + m); }
            @Override public void error(String m) { log.add("log.error: " + m); }
            @Override public void debug(String m) { log.add("log.debug: " + m); }
        };
    }
}
