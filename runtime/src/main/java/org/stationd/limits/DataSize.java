package org.stationd.limits;

import java.lang.reflect.Array;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;

/**
 * The size of a JSON-like value (maps, lists, arrays, text, numbers, booleans) as JSON text, counted
 * only up to a cap: measuring a 5 MB value against a 64 KiB limit stops after 64 KiB of it, and a
 * map that holds itself is not walked for ever. Text counts one byte a character. Only the JDK's
 * own maps, lists, arrays and text are walked, never a class of the program's (its methods would run
 * the program's code outside its handler's limits): any other object counts {@value #OTHER}.
 */
public final class DataSize {
    static final int OTHER = 16;

    private DataSize() {}

    /** The JSON size of {@code value}, or {@code cap + 1} as soon as it is known to be more than {@code cap}. */
    public static long measure(Object value, long cap) {
        long size = 0;
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(value == null ? "null" : value);
        while (!todo.isEmpty()) {
            Object v = todo.pop();
            if (v == null) {
                size += 4;
            } else if (v.getClass().getClassLoader() != null) {
                size += OTHER;   // a Groovy string or object: its code is not run here
            } else if (v instanceof CharSequence s) {
                size += s.length() + 2;
            } else if (v instanceof Number || v instanceof Boolean || v instanceof Character) {
                size += String.valueOf(v).length();
            } else if (v instanceof Map<?, ?> m) {
                size += 2 + Math.max(0, 2 * m.size() - 1);   // braces, colons, commas
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    todo.push(String.valueOf(e.getKey()));
                    todo.push(e.getValue() == null ? "null" : e.getValue());
                    if (size > cap || todo.size() > cap) return cap + 1;
                }
            } else if (v instanceof Collection<?> c) {
                size += 2 + Math.max(0, c.size() - 1);
                for (Object o : c) {
                    todo.push(o == null ? "null" : o);
                    if (size > cap || todo.size() > cap) return cap + 1;
                }
            } else if (v.getClass().isArray()) {
                int n = Array.getLength(v);
                size += 2 + Math.max(0, n - 1);
                for (int i = 0; i < n && size <= cap && todo.size() <= cap; i++) {
                    Object o = Array.get(v, i);
                    todo.push(o == null ? "null" : o);
                }
            } else {
                size += OTHER;
            }
            if (size > cap) return cap + 1;
        }
        return size;
    }

    /** Whether {@code value} is more than {@code limit} bytes of JSON. */
    public static boolean exceeds(Object value, long limit) {
        return measure(value, limit) > limit;
    }

    /**
     * The exact JSON text of a value a program stores or publishes, written only up to {@code cap}
     * bytes: null when it is longer. Called inside the program's handler (it may run the program's
     * getters), so its time counts against the handler.
     */
    public static byte[] json(Object value, int cap) {
        Capped out = new Capped(cap);
        try {
            JSON.writeValue(out, value);
        } catch (Capped.Full full) {
            return null;
        } catch (java.io.IOException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            if (root instanceof Capped.Full) return null;
            throw new IllegalArgumentException("the value must be JSON-like (text, numbers, booleans, lists, maps): " + e.getMessage());
        }
        return out.toByteArray();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** A byte buffer that refuses to grow past its cap. */
    private static final class Capped extends java.io.ByteArrayOutputStream {
        private final int cap;

        Capped(int cap) {
            super(Math.min(cap, 8192));
            this.cap = cap;
        }

        @Override
        public synchronized void write(int b) {
            if (count + 1 > cap) throw new Full();
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (count + len > cap) throw new Full();
            super.write(b, off, len);
        }

        static final class Full extends RuntimeException {
            Full() { super("over the cap", null, false, false); }
        }
    }
}
