package org.stationd.esl.embedded;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to run an embedded switch.
 *
 * @param port      0 picks a free port ({@link EmbeddedSwitch#port()} tells which)
 * @param dialplan  the dialplan file (sim.yaml), or null for the built-in one
 * @param sounds    a local directory standing for FreeSWITCH's sounds directory, or null
 * @param clock     a {@link SwitchProvider#virtualClock} to drive it by, or null for the wall clock
 * @param phones    by endpoint ({@code user/3001}, {@code sofia/gateway/pstn/5552001},
 *                  {@code loopback/tx1/stations}): what the phone does on its next calls, in order;
 *                  later calls as on its last one
 * @param parked    numbers whose incoming calls park (for the station), whatever the dialplan says of them
 */
public record SwitchSpec(String host, int port, String password, ZoneId zone, Path dialplan, Path sounds,
                         SteppedClock clock, Map<String, List<FarEnd>> phones, Set<String> parked) {

    public SwitchSpec {
        phones = Collections.unmodifiableMap(new LinkedHashMap<>(phones));   // in the caller's order: a replay runs the same every time
        parked = Collections.unmodifiableSet(new LinkedHashSet<>(parked));
    }

    /** Loopback, a free port, password ClueCon, this machine's zone, the built-in dialplan, the wall clock. */
    public static SwitchSpec defaults() {
        return new SwitchSpec("127.0.0.1", 0, "ClueCon", ZoneId.systemDefault(), null, null, null, Map.of(), Set.of());
    }

    public SwitchSpec withHost(String h) {
        return new SwitchSpec(h, port, password, zone, dialplan, sounds, clock, phones, parked);
    }

    public SwitchSpec withPort(int p) {
        return new SwitchSpec(host, p, password, zone, dialplan, sounds, clock, phones, parked);
    }

    public SwitchSpec withPassword(String pw) {
        return new SwitchSpec(host, port, pw, zone, dialplan, sounds, clock, phones, parked);
    }

    public SwitchSpec withZone(ZoneId z) {
        return new SwitchSpec(host, port, password, z, dialplan, sounds, clock, phones, parked);
    }

    public SwitchSpec withDialplan(Path file) {
        return new SwitchSpec(host, port, password, zone, file, sounds, clock, phones, parked);
    }

    public SwitchSpec withSounds(Path dir) {
        return new SwitchSpec(host, port, password, zone, dialplan, dir, clock, phones, parked);
    }

    public SwitchSpec withClock(SteppedClock c) {
        return new SwitchSpec(host, port, password, zone, dialplan, sounds, c, phones, parked);
    }

    public SwitchSpec withPhones(Map<String, List<FarEnd>> byEndpoint) {
        return new SwitchSpec(host, port, password, zone, dialplan, sounds, clock, byEndpoint, parked);
    }

    public SwitchSpec withParked(Set<String> numbers) {
        return new SwitchSpec(host, port, password, zone, dialplan, sounds, clock, phones, numbers);
    }
}
