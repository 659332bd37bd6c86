package org.stationd.esl.sim.channel;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A channel's variables in FreeSWITCH's order: setting a new or changed value moves it to the end,
 * setting the same value leaves it where it is, an empty value deletes it. The order shows in every
 * event's {@code variable_*} headers.
 */
public final class Variables implements Iterable<Map.Entry<String, String>> {
    private final LinkedHashMap<String, String> map = new LinkedHashMap<>();

    public void set(String name, String value) {
        if (value == null || value.isEmpty()) {
            map.remove(name);
            return;
        }
        String old = map.get(name);
        if (value.equals(old)) {
            return;
        }
        if (old != null) {
            map.remove(name);
        }
        map.put(name, value);
    }

    public void set(String name, long value) {
        set(name, Long.toString(value));
    }

    /** Re-appends an existing variable (FreeSWITCH re-sets some, e.g. call_uuid, on entering CS_EXECUTE). */
    public void moveToEnd(String name) {
        String v = map.remove(name);
        if (v != null) {
            map.put(name, v);
        }
    }

    public String get(String name) {
        return map.get(name);
    }

    public void remove(String name) {
        map.remove(name);
    }

    public boolean has(String name) {
        return map.containsKey(name);
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(map);
    }

    public int size() {
        return map.size();
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return Collections.unmodifiableMap(map).entrySet().iterator();
    }
}
