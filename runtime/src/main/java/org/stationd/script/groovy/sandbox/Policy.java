package org.stationd.script.groovy.sandbox;

import groovy.lang.Closure;
import groovy.lang.GString;
import groovy.lang.GroovySystem;
import groovy.lang.MetaClass;
import groovy.lang.MetaMethod;
import groovy.lang.MetaProperty;
import groovy.lang.Range;
import groovy.lang.Script;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.groovy.runtime.DefaultGroovyStaticMethods;
import org.codehaus.groovy.runtime.MethodClosure;
import org.stationd.script.groovy.ProgramScript;

/**
 * What a program may call, read and write, by receiver class and name. An allow-list: the
 * scripting API ({@code org.stationd.api}, by the API types an object implements, never by its
 * runtime class), the DSL builders, the program's own classes and closures, and a few JDK value
 * types (texts, numbers, collections and maps, {@code java.time} values, {@code Math}); with their
 * Groovy extension methods, minus {@link #DENIED} (dynamic dispatch, metaclasses, delegates,
 * processes, URLs, printing, sleeping). Decisions are computed once per class.
 */
final class Policy {
    /** Never callable, readable or writable by name, on anything. */
    static final Set<String> DENIED = Set.of("invokeMethod", "getProperty", "setProperty", "getMetaClass", "setMetaClass",
            "metaClass", "getMetaPropertyValues", "getProperties", "properties", "hasProperty", "respondsTo", "with", "tap",
            "identity", "use", "mixin", "withTraits", "asType", "sleep", "wait", "notify", "notifyAll", "addShutdownHook",
            "execute", "executeOnShell", "toURL", "toURI", "evaluate", "run", "main", "getClassLoader", "classLoader",
            "forName", "newInstance", "print", "println", "printf", "finalize", "parallelStream", "getBinding",
            "setBinding", "binding", "methodMissing", "propertyMissing", "getDelegate", "setDelegate", "delegate",
            "getOwner", "owner", "getThisObject", "thisObject", "rehydrate", "dehydrate", "setResolveStrategy",
            "resolveStrategy", "setDirective", "directive", "getDeclaredMethods", "getMethods", "getDeclaredFields",
            "getFields", "getDeclaredConstructors", "getConstructors", "getModule", "getProtectionDomain");

    /** Safe for implicit calls although Groovy defines them on every object. */
    private static final Set<String> SAFE_IMPLICIT = Set.of("toString", "hashCode", "equals", "sprintf");
    /** The script's own API words (the builders answer the rest of the DSL). */
    private static final Set<String> SCRIPT_API = Set.of("program", "go", "getStation", "getData", "getState", "getLog");
    private static final Set<String> SCRIPT_PROPERTIES = Set.of("station", "data", "state", "log");
    private static final Set<String> OBJECT_BASICS = Set.of("toString", "equals", "hashCode", "getClass");
    private static final Set<String> CLOSURE_METHODS = Set.of("call", "doCall", "curry", "rcurry", "ncurry", "memoize",
            "trampoline", "getMaximumNumberOfParameters", "isCase", "leftShift", "rightShift", "toString", "equals", "hashCode");
    private static final Set<String> THROWABLE_METHODS = Set.of("getMessage", "getLocalizedMessage", "getCause", "toString");
    /** Static methods that read the host's system properties. */
    private static final Set<String> STATIC_DENIED = Set.of("getInteger", "getLong", "getBoolean");

    /** Instance methods (Java and Groovy's) of these types are allowed on any object that is one. */
    private static final List<Class<?>> VALUE_TYPES = List.of(String.class, CharSequence.class, GString.class,
            StringBuilder.class, Number.class, Boolean.class, Character.class, Collection.class, List.class, Set.class,
            Queue.class, Deque.class, SortedSet.class, Map.class, SortedMap.class, Map.Entry.class, Iterator.class,
            Iterable.class, Range.class, Duration.class, Period.class, Instant.class, LocalDate.class, LocalTime.class,
            LocalDateTime.class, ZonedDateTime.class, OffsetDateTime.class, ZoneId.class, DayOfWeek.class, Month.class,
            DateTimeFormatter.class, ChronoUnit.class, UUID.class, Random.class, Matcher.class, Pattern.class, Comparable.class);
    /** Static methods and fields of these are allowed. */
    private static final Set<Class<?>> STATIC_TYPES = Set.of(Math.class, StrictMath.class, Integer.class, Long.class,
            Double.class, Float.class, Short.class, Byte.class, Boolean.class, Character.class, String.class,
            BigDecimal.class, BigInteger.class, Collections.class, Arrays.class, Objects.class, List.class, Map.class,
            Set.class, Duration.class, Period.class, Instant.class, LocalDate.class, LocalTime.class, LocalDateTime.class,
            ZonedDateTime.class, OffsetDateTime.class, ZoneId.class, ZoneOffset.class, DayOfWeek.class, Month.class,
            DateTimeFormatter.class, ChronoUnit.class, UUID.class);
    /** Types a program may name (declarations, casts, {@code new}, class literals) besides the API and its own. */
    private static final Set<String> NAMEABLE_NAMES = nameable();

