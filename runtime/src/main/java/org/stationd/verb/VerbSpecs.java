package org.stationd.verb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.stationd.api.Call;
import org.stationd.api.Conference;
import org.stationd.limits.SwitchValues;

/**
 * The one schema for every verb's arguments ({@code specs.json}): names, types, ranges, defaults.
 * A script that passes {@code call.collect(mx: 3)} hears "unknown option 'mx' for collect;
 * allowed: min, max, …" instead of a silent default.
 */
final class VerbSpecs {
    private final JsonNode specs;

    private VerbSpecs(JsonNode specs) {
        this.specs = specs;
    }

    /** Parsed once per process: every station's verbs share it (it is only read). */
    private static final class Loaded {
        static final VerbSpecs SPECS = read();
    }

    static VerbSpecs load() {
        return Loaded.SPECS;
    }

    /**
     * Every {@code org/stationd/verb/specs.json} on the class path, merged: the runtime's, and one
     * beside any verb that lives elsewhere (a test's). A verb described twice is an error.
     */
    private static VerbSpecs read() {
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode all = json.createObjectNode();
        try {
            java.util.Enumeration<java.net.URL> found = VerbSpecs.class.getClassLoader().getResources("org/stationd/verb/specs.json");
            while (found.hasMoreElements()) {
                java.net.URL url = found.nextElement();
                try (InputStream in = url.openStream()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = json.readTree(in).fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        if (all.has(e.getKey())) {
                            throw new IllegalStateException("verb '" + e.getKey() + "' is described twice in specs.json (again in " + url + ")");
                        }
                        all.set(e.getKey(), e.getValue());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("specs.json missing from the runtime jar");
        }
        return new VerbSpecs(all);
    }

    /** Every registered verb needs a schema entry and every entry a verb: caught at start-up, not on air. */
    void checkCovers(Set<String> verbs) {
        for (String v : verbs) {
            if (!specs.has(v)) {
                throw new IllegalStateException("verb '" + v + "' has no entry in specs.json");
            }
        }
        for (Iterator<String> it = specs.fieldNames(); it.hasNext(); ) {
            String s = it.next();
            if (!verbs.contains(s)) {
                throw new IllegalStateException("specs.json describes '" + s + "', which is no verb");
            }
        }
    }

    Map<String, Object> check(String verb, Map<String, Object> args) {
        JsonNode spec = specs.get(verb);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> a : args.entrySet()) {
            if (!spec.has(a.getKey())) {
                throw new IllegalArgumentException("unknown option '" + a.getKey() + "' for " + verb + "; allowed: " + String.join(", ", fields(spec)));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode rule = f.getValue();
            Object value = args.get(name);
            if (value == null) {
                if (rule.path("required").asBoolean(false)) {
                    throw new IllegalArgumentException(verb + " needs '" + name + "'");
                }
                if (rule.has("default")) {
                    value = rule.get("type").asText().equals("string") ? rule.get("default").asText() : rule.get("default").numberValue();
                } else {
                    continue;
                }
            }
            out.put(name, coerce(verb, name, rule, value));
        }
        return out;
    }

    private static Object coerce(String verb, String name, JsonNode rule, Object value) {
        String type = rule.get("type").asText();
        String where = verb + " option '" + name + "'";
        switch (type) {
            case "string" -> {
                if (!(value instanceof CharSequence) && !(value instanceof Number)) {
                    throw new IllegalArgumentException(where + " must be text, got " + value);
                }
                // every text goes into a command for the switch: one check for all (SwitchValues)
                String s = SwitchValues.of(rule.path("form").asText("line"), where, value);
                if (rule.has("pattern") && !Pattern.matches(rule.get("pattern").asText(), s)) {
                    throw new IllegalArgumentException(where + " '" + s + "' does not match " + rule.get("pattern").asText());
                }
                return s;
            }
            case "integer", "number" -> {
                double d;
                if (value instanceof Number n) {
                    d = n.doubleValue();
                } else {
                    try {
                        d = Double.parseDouble(value.toString());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(where + " must be a number, got '" + value + "'");
                    }
                }
                if (type.equals("integer") && d != Math.rint(d)) {
                    throw new IllegalArgumentException(where + " must be a whole number, got " + value);
                }
                if (rule.has("min") && d < rule.get("min").asDouble() || rule.has("max") && d > rule.get("max").asDouble()) {
                    throw new IllegalArgumentException(where + " must be between " + rule.get("min").asText() + " and " + rule.get("max").asText() + ", got " + value);
                }
                return type.equals("integer") ? (Object) (int) d : (Object) d;
            }
            case "call" -> {
                if (!(value instanceof Call)) {
                    throw new IllegalArgumentException(where + " must be a call");
                }
                return value;
            }
            case "conference" -> {
                if (!(value instanceof Conference)) {
                    throw new IllegalArgumentException(where + " must be a conference (station.conference('name'))");
                }
                return value;
            }
            default -> throw new IllegalStateException("specs.json: unknown type '" + type + "' for " + where);
        }
    }

    private static Iterable<String> fields(JsonNode spec) {
        java.util.List<String> names = new java.util.ArrayList<>();
        spec.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
