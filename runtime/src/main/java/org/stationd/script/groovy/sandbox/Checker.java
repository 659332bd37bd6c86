package org.stationd.script.groovy.sandbox;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

/**
 * Where a program's calls go: the {@link SandboxTransformer} compiles every method call,
 * property and attribute access and subscript a program makes with a receiver into a call to
 * one of these, which asks the {@link Policy} (one cached decision per class and name) and then
 * does what Groovy would have done, or refuses with a {@link ProgramRefusal} at the program's line.
 * Public because compiled programs call it; nothing here is useful to anything else.
 */
public final class Checker {
    private Checker() {}

    /**
     * Builds the policy and the decisions for the everyday types now, when the engine starts, so
     * that a program's first handler does not pay for them inside its time limit.
     */
    public static void warmUp() {
        for (Class<?> c : List.of(String.class, org.codehaus.groovy.runtime.GStringImpl.class, ArrayList.class,
                java.util.LinkedHashMap.class, java.util.HashMap.class, Integer.class, Long.class, Double.class,
                java.math.BigDecimal.class, Boolean.class, java.time.ZonedDateTime.class)) {
            Policy.method(c, "toString");
        }
        Policy.implicitMethod("program");
    }

    /** {@code receiver.name(args)}, {@code receiver?.name(args)}, {@code receiver*.name(args)}. */
    public static Object call(Object receiver, Object method, boolean safe, boolean spread, Object[] args) {
        String name = String.valueOf(method);
        if (spread) {
            if (receiver == null) return null;
            List<Object> out = new ArrayList<>();
            for (Object r : elements(receiver)) out.add(r == null ? null : call(r, name, false, false, args));
            return out;
        }
        if (receiver == null) {
            if (safe) return null;
            if (name.equals("toString") || name.equals("equals") || name.equals("hashCode")) {
                return InvokerHelper.invokeMethod(null, name, args);
            }
            throw new NullPointerException("Cannot invoke method " + name + "() on null object");
        }
        if (name.equals("getAt") && args.length == 1) return getAt(receiver, args[0], false);
        if (name.equals("putAt") && args.length == 2) {
            putAt(receiver, args[0], args[1]);
            return null;
        }
        if (receiver instanceof Class<?> type) {
            if (!Policy.staticMethod(type, name)) throw ProgramRefusal.notAllowed(type.getName() + "." + name);
            return InvokerHelper.invokeMethod(receiver, name, args);
        }
        Class<?> c = receiver.getClass();
        if (!Policy.method(c, name)) throw ProgramRefusal.notAllowed(describe(c) + "." + name);
        if (Policy.isApiObject(c)) {
            ApiArguments.check(receiver, name, args);
            return InvokerHelper.invokeMethod(receiver, name, args);
        }
        if (receiver instanceof CharSequence && Regexes.handles(name)) {
            return Regexes.call(receiver.toString(), name, args);
        }
        return InvokerHelper.invokeMethod(receiver, name, args);
    }

    /** A call written without receiver whose name is computed ({@code "${x}"()}): the name, if it may be called. */
    public static String implicitName(Object method) {
        String name = String.valueOf(method);
        if (!Policy.implicitMethod(name)) throw ProgramRefusal.notAllowed(name);
        return name;
    }

    /** Arguments written with a spread ({@code foo(*list)}). */
    public static Object[] spreadArguments(List<?> args) {
        return args.toArray();
    }

    public static Object getProperty(Object receiver, Object property, boolean safe, boolean spread) {
        String name = String.valueOf(property);
        if (spread) {
            if (receiver == null) return null;
            List<Object> out = new ArrayList<>();
            for (Object r : elements(receiver)) out.add(r == null ? null : getProperty(r, name, false, false));
            return out;
        }
        if (receiver == null) {
            if (safe) return null;
            throw new NullPointerException("Cannot get property '" + name + "' on null object");
        }
        if (receiver instanceof Class<?> type) {
            if (!Policy.staticProperty(type, name)) throw ProgramRefusal.notAllowed(type.getName() + "." + name);
            return InvokerHelper.getProperty(receiver, name);
        }
        Class<?> c = receiver.getClass();
        if (receiver instanceof Map<?, ?> map && !(receiver instanceof DslObject) && !ProgramLoader.isProgramClass(c)) {
            if (Policy.DENIED.contains(name)) throw ProgramRefusal.notAllowed("Map." + name);
            return map.get(name);
        }
        if (Policy.getProperty(c, name)) return InvokerHelper.getProperty(receiver, name);
        if (receiver instanceof Collection<?> || c.isArray()) {
            return getProperty(receiver, name, false, true);  // Groovy reads a property of each element
        }
        throw ProgramRefusal.notAllowed(describe(c) + "." + name);
    }

    public static Object setProperty(Object receiver, Object property, boolean safe, boolean spread, Object value) {
        String name = String.valueOf(property);
        if (spread) {
            if (receiver != null) {
                for (Object r : elements(receiver)) if (r != null) setProperty(r, name, false, false, value);
            }
            return value;
        }
        if (receiver == null) {
            if (safe) return value;
            throw new NullPointerException("Cannot set property '" + name + "' on null object");
        }
        Class<?> c = receiver.getClass();
        if (receiver instanceof Map<?, ?> && !(receiver instanceof DslObject) && !ProgramLoader.isProgramClass(c)) {
            if (Policy.DENIED.contains(name)) throw ProgramRefusal.notAllowed("Map." + name);
            @SuppressWarnings("unchecked") Map<Object, Object> map = (Map<Object, Object>) receiver;
            map.put(name, value);
            return value;
        }
        if (receiver instanceof Class<?> || !Policy.setProperty(c, name)) {
            throw ProgramRefusal.notAllowed(describe(receiver instanceof Class<?> k ? k : c) + "." + name + " = …");
        }
        InvokerHelper.setProperty(receiver, name, value);
        return value;
    }

