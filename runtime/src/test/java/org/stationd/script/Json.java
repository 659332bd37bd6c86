package org.stationd.script;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Canonical JSON-ish text of JSON-like values (sorted keys, numbers by value) for comparing data. */
final class Json {
    private Json() {}

    static String of(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) return '"' + s + '"';
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
        }
        if (v instanceof Boolean b) return b.toString();
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            new TreeMap<>(m).forEach((k, x) -> sb.append(sb.length() > 1 ? "," : "").append(of(k.toString())).append(':').append(of(x)));
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object x : l) sb.append(sb.length() > 1 ? "," : "").append(of(x));
            return sb.append(']').toString();
        }
        if (v instanceof org.stationd.api.Call c) return "Call(" + c.getId() + ")";
        return "<" + v.getClass().getSimpleName() + ">";
    }
}
