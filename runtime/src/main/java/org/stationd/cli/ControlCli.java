package org.stationd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stationd.config.ConfigException;
import org.stationd.config.ConfigLoader;
import org.stationd.config.ControlConfig;
import org.stationd.control.ControlClient;
import org.stationd.control.ControlKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Commands that talk to a running host over its control socket. */
final class ControlCli {
    private ControlCli() {}

    /** The environment variable naming an operator's keys folder. */
    static final String KEYS_ENV = "STATIOND_CONTROL_KEYS";

    abstract static class Base implements Callable<Integer> {
        @Option(names = "--config", description = "stations.yaml of the running host (for its control endpoint)", defaultValue = "stations.yaml")
        Path config;

        @Option(names = "--control", description = "control endpoint, e.g. tcp://127.0.0.1:5570 (default: from the config)")
        String endpoint;

        @Option(names = "--keys", paramLabel = "DIR", description = "this operator's keys: host.cert and operator.cert_secret (default: $"
                + KEYS_ENV + ", else control.keys of the config)")
        Path keys;

        abstract Map<String, Object> request();

        void print(Map<String, Object> reply) throws Exception {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(reply));
        }

        @Override
        public Integer call() throws Exception {
            try (ControlClient client = client()) {   // a swap or reload compiles first: seconds on a busy host
                Map<String, Object> reply = client.send(request());
                if (!Boolean.TRUE.equals(reply.get("ok"))) {
                    System.err.println("stationd: " + reply.get("error"));
                    return 1;
                }
                reply.remove("ok");
                print(reply);
                return 0;
            } catch (java.io.IOException e) {
                System.err.println("stationd: " + e.getMessage());
                return 2;
            }
        }

        /** A client of the running host: its endpoint from the options or the config, with this operator's keys if there are any. */
        ControlClient client() throws java.io.IOException {
            return new ControlClient(controlEndpoint(), 60_000, operator());
        }

        String controlEndpoint() {
            return endpoint != null ? endpoint : fromFile().control();
        }

        /** This operator's keys (null: none), as --keys, $STATIOND_CONTROL_KEYS or the config name them. */
        ControlKeys.Operator operator() throws java.io.IOException {
            Path keyDir = keys != null ? keys
                    : System.getenv(KEYS_ENV) != null && !System.getenv(KEYS_ENV).isBlank() ? Path.of(System.getenv(KEYS_ENV))
                    : fromFile().keys();
            if (keyDir == null) return null;
            try {
                return ControlKeys.forOperator(keyDir);
            } catch (java.io.IOException e) {
                throw new java.io.IOException("no operator keys: " + e.getMessage(), e);
            }
        }

        private ControlConfig fromFile() {
            try {
                return ConfigLoader.load(config).control();
            } catch (ConfigException e) {
                return ControlConfig.DEFAULT;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show stations, programs, states, calls and last errors of the running host.")
    static final class Status extends Base {
        @Override Map<String, Object> request() { return Map.of("cmd", "status"); }

        @Override
        @SuppressWarnings("unchecked")
        void print(Map<String, Object> reply) {
            if (reply.get("switches") instanceof Map<?, ?> several) {   // one line per switch: what it is, whether it is up
                several.forEach((name, sw) -> System.out.println("switch " + name + ": " + ((Map<String, Object>) sw).get("switch")
                        + ": " + ((Map<String, Object>) sw).get("state")));
            } else {
                System.out.println("switch: " + reply.get("switch") + (reply.get("switchState") == null ? "" : ": " + reply.get("switchState")));
            }
            System.out.printf("%-14s %-22s %-14s %5s  %s%n", "STATION", "PROGRAM", "STATE", "CALLS", "LAST ERROR");
            for (Map<String, Object> s : (List<Map<String, Object>>) reply.get("stations")) {
                System.out.printf("%-14s %-22s %-14s %5s  %s%n", s.get("station"), java.util.Objects.toString(s.get("program"), "-"), s.get("state"),
                        java.util.Objects.toString(s.get("calls"), "-"),
                        s.get("lastError") == null ? "" : s.get("lastError"));
                if (s.get("refused") instanceof Map<?, ?> refused && !refused.isEmpty()) {   // refusals by a limit (docs/programs.md, Limits)
                    System.out.println("  refused: " + refused.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(java.util.stream.Collectors.joining(", ")));
                }
            }
            if (reply.get("control") instanceof Map<?, ?> ctl) {
                System.out.println("control socket: " + ctl.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", ")));
            }
            if (reply.get("configError") != null) System.out.println("config error: " + reply.get("configError"));
            Map<String, Object> errs = (Map<String, Object>) reply.get("compileErrors");
            if (errs != null) {
                errs.forEach((f, e) -> System.out.println("compile error: " + e));
            }
            ClusterStatusText.print(reply.get("cluster"), System.out);
        }
    }

