package org.stationd.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stationd.api.SettingSpec;
import org.stationd.config.ConfigError;
import org.stationd.config.ConfigPositions;
import org.stationd.config.ConfiguredShow;
import org.stationd.config.HostConfig;
import org.stationd.config.SettingsCheck;
import org.stationd.config.StationConfig;
import org.stationd.media.MediaCatalog;

/**
 * {@code ./stationd check}'s look at settings: every station's settings against its program's
 * declaration, and every schedule entry's (over its station's) against the entry's program; media
 * files looked for in the media folder. Errors carry file:line:column; settings no program of the
 * station reads are notes (a typo, or a setting kept for another show).
 */
final class StationSettingsCheck {
    private final List<ConfigError> errors = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> reported = new java.util.HashSet<>();

    /** {@code declared}: program file name → its declared settings (programs that did not compile are absent). */
    StationSettingsCheck(HostConfig host, Map<String, List<SettingSpec>> declared) {
        ConfigPositions at = ConfigPositions.of(host.file());
        MediaCatalog media = MediaCatalog.of(host.mediaDir());
        for (int i = 0; i < host.stations().size(); i++) {
            StationConfig s = host.stations().get(i);
            String where = "stations[" + i + "]";
            Set<String> read = new LinkedHashSet<>();
            boolean allDeclare = true;
            if (s.program() != null && declared.containsKey(s.program())) {
                List<SettingSpec> specs = declared.get(s.program());
                allDeclare &= !specs.isEmpty();
                specs.forEach(x -> read.add(x.name()));
                check(at, media, s.program(), specs, s.settings(), where, new Object[] {"stations", i, "settings"}, null);
            }
            for (int j = 0; j < s.schedule().size(); j++) {
                ConfiguredShow show = s.schedule().get(j);
                List<SettingSpec> specs = declared.get(show.program());
                if (specs == null) continue;   // the loader or the compiler said what is wrong with it
                allDeclare &= !specs.isEmpty();
                specs.forEach(x -> read.add(x.name()));
                Map<String, Object> merged = new LinkedHashMap<>(s.settings());
                merged.putAll(show.settings());
                check(at, media, show.program(), specs, merged, where + ".schedule[" + j + "]",
                        new Object[] {"stations", i, "schedule", j, "settings"}, show.settings().keySet());
                String entry = "station " + s.id() + ", schedule entry " + (j + 1) + ": ";
                SettingsCheck.unread(show.program(), specs, show.settings().keySet()).forEach(n -> notes.add(entry + n));
            }
            if (allDeclare && !read.isEmpty()) {
                for (String g : s.settings().keySet()) {
                    if (!read.contains(g)) {
                        notes.add("station " + s.id() + ": settings." + g + " is read by none of its programs (they read " + String.join(", ", read) + ")");
                    }
                }
            }
        }
    }

    private void check(ConfigPositions at, MediaCatalog media, String program, List<SettingSpec> specs, Map<String, Object> settings,
                       String where, Object[] settingsPath, Set<String> own) {
        for (SettingsCheck.Problem p : SettingsCheck.problems(program, specs, settings, media::has)) {
            String said = settingsPath[1] + ":" + p.setting() + ": " + p.message();   // per station
            if (own != null && p.atValue() && !own.contains(p.setting()) && reported.contains(said)) continue;   // the station's value, said there
            reported.add(said);
            Object[] path = java.util.Arrays.copyOf(settingsPath, settingsPath.length + 1);
            path[settingsPath.length] = p.setting();
            String message = p.message().startsWith("no media file") ? p.message() + " in " + media.dir() + " (nor in its prompts.yaml)" : p.message();
            errors.add(at.error(where + ".settings." + p.setting(), message, p.atValue() ? path : settingsPath));
        }
    }

    List<ConfigError> errors() {
        return errors;
    }

    List<String> notes() {
        return notes;
    }
}
