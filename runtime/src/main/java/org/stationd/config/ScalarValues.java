package org.stationd.config;

import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** YAML 1.2 core-schema scalars as Java values, for free-form settings. */
final class ScalarValues {
    private ScalarValues() {}

    static boolean isNull(ScalarNode s) {
        return Tag.NULL.equals(s.getTag());
    }

    static Object resolve(ScalarNode s) {
        Tag tag = s.getTag();
        String v = s.getValue();
        if (Tag.NULL.equals(tag)) return null;
        if (Tag.BOOL.equals(tag)) return Boolean.valueOf(v);
        if (Tag.INT.equals(tag)) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                return v;
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return v;
            }
        }
        return v;
    }
}
