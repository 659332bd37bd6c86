package org.stationd.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stationd.api.SettingSpec;
import org.stationd.text.Suggest;

/**
 * Reads what a program's {@code settings} declares, the same for Groovy and JavaScript: a map of
 * setting name to {@code { type, default }}. A mistake is an {@link IllegalArgumentException}
 * whose message the engine puts at the declaration's line.
 */
public final class SettingsDeclaration {
    public static final String USAGE_GROOVY = "settings(host: [type: 'text'], music: [type: 'media list', default: []])";
    public static final String USAGE_JS = "settings: { host: { type: 'text' }, music: { type: 'media list', default: [] } }";
    private static final List<String> KEYS = List.of("type", "default");

    private SettingsDeclaration() {}

    /** {@code declared}: name → its description (a map with {@code type} and maybe {@code default}) as the engine read them. */
    public static List<SettingSpec> read(Map<String, ?> declared, String usage) {
        List<SettingSpec> out = new ArrayList<>();
        for (Map.Entry<String, ?> e : declared.entrySet()) {
            String name = e.getKey();
            if (!(e.getValue() instanceof Map<?, ?> d)) {
                throw new IllegalArgumentException("setting '" + name + "' needs its type, e.g. " + usage);
            }
            for (Object k : d.keySet()) {
                if (!KEYS.contains(String.valueOf(k))) {
                    throw new IllegalArgumentException("setting '" + name + "': unknown '" + k + "'" + Suggest.didYouMean(String.valueOf(k), KEYS)
                            + "; a setting has a type and maybe a default (without one it is required)");
                }
            }
            SettingSpec.Type type = d.get("type") == null ? null : SettingSpec.Type.of(String.valueOf(d.get("type")));
            if (type == null) {
                throw new IllegalArgumentException("setting '" + name + "': type must be one of " + String.join(", ", SettingSpec.Type.words())
                        + (d.get("type") == null ? "" : ", not '" + d.get("type") + "'"));
            }
            boolean required = !d.containsKey("default");
            Object def = d.get("default");
            SettingSpec spec = new SettingSpec(name, type, required, def);
            if (def != null && spec.problem(def) != null) {
                throw new IllegalArgumentException("setting '" + name + "': its default " + spec.problem(def));
            }
            out.add(spec);
        }
        return out;
    }
}
