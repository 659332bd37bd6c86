package org.stationd.script.js;

import java.util.List;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/** A Java list seen from JavaScript as an array ({@code push}, {@code map}, {@code length}), live like {@link JsMap}. */
final class JsList implements ProxyArray {
    private final List<Object> list;
    private final JsBridge bridge;

    JsList(List<Object> list, JsBridge bridge) {
        this.list = list;
        this.bridge = bridge;
    }

    List<Object> list() {
        return list;
    }

    @Override
    public Object get(long index) {
        return index < list.size() ? bridge.toJs(list.get((int) index)) : null;
    }

    @Override
    public void set(long index, Value value) {
        Object v = bridge.toJava(value);
        while (list.size() <= index) {
            list.add(null);  // a[5] = x on a shorter array, or push: JS arrays grow
        }
        list.set((int) index, v);
    }

    @Override
    public boolean remove(long index) {
        if (index >= list.size()) return false;
        list.remove((int) index);
        return true;
    }

    @Override
    public long getSize() {
        return list.size();
    }
}
