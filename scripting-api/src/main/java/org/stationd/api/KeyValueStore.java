package org.stationd.api;

import java.util.Set;

/**
 * The station's persistent key-value store: survives restarts and reloads. Values are JSON-like
 * (strings, numbers, booleans, lists, maps).
 * A value is at most 64 KiB as JSON and a key 1 to 200 characters: a larger value is refused
 * and the stored one is left as it was.
 *
 * <pre>{@code
 * station.store.put('lastEpisode', 12)                // Groovy
 * def n = station.store.get('lastEpisode') ?: 0
 *
 * station.store.put('lastEpisode', 12);               // JavaScript
 * const n = station.store.get('lastEpisode') || 0;
 * }</pre>
 */
public interface KeyValueStore {
    Object get(String key);

    void put(String key, Object value);

    void remove(String key);

    Set<String> keys();
}
