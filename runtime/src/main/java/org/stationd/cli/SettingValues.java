package org.stationd.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** {@code --set NAME=VALUE}: each value read as stations.yaml reads it (42, true, [a, b], text). */
final class SettingValues {
    private SettingValues() {}

    static Map<String, Object> parse(Map<String, String> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        given.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static Object value(String text) {
        try {
            Object v = new Load(LoadSettings.builder().setMaxAliasesForCollections(0).build()).loadFromString(text);
            return v == null || v instanceof Map<?, ?> ? text : v;   // a map is no setting value: keep the text, the host names what it wants
        } catch (RuntimeException notYaml) {
            return text;
        }
    }
}