    /** Each value type's method names (Java's and Groovy's), computed once: building metaclasses is slow. */
    private static final Map<Class<?>, Set<String>> VALUE_NAMES = valueNames();
    private static final Set<String> ARRAY_NAMES = Set.copyOf(groovyMethods(Object[].class));

    /** Every method name Groovy resolves on a script, a closure or a class besides the program's own. */
    private static final Set<String> HOST_METHODS = hostMethods();
    private static final Set<String> HOST_PROPERTIES = hostProperties();

    private static final ClassValue<Allowance> ALLOWANCES = new ClassValue<>() {
        @Override
        protected Allowance computeValue(Class<?> type) {
            return Allowance.of(type);
        }
    };
    private static final ClassValue<Allowance> STATICS = new ClassValue<>() {
        @Override
        protected Allowance computeValue(Class<?> type) {
            return Allowance.statics(type);
        }
    };

    private Policy() {}

    static boolean method(Class<?> receiver, String name) {
        return !DENIED.contains(name) && ALLOWANCES.get(receiver).method(name);
    }

    static boolean getProperty(Class<?> receiver, String name) {
        return !DENIED.contains(name) && ALLOWANCES.get(receiver).get(name);
    }

    static boolean setProperty(Class<?> receiver, String name) {
        return !DENIED.contains(name) && ALLOWANCES.get(receiver).set(name);
    }

    static boolean field(Class<?> receiver, String name) {
        return !DENIED.contains(name) && ALLOWANCES.get(receiver).field(name);
    }

    /** {@code Math.max(…)}, {@code String.valueOf(…)}, a program class's static methods. */
    static boolean staticMethod(Class<?> type, String name) {
        return !DENIED.contains(name) && (STATICS.get(type).method(name) || name.equals("getName") || name.equals("getSimpleName"));
    }

    static boolean staticProperty(Class<?> type, String name) {
        return !DENIED.contains(name) && (STATICS.get(type).get(name) || name.equals("name") || name.equals("simpleName"));
    }

    /** A call without a receiver ({@code foo()}, {@code "$name"()}): never one of Groovy's own methods. */
    static boolean implicitMethod(String name) {
        return !DENIED.contains(name) && (!HOST_METHODS.contains(name) || SAFE_IMPLICIT.contains(name));
    }

    /** A variable that is not declared ({@code station}, a script binding): never one of Groovy's own properties. */
    static boolean implicitProperty(String name) {
        return !DENIED.contains(name) && (SCRIPT_PROPERTIES.contains(name) || !HOST_PROPERTIES.contains(name));
    }

    /** A JDK or API type a program may name (by its class name); the program's own classes are checked by the compiler. */
    static boolean nameable(String className) {
        return NAMEABLE_NAMES.contains(className) || className.startsWith("org.stationd.api.") && className.indexOf('.', 17) < 0;
    }

    /** Whether an object is one of the API's types: its calls get their arguments checked. */
    static boolean isApiObject(Class<?> c) {
        return ALLOWANCES.get(c).api != null;
    }

    /** The API type a refusal names ({@code Station}, not the runtime class behind it), or null. */
    static String apiName(Class<?> c) {
        return ALLOWANCES.get(c).api;
    }

    static boolean isApi(Class<?> c) {
        return c.getPackageName().equals("org.stationd.api");
    }

