package org.stationd.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.stationd.api.SettingSpec;
import org.stationd.text.Suggest;

/**
 * A station's or schedule entry's settings against what its program declares it reads: each
 * required setting given, each of the right type, each media file there. Used by
 * {@code ./stationd check}, {@code schedule add} and the schedule before a show airs.
 */
public final class SettingsCheck {
    /** {@code setting}: the setting it is about; {@code atValue}: the problem is in the value written (else it is missing). */
    public record Problem(String setting, String message, boolean atValue) {
        @Override
        public String toString() {
            return "settings." + setting + ": " + message;
        }
    }

    private SettingsCheck() {}

    /**
     * What is wrong with {@code settings} for {@code program} (empty: nothing). {@code mediaFound} says
     * whether a media file can be played (null: files are not looked for).
     */
    public static List<Problem> problems(String program, List<SettingSpec> specs, Map<String, Object> settings, Predicate<String> mediaFound) {
        List<Problem> out = new ArrayList<>();
        for (SettingSpec s : specs) {
            Object v = settings.get(s.name());
            if (v == null) {
                if (s.required()) {
                    out.add(new Problem(s.name(), program + " needs this setting (" + s.describe() + "); give it in the station's or the schedule entry's settings", false));
                }
                continue;
            }
            String wrong = s.problem(v);
            if (wrong != null) {
                out.add(new Problem(s.name(), wrong, true));
                continue;
            }
            if (mediaFound != null) {
                for (String f : s.mediaFiles(v)) {
                    if (!mediaFound.test(f)) out.add(new Problem(s.name(), "no media file '" + f + "'", true));
                }
            }
        }
        return out;
    }

    /** Settings given that the program does not read (a typo?), with a suggestion each; empty if it declares none. */
    public static List<String> unread(String program, List<SettingSpec> specs, Iterable<String> given) {
        List<String> out = new ArrayList<>();
        if (specs.isEmpty()) return out;
        List<String> names = specs.stream().map(SettingSpec::name).toList();
        for (String g : given) {
            if (!names.contains(g)) {
                out.add("settings." + g + ": " + program + " does not read it" + Suggest.didYouMean(g, names) + "; it reads " + String.join(", ", names));
            }
        }
        return out;
    }

    /** One line for a refusal: every problem, joined. */
    public static String describe(String program, List<Problem> problems) {
        return program + ": " + String.join("; ", problems.stream().map(Problem::toString).toList());
    }
}
