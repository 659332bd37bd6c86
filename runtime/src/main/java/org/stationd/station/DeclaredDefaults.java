package org.stationd.station;

import java.util.Map;
import org.stationd.api.SettingSpec;

/** A program sees the defaults it declares for the settings a station leaves out. */
final class DeclaredDefaults {
    private DeclaredDefaults() {}

    static Map<String, Object> apply(ProgramFactory program, Map<String, Object> given) {
        try {
            return SettingSpec.withDefaults(program.settings(), given);
        } catch (Exception unreadable) {
            return given;   // the program's load says what is wrong with it
        }
    }
}
