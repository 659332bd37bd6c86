package org.stationd.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.stationd.config.HostConfig;
import org.stationd.control.CommandRefused;
import org.stationd.control.ControlCommand;
import org.stationd.station.ProgramFactory;
import org.stationd.station.StationContext;

/**
 * What operators ask of the host on its control socket: status, swapping and reloading programs,
 * the schedules, and the test phone's calls. Each command runs on its own thread (the control
 * socket's thread never waits for one); commands that change something run one at a time, in the
 * order they came, while looking runs beside them.
 */
final class HostControl {
    /** How long status waits for a busy station (on the command's thread, never the control socket's). */
    private static final Duration STATUS_WAIT = Duration.ofSeconds(5);

    private final Supplier<HostConfig> config;
    private final StationSet stations;
    private final HostPrograms programs;
    private final HostSchedules schedules;
    private final TestPhone phone;
    private final Supplier<String> publishEndpoint;
    private final SwitchSides switches;
    private final Supplier<Map<String, Object>> controlCounters;
    private final StationSnapshots snapshots = new StationSnapshots();
    private final Object changes = new Object();

    HostControl(Supplier<HostConfig> config, StationSet stations, HostPrograms programs, HostSchedules schedules, TestPhone phone,
                Supplier<String> publishEndpoint, SwitchSides switches, Supplier<Map<String, Object>> controlCounters) {
        this.config = config;
        this.stations = stations;
        this.programs = programs;
        this.schedules = schedules;
        this.phone = phone;
        this.publishEndpoint = publishEndpoint;
        this.switches = switches;
        this.controlCounters = controlCounters;
    }

    Map<String, Object> handle(ControlCommand c) throws Exception {
        return switch (c.cmd()) {
            case "status" -> status();
            case "schedule-list" -> scheduleList(c.requiredText("station"));
            case "call-feed" -> phone.feed(stationOrFail(c.requiredText("station")).config(), c, publishEndpoint.get());
            case "call-start" -> c.flag("asHost") ? phone.host(stationOrFail(c.requiredText("station")), c)
                    : phone.start(stationOrFail(c.requiredText("station")).config(), c);
            case "call-keys" -> phone.keys(c);
            case "call-text" -> phone.text(c);
            case "call-voice" -> phone.voice(c);
            case "call-hangup" -> phone.hangup(c);
            case "swap", "reload", "schedule-add", "schedule-rm" -> {
                synchronized (changes) {
                    yield change(c);
                }
            }
            default -> throw new CommandRefused("unknown command '" + c.cmd() + "'; try status, swap, reload, schedule-list, schedule-add, schedule-rm"
                    + ", call-feed, call-start, call-keys, call-text, call-voice, call-hangup");
        };
    }

    private Map<String, Object> change(ControlCommand c) {
        return switch (c.cmd()) {
            case "swap" -> swap(c.requiredText("station"), c.requiredText("program"));
            case "reload" -> reload(c.text("program"));
            case "schedule-add" -> schedules.add(stationOrFail(c.requiredText("station")), c);
            default -> scheduleRemove(c.requiredText("station"), c.requiredWholeNumber("id", 1, Long.MAX_VALUE));
        };
    }

    /** The last save of stations.yaml that could not be applied (when, why); null once a good one is. */
    private volatile String configError;

    void configError(String error) {
        configError = error;
    }

    Map<String, Object> status() throws InterruptedException {
        List<Map<String, Object>> list = snapshots.read(stations.live(), STATUS_WAIT);
        Map<String, Object> out = new LinkedHashMap<>();
        switches.describe(out);   // switch, switchState (and switches, by name, on several), routed, unowned, dropped
        out.put("stations", list);
        out.put("configError", configError);
        out.put("compileErrors", programs.compileErrorsByName());
        out.put("control", controlCounters.get());
        Map<String, Object> c = cluster.get();
        if (c != null) out.put("cluster", c);
        return out;
    }

    /** The cluster's hosts and leases for status (a host in a cluster; none otherwise). */
    private volatile Supplier<Map<String, Object>> cluster = () -> null;

    void cluster(Supplier<Map<String, Object>> status) {
        this.cluster = status;
    }

    Map<String, Object> swap(String stationId, String programFile) {
        StationContext s = stationOrFail(stationId);
        Path file = ProgramsFolder.resolve(config.get().programsDir(), programFile);
        programs.forget(file);
        ProgramFactory f = programs.program(file);
        if (f == null) {
            throw new CommandRefused(programFile + " does not compile: " + programs.compileError(file.toAbsolutePath().normalize()));
        }
        // the program goes, its data with it: whatever it is doing now can stop
        s.stopRunningHandler("its station's program is being swapped for " + f.name(), Duration.ZERO);
        s.submit(() -> {
            s.tap("in", "op", Map.of("cmd", "swap", "program", f.name(), "version", f.version()));
            s.load(f);
        });
        return Map.of("station", stationId, "program", f.name(), "version", f.version());
    }

    Map<String, Object> reload(String programFile) {
        List<String> files = new ArrayList<>();
        for (StationContext s : stations.live()) {
            String p = s.programName();   // what it runs now: its own, a scheduled show's or a swapped-in one
            if (p != null && (programFile == null || programFile.equals(p))) {
                files.add(p);
            }
        }
        files.stream().distinct().forEach(p -> programs.changed(config.get().programsDir().resolve(p)));
        return Map.of("reloaded", files.stream().distinct().toList());
    }

    Map<String, Object> scheduleList(String stationId) {
        stationOrFail(stationId);
        return schedules.list(stationId);
    }

    Map<String, Object> scheduleAdd(ControlCommand c) {
        return schedules.add(stationOrFail(c.requiredText("station")), c);
    }

    Map<String, Object> scheduleRemove(String stationId, long id) {
        return schedules.remove(stationOrFail(stationId), id);
    }

    private StationContext stationOrFail(String id) {
        StationContext s = stations.get(id);
        if (s == null) {
            throw new CommandRefused("no station '" + id + "'; stations are " + stations.ids());
        }
        return s;
    }
}
