package org.stationd.station;

import java.util.Set;
import org.stationd.api.KeyValueStore;
import org.stationd.limits.DataSize;
import org.stationd.limits.LimitException;
import org.stationd.limits.Limits;
import org.stationd.limits.Refusals;

/**
 * A station's store as its program sees it: keys and values within {@link Limits} (a value at most
 * {@link Limits#STORED_VALUE_BYTES} of JSON), whatever keeps them (memory or the database). A value
 * over the limit is refused before anything is written, so the stored one stays as it was.
 */
final class LimitedStore implements KeyValueStore {
    private final KeyValueStore inner;
    private final String station;
    private final Refusals refusals;

    LimitedStore(KeyValueStore inner, String station, Refusals refusals) {
        this.inner = inner;
        this.station = station;
        this.refusals = refusals;
    }

    @Override
    public Object get(String key) {
        return inner.get(key(key));
    }

    @Override
    public void put(String key, Object value) {
        key(key);
        if (value != null && DataSize.json(value, Limits.STORED_VALUE_BYTES) == null) {
            throw refusals.counted(new LimitException("store", "store.put('" + key + "'): station " + station
                    + " cannot store a value over " + Limits.size(Limits.STORED_VALUE_BYTES) + " (as JSON); the stored value is unchanged"));
        }
        inner.put(key, value);
    }

    @Override
    public void remove(String key) {
        inner.remove(key(key));
    }

    @Override
    public Set<String> keys() {
        return inner.keys();
    }

    private String key(String key) {
        if (key == null || key.isEmpty() || key.length() > Limits.STORE_KEY_CHARS) {
            throw refusals.counted(new LimitException("store", "store keys are text of 1 to " + Limits.STORE_KEY_CHARS
                    + " characters, got " + (key == null ? "null" : key.length() + " characters")));
        }
        return key;
    }
}
