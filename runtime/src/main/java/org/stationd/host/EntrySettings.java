package org.stationd.host;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stationd.config.SettingsCheck;
import org.stationd.config.StationConfig;
import org.stationd.control.CommandRefused;
import org.stationd.control.ControlCommand;
import org.stationd.schedule.ShowSettings;
import org.stationd.station.ProgramFactory;

/**
 * The settings of a show added with {@code schedule add}: read from the command (an object of
 * texts, numbers, yes/no and lists of those) and checked against what the program declares, so a
 * show that would air without a required setting is refused when it is added.
 */
final class EntrySettings {
    private static final int MAX_SETTINGS = 64;
    private static final int MAX_LIST = 256;

    private EntrySettings() {}

    static Map<String, Object> from(ControlCommand c) {
        Object v = c.args().get("settings");
        if (v == null) return Map.of();
        String wrong = "'" + c.cmd() + "': \"settings\" must be an object of names to texts, numbers, true/false or lists of those";
        if (!(v instanceof Map<?, ?> m) || m.size() > MAX_SETTINGS) throw new CommandRefused(wrong);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k) || !k.matches("[A-Za-z_][A-Za-z0-9_-]{0,63}") || !plain(e.getValue(), true)) {
                throw new CommandRefused(wrong);
            }
            out.put(k, e.getValue());
        }
        return out;
    }

    private static boolean plain(Object v, boolean listAllowed) {
        if (v instanceof String s) return s.length() <= 1000;
        if (v instanceof Number || v instanceof Boolean) return true;
        return listAllowed && v instanceof List<?> l && l.size() <= MAX_LIST && l.stream().allMatch(x -> plain(x, false));
    }

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
