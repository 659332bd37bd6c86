package org.stationd.script.groovy.sandbox;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Arguments a program passes to the scripting API, checked before the host sees them, so that a
 * mistake is the program's clear error and never a host exception or a broken switch command:
 * a required text ({@code play(null)}) is not null, no text is longer than {@link #MAX_TEXT}
 * characters (the switch refuses longer commands), and seconds, counts and days are finite
 * numbers, 0 or more.
 */
final class ApiArguments {
    static final int MAX_TEXT = 8192;

    private static final ClassValue<Map<String, List<Class<?>[]>>> SIGNATURES = new ClassValue<>() {
        @Override
        protected Map<String, List<Class<?>[]>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private ApiArguments() {}

    static void check(Object receiver, String name, Object[] args) {
        if (args.length == 0) return;
        List<Class<?>[]> signatures = SIGNATURES.get(receiver.getClass()).computeIfAbsent(name + "/" + args.length,
                k -> signatures(receiver.getClass(), name, args.length));
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof CharSequence s && s.length() > MAX_TEXT) {
                throw refuse(receiver, name, "a text of " + s.length() + " characters is too long (at most " + MAX_TEXT + ")");
            }
            if (a == null && i == 0 && allTake(signatures, 0, String.class)) {
                throw refuse(receiver, name, "needs a text, not null");
            }
            if (a instanceof Number n && numeric(signatures, i)) {
                double d = n.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d) || d < 0) {
                    throw refuse(receiver, name, n + " is not a number of seconds, days or items: it must be 0 or more");
                }
            }
        }
    }

    private static List<Class<?>[]> signatures(Class<?> c, String name, int arity) {
        List<Class<?>[]> out = new ArrayList<>();
        for (Class<?> api : Policy.apiTypes(c)) {
            for (Method m : api.getMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == arity) out.add(m.getParameterTypes());
            }
        }
        return out;
    }

    private static boolean allTake(List<Class<?>[]> signatures, int i, Class<?> type) {
        if (signatures.isEmpty()) return false;
        for (Class<?>[] s : signatures) {
            if (s[i] != type) return false;
        }
        return true;
    }

    private static boolean numeric(List<Class<?>[]> signatures, int i) {
        for (Class<?>[] s : signatures) {
            Class<?> t = s[i];
            if (t == int.class || t == long.class || t == double.class || t == Double.class || t == Integer.class) return true;
        }
        return false;
    }

    private static ProgramRefusal refuse(Object receiver, String name, String problem) {
        return new ProgramRefusal(Checker.describe(receiver.getClass()) + "." + name + "(…): " + problem);
    }
}
