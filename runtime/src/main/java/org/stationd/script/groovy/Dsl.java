package org.stationd.script.groovy;

import groovy.lang.Closure;

/** Argument checks for the DSL words, with the usage as the error. */
final class Dsl {
    private Dsl() {}

    static Object[] args(Object args) {
        return args instanceof Object[] a ? a : new Object[] {args};
    }

    static Closure<?> closure(Object[] a, String usage) {
        if (a.length == 1 && a[0] instanceof Closure<?> c) return c;
        throw new DslException(usage);
    }

    static String text(Object[] a, String usage) {
        if (a.length == 1 && a[0] instanceof CharSequence s) return s.toString();
        throw new DslException(usage);
    }

    static int integer(Object[] a, String usage) {
        if (a.length == 1 && (a[0] instanceof Integer || a[0] instanceof Long || a[0] instanceof Short)) {
            return ((Number) a[0]).intValue();
        }
        throw new DslException(usage);
    }
}
