package org.stationd.config;

import org.stationd.text.Suggest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a YAML node tree while collecting errors with file, line and column, so one pass reports
 * every mistake. Accessors return null (or empty) for what is wrong and record why.
 */
final class NodeReader {
    private final String file;
    private final List<ConfigError> errors = new ArrayList<>();

    NodeReader(String file) {
        this.file = file;
    }

    List<ConfigError> errors() {
        return errors;
    }

    void error(Node at, String key, String message) {
        int line = 0;
        int col = 0;
        if (at != null && at.getStartMark().isPresent()) {
            Mark m = at.getStartMark().get();
            line = m.getLine() + 1;
            col = m.getColumn() + 1;
        }
        errors.add(new ConfigError(file, line, col, key, message));
    }

    /** A mapping's entries by key, reporting unknown keys (with a suggestion) and duplicate keys. */
    Map<String, Node> map(Node node, String path, Set<String> allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode m)) {
            error(node, path, "must be a mapping (key: value), found " + kind(node));
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks)) {
                error(k, path, "keys must be plain words");
                continue;
            }
            String key = ks.getValue();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            if (allowed != null && !allowed.contains(key)) {
                String hint = Suggest.closest(key, allowed);
                error(k, keyPath, "unknown key" + (hint == null ? "; allowed: " + String.join(", ", allowed) : "; did you mean '" + hint + "'?"));
                continue;
            }
            if (out.put(key, t.getValueNode()) != null) {
                error(k, keyPath, "key appears twice");
            }
        }
        return out;
    }

    /** A free-form mapping (program settings): plain Java values. */
    Map<String, Object> freeMap(Node node, String path) {
        Object v;
        try {
            v = plain(node, path, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()), 1);
        } catch (Refused r) {
            error(r.at == null ? node : r.at, r.at == null ? path : r.path, r.getMessage());
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), val));
            return out;
        }
        error(node, path, "must be a mapping (key: value), found " + kind(node));
        return Map.of();
    }

    /** Values one file's settings may come to: aliases (*name) copy what they name, so a few lines could mean millions. */
    static final int MAX_VALUES = 100_000;
    private int values;

    /** Why settings cannot be made plain values; {@code at} null: the settings as a whole. */
    private static final class Refused extends RuntimeException {
        final Node at;
        final String path;

        Refused(Node at, String path, String message) {
            super(message, null, false, false);
            this.at = at;
            this.path = path;
        }
    }

    /** {@code open}: the lists and mappings this value is inside, which an alias must not name again. */
    private Object plain(Node node, String path, Set<Node> open, int depth) {
        if (++values > MAX_VALUES) {
            throw new Refused(null, null, "more than " + MAX_VALUES + " values once its aliases (*name) are expanded");
        }
        if (node instanceof ScalarNode s) {
            return ScalarValues.resolve(s);
        }
        if (!open.add(node)) {
            throw new Refused(node, path, "refers to the list or mapping it is in (an alias inside its own anchor)");
        }
        if (depth > NestingLimit.MAX) {
            throw new Refused(node, path, "nested deeper than " + NestingLimit.MAX + " levels once its aliases (*name) are expanded");
        }
        try {
            if (node instanceof SequenceNode seq) {
                List<Object> list = new ArrayList<>();
                int i = 0;
                for (Node n : seq.getValue()) {
                    list.add(plain(n, path + "[" + i++ + "]", open, depth + 1));
                }
                return list;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : ((MappingNode) node).getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode ks ? ks.getValue() : String.valueOf(t.getKeyNode());
                out.put(key, plain(t.getValueNode(), path + "." + key, open, depth + 1));
            }
            return out;
        } finally {
            open.remove(node);
        }
    }

    List<Node> list(Node node, String path) {
        if (node instanceof SequenceNode s) {
            return s.getValue();
        }
        error(node, path, "must be a list, found " + kind(node));
        return List.of();
    }

    /** A string, also accepting a single item where a list is allowed ({@code one-or-many}). */
    List<Node> oneOrMany(Node node) {
        return node instanceof SequenceNode s ? s.getValue() : List.of(node);
    }

    String string(Node node, String path) {
        if (node instanceof ScalarNode s && !ScalarValues.isNull(s)) {
            return s.getValue();
        }
        error(node, path, "must be a text value, found " + kind(node));
        return null;
    }

    Integer integer(Node node, String path, int min, int max) {
        if (node instanceof ScalarNode s && s.getValue().trim().matches("[+-]?\\d+")) {
            java.math.BigInteger v = new java.math.BigInteger(s.getValue().trim());
            if (v.bitLength() >= 32) {   // past what any key allows: say the limit, not Java's words
                error(node, path, v.signum() < 0 ? "number too small (at least " + min + ")" : "number too large (at most " + max + ")");
                return null;
            }
            if (v.intValue() < min || v.intValue() > max) {
                error(node, path, "must be between " + min + " and " + max + ", found " + v);
                return null;
            }
            return v.intValue();
        }
        error(node, path, "must be a whole number, found " + describe(node));
        return null;
    }

    Boolean bool(Node node, String path) {
        if (node instanceof ScalarNode s) {
            String v = s.getValue().trim();
            if (v.equals("true") || v.equals("false")) {
                return Boolean.valueOf(v);
            }
        }
        error(node, path, "must be true or false, found " + describe(node));
        return null;
    }

    void require(Map<String, Node> m, Node owner, String path, String... keys) {
        for (String k : keys) {
            if (!m.containsKey(k)) {
                error(owner, path, "missing required key '" + k + "'");
            }
        }
    }

    static String kind(Node node) {
        if (node == null) return "nothing";
        if (node instanceof ScalarNode s) return ScalarValues.isNull(s) ? "an empty value" : "'" + s.getValue() + "'";
        if (node instanceof SequenceNode) return "a list";
        return "a mapping";
    }

    private static String describe(Node node) {
        return kind(node);
    }
}
