package org.stationd.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stationd.config.SettingsCheck;
import org.stationd.station.ProgramFactory;

/**
 * A show's settings as it would air (its station's, then its schedule entry's over them) against
 * what its program declares: a show missing a required setting, or given one of the wrong type,
 * is refused rather than put on air to fail there (dead air). Media are not looked for here: they
 * may be made later, and a program says itself what it skips.
 */
public final class ShowSettings {
    private ShowSettings() {}

    public static Map<String, Object> merged(Map<String, Object> station, Map<String, Object> entry) {
        Map<String, Object> m = new LinkedHashMap<>(station);
        m.putAll(entry);
        return m;
    }

    /** Why {@code program} cannot air with these settings, or null. */
    public static String refusal(ProgramFactory program, Map<String, Object> station, Map<String, Object> entry) throws Exception {
        List<SettingsCheck.Problem> problems = SettingsCheck.problems(program.name(), program.settings(), merged(station, entry), null);
        return problems.isEmpty() ? null : SettingsCheck.describe(program.name(), problems);
    }
}
