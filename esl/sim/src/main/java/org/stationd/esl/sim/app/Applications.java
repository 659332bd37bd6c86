package org.stationd.esl.sim.app;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The dialplan applications the simulated switch knows, by name (case-insensitive). */
public final class Applications {
    private final Map<String, Application> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public Applications register(Application app) {
        byName.put(app.name().toLowerCase(Locale.ROOT), app);
        return this;
    }

    public Applications alias(String alias, String target) {
        Application a = byName.get(target);
        if (a != null) {
            byName.put(alias, a);
        }
        return this;
    }

    public Application get(String name) {
        return name == null ? null : byName.get(name.trim());
    }

    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(byName.keySet());
    }
}
