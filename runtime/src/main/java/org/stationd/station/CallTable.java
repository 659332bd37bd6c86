package org.stationd.station;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stationd.api.Call;
import org.stationd.call.CallLeg;

/**
 * A station's calls in the order they arrived or were dialled. Programs iterate them (hang up
 * every call, take the first caller), and a replay must see them in the live show's order, not in
 * an order that depends on the uuids. Changed on the station thread, read from any: each change
 * makes a new map.
 */
final class CallTable {
    private volatile Map<String, CallLeg> calls = Map.of();
    private final Object lock = new Object();

    void add(CallLeg leg) {
        synchronized (lock) {
            Map<String, CallLeg> next = new LinkedHashMap<>(calls);
            next.put(leg.getId(), leg);
            calls = Collections.unmodifiableMap(next);
        }
    }

    void remove(String id) {
        synchronized (lock) {
            if (!calls.containsKey(id)) return;
            Map<String, CallLeg> next = new LinkedHashMap<>(calls);
            next.remove(id);
            calls = Collections.unmodifiableMap(next);
        }
    }

    CallLeg get(String id) {
        return calls.get(id);
    }

    boolean owns(String uuid) {
        return calls.containsKey(uuid);
    }

    Collection<CallLeg> all() {
        return calls.values();
    }

    /** The calls that have not ended, as programs see them. */
    List<Call> live() {
        return calls.values().stream().filter(c -> !c.isEnded()).map(c -> (Call) c).toList();
    }

    /** The ids of the calls that have not ended (a snapshot: safe from any thread). */
    Set<String> liveIds() {
        Set<String> ids = new LinkedHashSet<>();
        calls.values().stream().filter(c -> !c.isEnded()).forEach(c -> ids.add(c.getId()));
        return ids;
    }
}
