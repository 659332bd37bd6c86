package org.stationd.console;

import java.util.List;
import java.util.Map;

/** One API request, parsed: the path's parts, the query and the JSON body (empty when none). */
record Request(String method, String path, List<String> parts, Map<String, List<String>> query, Map<String, Object> body) {
    String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() || v.get(0).isBlank() ? null : v.get(0);
    }

    int intParam(String name, int fallback, int min, int max) {
        String v = param(name);
        if (v == null) return fallback;
        if (!v.matches("\\d{1,9}") || Integer.parseInt(v) < min || Integer.parseInt(v) > max) {
            throw new ApiError(400, "\"" + name + "\" must be a whole number from " + min + " to " + max);
        }
        return Integer.parseInt(v);
    }

    /** The n-th path part (0 is "api"). */
    String part(int n) {
        return n < parts.size() ? parts.get(n) : null;
    }
}
