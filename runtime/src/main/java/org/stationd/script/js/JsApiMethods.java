package org.stationd.script.js;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.stationd.api.Call;
import org.stationd.api.Conference;

/**
 * Gives a JavaScript API object every method of its Java interface that the bridge does not
 * spell out (with a usage line of its own), converting the arguments by the parameters' types:
 * so a new {@link Call} action (a new verb's method) reaches JavaScript without a bridge entry.
 */
final class JsApiMethods {
    private JsApiMethods() {}

    /** An interface's methods by name (getters are properties), looked up once per interface. */
    private static final ClassValue<Map<String, Method[]>> METHODS = new ClassValue<>() {
        @Override
        protected Map<String, Method[]> computeValue(Class<?> api) {
            Map<String, Method[]> byName = new java.util.TreeMap<>();
            for (Method m : api.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || m.getName().startsWith("get") && m.getParameterCount() == 0) {
                    continue;
                }
                byName.merge(m.getName(), new Method[] {m}, (x, y) -> {
                    Method[] both = Arrays.copyOf(x, x.length + 1);
                    both[x.length] = y[0];
                    return both;
                });
            }
            return Map.copyOf(byName);
        }
    };

    static JsObject addMissing(JsObject o, String jsName, Class<?> api, Object target, JsBridge bridge) {
        METHODS.get(api).forEach((name, overloads) -> {
            if (!o.hasMember(name)) {
                o.method(name, a -> call(overloads, target, a, jsName + "." + name, bridge));
            }
        });
        return o;
    }

    private static Object call(Method[] overloads, Object target, Value[] a, String where, JsBridge bridge) {
        Method m = null;
        for (Method candidate : overloads) {
            if (candidate.getParameterCount() == a.length) {
                m = candidate;
            }
        }
        if (m == null) {
            throw new IllegalArgumentException(where + " takes " + Arrays.stream(overloads).map(x -> String.valueOf(x.getParameterCount()))
                    .distinct().reduce((x, y) -> x + " or " + y).orElse("?") + " arguments, got " + a.length);
        }
        Class<?>[] types = m.getParameterTypes();
        Object[] args = new Object[types.length];
        String usage = where + "(" + String.join(", ", Arrays.stream(types).map(Class::getSimpleName).toList()) + ")";
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            args[i] = t == String.class ? bridge.text(a, i, usage)
                    : t == int.class ? (Object) (int) bridge.number(a, i, usage)
                    : t == long.class ? (Object) (long) bridge.number(a, i, usage)
                    : t == double.class ? (Object) bridge.number(a, i, usage)
                    : t == boolean.class ? (Object) a[i].asBoolean()
                    : t == Map.class ? bridge.options(a, i, usage)
                    : t == Call.class ? bridge.callArg(a, i, usage)
                    : t == Conference.class ? bridge.conferenceArg(a, i, usage)
                    : bridge.toJava(a[i]);
        }
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
