package org.stationd.station;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stationd.config.StationConfig;

/** What an edit of stations.yaml changed in a station, in words: why its show restarts. */
public final class StationChanges {
    private StationChanges() {}

    /** E.g. {@code stations.yaml changed its settings and schedule}. */
    public static String describe(StationConfig before, StationConfig after) {
        List<String> parts = new ArrayList<>();
        if (!Objects.equals(before.name(), after.name())) parts.add("name");
        if (!Objects.equals(before.timezone(), after.timezone())) parts.add("timezone");
        if (!Objects.equals(before.transmitters(), after.transmitters()) || !Objects.equals(before.gateways(), after.gateways())) parts.add("transmitter");
        if (!Objects.equals(before.lines(), after.lines()) || !Objects.equals(before.sms(), after.sms())) parts.add("lines");
        if (!Objects.equals(before.program(), after.program())) parts.add("program");
        if (!Objects.equals(before.settings(), after.settings())) parts.add("settings");
        if (!Objects.equals(before.schedule(), after.schedule())) parts.add("schedule");
        if (!Objects.equals(before.operators(), after.operators())) parts.add("operators");
        if (!Objects.equals(before.group(), after.group())) parts.add("group");
        if (!Objects.equals(before.switchName(), after.switchName())) parts.add("switch");
        String what = parts.isEmpty() ? "entry" : String.join(parts.size() == 2 ? " and " : ", ", parts);
        return "stations.yaml changed its " + what;
    }

    /** A host-wide message with when it happened (the host's zone). */
    public static String stamp(Instant at, String text) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(at.atZone(ZoneId.systemDefault())) + " " + text;
    }
}