    @Command(name = "swap", mixinStandardHelpOptions = true, description = "Put another program on a station, live.")
    static final class Swap extends Base {
        @Parameters(index = "0", paramLabel = "STATION") String station;
        @Parameters(index = "1", paramLabel = "PROGRAM", description = "file in the programs folder, e.g. talkshow.js") String program;

        @Override Map<String, Object> request() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cmd", "swap");
            m.put("station", station);
            m.put("program", program);
            return m;
        }
    }

    @Command(name = "reload", mixinStandardHelpOptions = true, description = "Recompile and reload a program (or all) where it runs; state and data are kept.")
    static final class Reload extends Base {
        @Parameters(index = "0", arity = "0..1", paramLabel = "PROGRAM") String program;

        @Override Map<String, Object> request() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cmd", "reload");
            if (program != null) m.put("program", program);
            return m;
        }
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true, description = "See and edit a station's schedule while the host runs.",
            subcommands = {ScheduleList.class, ScheduleAdd.class, ScheduleRm.class})
    static final class Schedule implements Runnable {
        @Override
        public void run() {
            new picocli.CommandLine(this).usage(System.out);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a station's schedule entries.")
    static final class ScheduleList extends Base {
        @Parameters(index = "0", paramLabel = "STATION") String station;

        @Override Map<String, Object> request() { return Map.of("cmd", "schedule-list", "station", station); }

        @Override
        @SuppressWarnings("unchecked")
        void print(Map<String, Object> reply) {
            System.out.printf("%5s  %-22s %-17s %-8s %-4s %-7s %s%n", "ID", "PROGRAM", "START (local)", "LENGTH", "PRIO", "SOURCE", "REPEAT");
            for (Map<String, Object> e : (List<Map<String, Object>>) reply.get("entries")) {
                System.out.printf("%5s  %-22s %-17s %-8s %-4s %-7s %s%n", e.get("id"), e.get("program"), e.get("start"), e.get("duration"),
                        e.get("priority"), e.get("source"), e.get("repeat") == null ? "" : e.get("repeat"));
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = {"Add a show; it takes effect at once.",
            "Example: ./stationd schedule add kampala playlist.groovy 2026-11-23T08:00 1h --repeat FREQ=DAILY"})
    static final class ScheduleAdd extends Base {
        @Parameters(index = "0", paramLabel = "STATION") String station;
        @Parameters(index = "1", paramLabel = "PROGRAM") String program;
        @Parameters(index = "2", paramLabel = "START", description = "local date and time in the station's timezone, e.g. 2026-11-23T08:00") String start;
        @Parameters(index = "3", paramLabel = "DURATION", description = "e.g. 1h, 90m, 1h30m") String duration;
        @Option(names = "--repeat", description = "RRULE, e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR") String repeat;
        @Option(names = "--priority", description = "wins overlaps against lower priorities (default 0)") Integer priority;
        @Option(names = "--set", paramLabel = "NAME=VALUE", description = "a setting of this show, as in stations.yaml (repeatable), e.g. --set host=user/1000 --set music=[music-1.wav]")
        Map<String, String> settings;

        @Override Map<String, Object> request() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cmd", "schedule-add");
            m.put("station", station);
            m.put("program", program);
            m.put("start", start);
            m.put("duration", duration);
            if (repeat != null) m.put("repeat", repeat);
            if (priority != null) m.put("priority", priority);
            if (settings != null) m.put("settings", SettingValues.parse(settings));
            return m;
        }

        @Override
        @SuppressWarnings("unchecked")
        void print(Map<String, Object> reply) {
            System.out.println("added entry " + reply.get("id"));
            if (reply.get("notes") instanceof List<?> notes) notes.forEach(n -> System.out.println("  note: " + n));
            for (String o : (List<String>) reply.get("overlaps")) {
                System.out.println("  note: " + o);
            }
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a schedule entry; takes effect at once.")
    static final class ScheduleRm extends Base {
        @Parameters(index = "0", paramLabel = "STATION") String station;
        @Parameters(index = "1", paramLabel = "ID") long id;

        @Override Map<String, Object> request() { return Map.of("cmd", "schedule-rm", "station", station, "id", id); }
    }
}