    /** {@code receiver.name += value} and the other compound assignments. */
    public static Object setPropertyOp(Object receiver, Object property, boolean safe, boolean spread, String op, Object value) {
        if (receiver == null && safe) return null;
        Object now = getProperty(receiver, property, safe, spread);
        return setProperty(receiver, property, safe, spread, apply(now, op, value));
    }

    /** {@code receiver.name++} ({@code op} is next or previous). */
    public static Object stepProperty(Object receiver, Object property, boolean safe, String op, boolean prefix) {
        if (receiver == null && safe) return null;
        Object old = getProperty(receiver, property, safe, false);
        Object now = InvokerHelper.invokeMethod(old, op, null);
        setProperty(receiver, property, safe, false, now);
        return prefix ? now : old;
    }

    public static Object getAttribute(Object receiver, Object property, boolean safe, boolean spread) {
        String name = String.valueOf(property);
        if (receiver == null && safe) return null;
        if (receiver == null || spread || !Policy.field(receiver.getClass(), name)) {
            throw ProgramRefusal.notAllowed(describe(receiver == null ? Object.class : receiver.getClass()) + ".@" + name);
        }
        return InvokerHelper.getAttribute(receiver, name);
    }

    public static Object setAttribute(Object receiver, Object property, boolean safe, boolean spread, Object value) {
        String name = String.valueOf(property);
        if (receiver == null && safe) return value;
        if (receiver == null || spread || !Policy.field(receiver.getClass(), name)) {
            throw ProgramRefusal.notAllowed(describe(receiver == null ? Object.class : receiver.getClass()) + ".@" + name + " = …");
        }
        InvokerHelper.setAttribute(receiver, name, value);
        return value;
    }

    /** {@code receiver[index]}: maps, lists, arrays, texts, matches; a program class that declares getAt. */
    public static Object getAt(Object receiver, Object index, boolean safe) {
        if (receiver == null) {
            if (safe) return null;
            throw new NullPointerException("Cannot get [" + index + "] of a null object");
        }
        Class<?> c = receiver.getClass();
        if (receiver instanceof Map<?, ?> map && !ProgramLoader.isProgramClass(c) && !(receiver instanceof DslObject)) {
            return map.get(index);
        }
        if (index instanceof CharSequence name && !ProgramLoader.isProgramClass(c)) {
            return getProperty(receiver, name.toString(), false, false);  // Groovy's x['name'] is x.name
        }
        if (receiver instanceof List<?> || c.isArray() || receiver instanceof CharSequence || receiver instanceof Matcher
                || receiver instanceof Iterable<?> || Policy.method(c, "getAt") && ProgramLoader.isProgramClass(c)) {
            return InvokerHelper.invokeMethod(receiver, "getAt", new Object[] {index});
        }
        throw ProgramRefusal.notAllowed(describe(c) + "[…]");
    }

    /** {@code receiver[index] = value}. */
    public static Object putAt(Object receiver, Object index, Object value) {
        if (receiver == null) throw new NullPointerException("Cannot set [" + index + "] of a null object");
        Class<?> c = receiver.getClass();
        if (receiver instanceof Map<?, ?> && !ProgramLoader.isProgramClass(c) && !(receiver instanceof DslObject)) {
            @SuppressWarnings("unchecked") Map<Object, Object> map = (Map<Object, Object>) receiver;
            map.put(index, value);
            return value;
        }
        if (index instanceof CharSequence name && !ProgramLoader.isProgramClass(c)) {
            return setProperty(receiver, name.toString(), false, false, value);
        }
        if (receiver instanceof List<?> || c.isArray() || Policy.method(c, "putAt") && ProgramLoader.isProgramClass(c)) {
            InvokerHelper.invokeMethod(receiver, "putAt", new Object[] {index, value});
            return value;
        }
        throw ProgramRefusal.notAllowed(describe(c) + "[…] = …");
    }

    public static Object putAtOp(Object receiver, Object index, String op, Object value) {
        return putAt(receiver, index, apply(getAt(receiver, index, false), op, value));
    }

    public static Object stepAt(Object receiver, Object index, String op, boolean prefix) {
        Object old = getAt(receiver, index, false);
        Object now = InvokerHelper.invokeMethod(old, op, null);
        putAt(receiver, index, now);
        return prefix ? now : old;
    }

    /** {@code text =~ pattern}: a matcher whose matching is step-limited. */
    public static Object findRegex(Object left, Object right) {
        return Regexes.find(left, right);
    }

    /** {@code text ==~ pattern}. */
    public static boolean matchRegex(Object left, Object right) {
        return Regexes.match(left, right);
    }

    private static Object apply(Object now, String op, Object value) {
        if (op.equals("elvis")) return DefaultTypeTransformation.castToBoolean(now) ? now : value;
        return InvokerHelper.invokeMethod(now, op, new Object[] {value});
    }

    private static Iterable<?> elements(Object receiver) {
        if (receiver instanceof Iterable<?> it) return it;
        if (receiver.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(receiver); i++) out.add(Array.get(receiver, i));
            return out;
        }
        if (receiver instanceof Iterator<?> it) {
            List<Object> out = new ArrayList<>();
            it.forEachRemaining(out::add);
            return out;
        }
        return List.of(receiver);
    }

    /** How a refusal names the receiver: its API type, else its class. */
    static String describe(Class<?> c) {
        if (ProgramLoader.isProgramClass(c)) return "the program's " + c.getSimpleName();
        String api = Policy.apiName(c);
        return api != null ? api : c.getName();
    }
}