    private static Set<String> nameable() {
        Set<Class<?>> s = new HashSet<>(VALUE_TYPES);
        s.addAll(STATIC_TYPES);
        s.addAll(List.of(Object.class, Void.class, ArrayList.class, LinkedList.class, ArrayDeque.class, HashMap.class,
                LinkedHashMap.class, TreeMap.class, HashSet.class, LinkedHashSet.class, TreeSet.class, Closure.class,
                StringBuffer.class, groovy.lang.IntRange.class, Throwable.class, Exception.class, RuntimeException.class,
                IllegalArgumentException.class, IllegalStateException.class, UnsupportedOperationException.class,
                NumberFormatException.class, ArithmeticException.class, IndexOutOfBoundsException.class,
                NullPointerException.class));
        s.remove(Class.class);
        Set<String> names = new HashSet<>();
        for (Class<?> c : s) names.add(c.getName());
        return Set.copyOf(names);
    }

    private static Map<Class<?>, Set<String>> valueNames() {
        Map<Class<?>, Set<String>> out = new HashMap<>();
        for (Class<?> v : VALUE_TYPES) {
            Set<String> names = javaMethods(v);
            names.addAll(groovyMethods(v));
            out.put(v, Set.copyOf(names));
        }
        return Map.copyOf(out);
    }

    private static Set<String> hostMethods() {
        Set<String> names = new HashSet<>();
        for (Class<?> c : List.of(Script.class, Closure.class, Object.class)) {
            MetaClass mc = GroovySystem.getMetaClassRegistry().getMetaClass(c);
            for (MetaMethod m : mc.getMethods()) names.add(m.getName());
            for (MetaMethod m : mc.getMetaMethods()) names.add(m.getName());
            for (Method m : c.getMethods()) names.add(m.getName());
        }
        for (Method m : DefaultGroovyStaticMethods.class.getMethods()) names.add(m.getName());
        names.removeAll(SCRIPT_API);
        return Set.copyOf(names);
    }

    private static Set<String> hostProperties() {
        Set<String> names = new HashSet<>(Set.of("out", "binding", "class", "metaClass"));
        for (Class<?> c : List.of(Script.class, Closure.class)) {
            for (MetaProperty p : GroovySystem.getMetaClassRegistry().getMetaClass(c).getProperties()) names.add(p.getName());
        }
        names.removeAll(SCRIPT_PROPERTIES);
        return Set.copyOf(names);
    }

    /** Allowed method names and property names for one receiver class. */
    private record Allowance(String api, boolean any, Set<String> methods, Set<String> gets, Set<String> sets, Set<String> fields) {
        static final Allowance NONE = new Allowance(null, false, Set.of(), Set.of(), Set.of(), Set.of());

        boolean method(String name) {
            return any || methods.contains(name);
        }

        boolean get(String name) {
            return any || gets.contains(name);
        }

        boolean set(String name) {
            return any || sets.contains(name);
        }

        boolean field(String name) {
            return fields.contains(name);
        }

        static Allowance of(Class<?> c) {
            if (DslObject.class.isAssignableFrom(c)) {
                return new Allowance(null, true, Set.of(), Set.of(), Set.of(), Set.of());
            }
            if (ProgramLoader.isProgramClass(c)) {
                return program(c);
            }
            Set<String> methods = new HashSet<>(OBJECT_BASICS);
            Set<String> records = new HashSet<>();
            String api = null;
            if (Closure.class.isAssignableFrom(c)) {
                if (!MethodClosure.class.isAssignableFrom(c)) methods.addAll(CLOSURE_METHODS);
            } else if (Throwable.class.isAssignableFrom(c)) {
                methods.addAll(THROWABLE_METHODS);
            } else if (c.isArray()) {
                methods.addAll(ARRAY_NAMES);
            } else if (c.isEnum() && isApi(c)) {
                methods.addAll(javaMethods(c));
            } else {
                for (Class<?> a : apiTypes(c)) {
                    if (api == null) api = a.getSimpleName();
                    methods.addAll(javaMethods(a));
                    if (a.isRecord()) {
                        for (var rc : a.getRecordComponents()) records.add(rc.getName());
                    }
                }
                for (Class<?> v : VALUE_TYPES) {
                    if (v.isAssignableFrom(c)) methods.addAll(VALUE_NAMES.get(v));
                }
            }
            methods.removeAll(DENIED);
            Set<String> gets = new HashSet<>(records);
            Set<String> sets = new HashSet<>();
            for (String m : methods) {
                String p = propertyOf(m, "get");
                if (p == null) p = propertyOf(m, "is");
                if (p != null) gets.add(p);
                String s = propertyOf(m, "set");
                if (s != null) sets.add(s);
            }
            if (c.isArray()) gets.add("length");
            gets.removeAll(DENIED);
            sets.removeAll(DENIED);
            return new Allowance(api, false, Set.copyOf(methods), Set.copyOf(gets), Set.copyOf(sets), Set.of());
        }

