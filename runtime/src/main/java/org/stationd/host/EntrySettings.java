package org.stationd.host;

import java.util.List;
import java.util.Map;
import org.stationd.config.SettingsCheck;
import org.stationd.config.StationConfig;
import org.stationd.control.CommandRefused;
import org.stationd.control.ControlCommand;
import org.stationd.schedule.ShowSettings;
import org.stationd.station.ProgramFactory;

/**
 * The settings of a show added with {@code schedule add} (read by {@link ControlCommand#settings}),
 * checked against what the program declares, so a
 * show that would air without a required setting is refused when it is added.
 */
final class EntrySettings {
    private EntrySettings() {}

    /** Refuses a show that could not air with these settings; else the settings the program does not read (notes). */
    static List<String> check(ProgramFactory program, StationConfig station, Map<String, Object> entry) {
        try {
            String refused = ShowSettings.refusal(program, station.settings(), entry);
            if (refused != null) throw new CommandRefused("not added: " + refused);
            return SettingsCheck.unread(program.name(), program.settings(), entry.keySet());
        } catch (CommandRefused e) {
            throw e;
        } catch (Exception e) {
            throw new CommandRefused(program.name() + " could not be read for its settings: " + e.getMessage());
        }
    }
}
