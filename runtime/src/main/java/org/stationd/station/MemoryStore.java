package org.stationd.station;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.stationd.api.KeyValueStore;

/** A station store kept in memory (the H2-backed one replaces it when storage is configured). */
public final class MemoryStore implements KeyValueStore {
    private final ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();

    @Override public Object get(String key) { return map.get(key); }
    @Override public void put(String key, Object value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }
    @Override public void remove(String key) { map.remove(key); }
    @Override public Set<String> keys() { return new TreeSet<>(map.keySet()); }
}
