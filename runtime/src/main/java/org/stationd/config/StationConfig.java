package org.stationd.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One station from stations.yaml. {@code lines} maps a line's name ({@code call-in}, {@code ivr}) to its numbers.
 * {@code group} (or null) names the stations whose programs share topics and leases (the news relay's).
 * {@code switchName} (or null: the host's default) names the switch it runs on, one of {@code switches:}.
 */
public record StationConfig(
        String id,
        String name,
        ZoneId timezone,
        List<Transmitter> transmitters,
        Map<String, List<String>> lines,
        String sms,
        Map<String, Gateway> gateways,
        String program,
        Map<String, Object> settings,
        List<ConfiguredShow> schedule,
        List<String> operators,
        String group,
        String switchName) {

    /** A station in no group: its programs' topics and leases are its own. */
    public StationConfig(String id, String name, ZoneId timezone, List<Transmitter> transmitters, Map<String, List<String>> lines,
                         String sms, Map<String, Gateway> gateways, String program, Map<String, Object> settings,
                         List<ConfiguredShow> schedule, List<String> operators) {
        this(id, name, timezone, transmitters, lines, sms, gateways, program, settings, schedule, operators, null);
    }

    /** A station on the host's default switch. */
    public StationConfig(String id, String name, ZoneId timezone, List<Transmitter> transmitters, Map<String, List<String>> lines,
                         String sms, Map<String, Gateway> gateways, String program, Map<String, Object> settings,
                         List<ConfiguredShow> schedule, List<String> operators, String group) {
        this(id, name, timezone, transmitters, lines, sms, gateways, program, settings, schedule, operators, group, null);
    }

    /** The line a dialled number belongs to, or null. */
    public String lineOf(String number) {
        for (Map.Entry<String, List<String>> e : lines.entrySet()) {
            if (e.getValue().contains(number)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Line name → first number, for scripts. */
    public Map<String, String> primaryLines() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        lines.forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }
}
