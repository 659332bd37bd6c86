package org.stationd.esl.sim.api;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The api commands the simulated switch answers, by name (case-insensitive, as FreeSWITCH's hash). */
public final class ApiCommands {
    private final Map<String, ApiCommand> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public ApiCommands register(ApiCommand c) {
        byName.put(c.name(), c);
        return this;
    }

    public ApiCommand get(String name) {
        return byName.get(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }
}
