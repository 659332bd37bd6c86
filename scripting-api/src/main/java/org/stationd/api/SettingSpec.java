package org.stationd.api;

import java.util.List;
import java.util.Map;

/**
 * One setting a program reads from {@code station.settings}, as the program declares it: its
 * name, type, and default. A setting without a default is required: a station or schedule entry
 * that runs the program without it is refused ({@code ./stationd check}, {@code schedule add}, and
 * the schedule before the show airs). {@code media} and {@code media list} are file names in the
 * media folder, which {@code check} looks for.
 * <pre>{@code
 * settings(host: [type: 'text'], music: [type: 'media list', default: []])           // Groovy
 * settings: { host: { type: 'text' }, music: { type: 'media list', default: [] } }  // JavaScript
 * }</pre>
 */
public record SettingSpec(String name, Type type, boolean required, Object defaultValue) {

    /** What a setting holds, by the word a program writes. */
    public enum Type {
        TEXT("text"), NUMBER("number"), BOOLEAN("yes/no"), LIST("list"), MEDIA("media"), MEDIA_LIST("media list");

        private final String word;

        Type(String word) {
            this.word = word;
        }

        public String word() { return word; }

        /** The type a program named, or null. */
        public static Type of(String word) {
            for (Type t : values()) {
                if (t.word.equals(word) || t.name().equalsIgnoreCase(word)) return t;
            }
            return null;
        }

        public static List<String> words() {
            return java.util.Arrays.stream(values()).map(Type::word).toList();
        }
    }

    /** Why {@code value} does not fit this setting, or null if it does (null itself never fits; an absent setting is checked apart). */
    public String problem(Object value) {
        String wrong = "must be " + describe() + ", not " + shown(value);
        return switch (type) {
            case TEXT, MEDIA -> value instanceof CharSequence || value instanceof Number ? null : wrong;
            case NUMBER -> value instanceof Number || value instanceof CharSequence s && isNumber(s.toString()) ? null : wrong;
            case BOOLEAN -> value instanceof Boolean ? null : wrong;
            case LIST, MEDIA_LIST -> value instanceof List<?> l && l.stream().allMatch(v -> v instanceof CharSequence || v instanceof Number) ? null : wrong;
        };
    }

    /** The files a media setting names (none for other types). */
    public List<String> mediaFiles(Object value) {
        if (type == Type.MEDIA && value != null && problem(value) == null) return List.of(value.toString());
        if (type == Type.MEDIA_LIST && value instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return List.of();
    }

    /** How a volunteer reads this type. */
    public String describe() {
        return switch (type) {
            case TEXT -> "a text";
            case NUMBER -> "a number";
            case BOOLEAN -> "yes/no (true or false)";
            case LIST -> "a list, e.g. [a, b]";
            case MEDIA -> "a media file name, e.g. jingle.wav";
            case MEDIA_LIST -> "a list of media file names, e.g. [music-1.wav, music-2.wav]";
        };
    }

    /** Settings with the declared defaults filled in where {@code given} has none (the given order first). */
    public static Map<String, Object> withDefaults(List<SettingSpec> specs, Map<String, Object> given) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(given);
        for (SettingSpec s : specs) {
            if (!s.required() && s.defaultValue() != null) out.putIfAbsent(s.name(), s.defaultValue());
        }
        return out;
    }

    private static boolean isNumber(String s) {
        return s.trim().matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    }

    private static String shown(Object value) {
        if (value instanceof Map<?, ?>) return "a map";
        if (value instanceof List<?>) return "a list";
        if (value instanceof CharSequence s) return "'" + s + "'";
        return String.valueOf(value);
    }
}
