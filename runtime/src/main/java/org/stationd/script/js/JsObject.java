package org.stationd.script.js;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * An API object as JavaScript sees it: read-only properties ({@code call.from}) and methods
 * ({@code call.play('x.wav')}), nothing else. The context has no host access at all, so these
 * facades are the only way a script reaches Java, and each exposes exactly what the API says.
 */
final class JsObject implements ProxyObject {
    /** A method's body: gets the JS arguments, returns a Java value (converted for JS). */
    @FunctionalInterface
    interface Method {
        Object call(Value... args);
    }

    private final String what;
    private final Object target;
    private final JsBridge bridge;
    private final Map<String, Object> members = new LinkedHashMap<>();

    JsObject(String what, Object target, JsBridge bridge) {
        this.what = what;
        this.target = target;
        this.bridge = bridge;
    }

    /** The Java object this stands for, when a script passes it back ({@code host.bridge(e.call)}). */
    Object target() {
        return target;
    }

    JsObject prop(String name, Supplier<?> getter) {
        members.put(name, getter);
        return this;
    }

    JsObject method(String name, Method body) {
        members.put(name, (ProxyExecutable) args -> bridge.toJs(body.call(args)));
        return this;
    }

    @Override
    public Object getMember(String key) {
        Object m = members.get(key);
        return m instanceof Supplier<?> s ? bridge.toJs(s.get()) : m;
    }

    @Override
    public boolean hasMember(String key) {
        return members.containsKey(key);
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromArray(members.keySet().toArray());
    }

    @Override
    public void putMember(String key, Value value) {
        throw new UnsupportedOperationException(what + "." + key + " cannot be changed"
                + (members.containsKey(key) ? "" : ": " + what + " has " + String.join(", ", members.keySet())));
    }

    @Override
    public boolean removeMember(String key) {
        throw new UnsupportedOperationException(what + "." + key + " cannot be removed");
    }

    @Override
    public String toString() {
        return what;
    }
}
