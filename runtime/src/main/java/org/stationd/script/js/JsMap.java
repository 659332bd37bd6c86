package org.stationd.script.js;

import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A Java map seen from JavaScript as a plain object ({@code data.count = 1},
 * {@code Object.keys(data)}), live: writes go straight into the map, converted to Java values
 * (maps, lists, strings, numbers, booleans, null), so the map never holds JS objects and stays
 * valid after the context is closed: what {@code data} needs to survive a reload.
 */
final class JsMap implements ProxyObject {
    private final Map<String, Object> map;
    private final JsBridge bridge;

    JsMap(Map<String, Object> map, JsBridge bridge) {
        this.map = map;
        this.bridge = bridge;
    }

    Map<String, Object> map() {
        return map;
    }

    @Override
    public Object getMember(String key) {
        return bridge.toJs(map.get(key));
    }

    @Override
    public boolean hasMember(String key) {
        return map.containsKey(key);
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromArray(map.keySet().toArray());
    }

    @Override
    public void putMember(String key, Value value) {
        map.put(key, bridge.toJava(value));
    }

    @Override
    public boolean removeMember(String key) {
        boolean had = map.containsKey(key);
        map.remove(key);
        return had;
    }
}
