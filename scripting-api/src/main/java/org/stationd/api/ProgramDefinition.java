package org.stationd.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A program as an engine read it from a script: its states in order (the first is where it
 * starts), an error handler and a teardown that always runs when the program is unloaded.
 */
public final class ProgramDefinition {
    private final String name;
    private int apiVersion = ApiVersion.CURRENT;
    private final Map<String, StateDefinition> states = new LinkedHashMap<>();
    private ErrorHandler onError;
    private Handler teardown;
    private List<SettingSpec> settings = List.of();

    public ProgramDefinition(String name) {
        this.name = name;
    }

    public String name() { return name; }
    public int apiVersion() { return apiVersion; }
    public List<StateDefinition> states() { return List.copyOf(states.values()); }
    public StateDefinition state(String stateName) { return states.get(stateName); }
    public ErrorHandler onError() { return onError; }
    public Handler teardown() { return teardown; }
    /** The settings the program declares it reads (empty: it declares none, and nothing is checked). */
    public List<SettingSpec> settings() { return settings; }

    public ProgramDefinition apiVersion(int v) {
        if (v < 1 || v > ApiVersion.CURRENT) {
            throw new IllegalArgumentException("program '" + name + "' is written for API version " + v
                    + ", but this stationd supports 1.." + ApiVersion.CURRENT);
        }
        apiVersion = v;
        return this;
    }

    public ProgramDefinition add(StateDefinition s) {
        if (states.putIfAbsent(s.name(), s) != null) {
            throw new IllegalArgumentException("program '" + name + "' defines state '" + s.name() + "' twice");
        }
        return this;
    }

    public ProgramDefinition onError(ErrorHandler h) { onError = h; return this; }
    public ProgramDefinition teardown(Handler h) { teardown = h; return this; }
    public ProgramDefinition settings(List<SettingSpec> declared) { settings = List.copyOf(declared); return this; }

    /** The state the program starts in. */
    public StateDefinition initialState() {
        if (states.isEmpty()) {
            throw new IllegalStateException("program '" + name + "' has no states");
        }
        return states.values().iterator().next();
    }

    /** Names of states that {@code go} may target: for checks at load time. */
    public List<String> stateNames() {
        return Collections.unmodifiableList(new ArrayList<>(states.keySet()));
    }
}