        /** The program's own class: what it (and its program superclasses) declares; a script also has the API words. */
        static Allowance program(Class<?> c) {
            if (Closure.class.isAssignableFrom(c)) {
                return new Allowance(null, false, CLOSURE_METHODS, Set.of(), Set.of(), Set.of());
            }
            Set<String> methods = new HashSet<>(OBJECT_BASICS);
            Set<String> gets = new HashSet<>();
            Set<String> sets = new HashSet<>();
            Set<String> fields = new HashSet<>();
            for (Class<?> k = c; k != null && ProgramLoader.isProgramClass(k); k = k.getSuperclass()) {
                for (Method m : k.getDeclaredMethods()) {
                    if (m.isSynthetic() || m.getName().contains("$")) continue;
                    methods.add(m.getName());
                }
                for (Field f : k.getDeclaredFields()) {
                    if (f.isSynthetic() || f.getName().contains("$") || f.getName().startsWith("__")) continue;
                    fields.add(f.getName());
                    gets.add(f.getName());
                    if (!Modifier.isFinal(f.getModifiers())) sets.add(f.getName());
                }
            }
            if (ProgramScript.class.isAssignableFrom(c)) {
                methods.addAll(SCRIPT_API);
                gets.addAll(SCRIPT_PROPERTIES);
            }
            methods.removeAll(DENIED);
            for (String m : methods) {
                String p = propertyOf(m, "get");
                if (p == null) p = propertyOf(m, "is");
                if (p != null) gets.add(p);
                String s = propertyOf(m, "set");
                if (s != null) sets.add(s);
            }
            gets.removeAll(DENIED);
            sets.removeAll(DENIED);
            fields.removeAll(DENIED);
            return new Allowance(null, false, Set.copyOf(methods), Set.copyOf(gets), Set.copyOf(sets), Set.copyOf(fields));
        }

        static Allowance statics(Class<?> c) {
            if (ProgramLoader.isProgramClass(c)) {
                Allowance own = program(c);
                return new Allowance(null, false, own.methods, own.fields, own.sets, own.fields);
            }
            if (!STATIC_TYPES.contains(c) && !isApi(c)) {
                return NONE;
            }
            Set<String> methods = new HashSet<>();
            for (Method m : c.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && !STATIC_DENIED.contains(m.getName())) methods.add(m.getName());
            }
            Set<String> gets = new HashSet<>();
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers())) gets.add(f.getName());
            }
            methods.removeAll(DENIED);
            return new Allowance(null, false, Set.copyOf(methods), Set.copyOf(gets), Set.of(), Set.of());
        }
    }

    /** The API types (interfaces and classes of {@code org.stationd.api}) an object is. */
    static Set<Class<?>> apiTypes(Class<?> c) {
        Set<Class<?>> out = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(c);
        while (!todo.isEmpty()) {
            Class<?> k = todo.poll();
            if (isApi(k)) out.add(k);
            if (k.getSuperclass() != null) todo.add(k.getSuperclass());
            todo.addAll(Arrays.asList(k.getInterfaces()));
        }
        return out;
    }

    private static Set<String> javaMethods(Class<?> c) {
        Set<String> names = new HashSet<>();
        for (Method m : c.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers())) names.add(m.getName());
        }
        return names;
    }

    private static Set<String> groovyMethods(Class<?> c) {
        Set<String> names = new HashSet<>();
        for (MetaMethod m : GroovySystem.getMetaClassRegistry().getMetaClass(c).getMetaMethods()) names.add(m.getName());
        return names;
    }

    private static String propertyOf(String method, String prefix) {
        if (method.length() <= prefix.length() || !method.startsWith(prefix)) return null;
        String rest = method.substring(prefix.length());
        if (!Character.isUpperCase(rest.charAt(0))) return null;
        if (rest.length() > 1 && Character.isUpperCase(rest.charAt(1))) return rest;
        return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
    }
}
