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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Commands that talk to a running host over its control socket. */
final class ControlCli {
    private ControlCli() {}

    abstract static class Base implements Callable<Integer> {
        @Option(names = "--config", description = "stations.yaml of the running host (for its control endpoint)", defaultValue = "stations.yaml")
        Path config;

        @Option(names = "--control", description = "control endpoint, e.g. tcp://127.0.0.1:5570 (default: from the config)")
        String endpoint;

        abstract Map<String, Object> request();

        void print(Map<String, Object> reply) throws Exception {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(reply));
        }

        @Override
        public Integer call() throws Exception {
            String ep = endpoint;
            if (ep == null) {
                try {
                    ep = ConfigLoader.load(config).control().control();
                } catch (ConfigException e) {
                    ep = ControlConfig.DEFAULT.control();
                }
            }
            try (ControlClient client = new ControlClient(ep, 5000)) {
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
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show stations, programs, states, calls and last errors of the running host.")
    static final class Status extends Base {
        @Override Map<String, Object> request() { return Map.of("cmd", "status"); }

        @Override
        @SuppressWarnings("unchecked")
        void print(Map<String, Object> reply) {
            System.out.println("switch: " + reply.get("switch"));
            System.out.printf("%-14s %-22s %-14s %5s  %s%n", "STATION", "PROGRAM", "STATE", "CALLS", "LAST ERROR");
            for (Map<String, Object> s : (List<Map<String, Object>>) reply.get("stations")) {
                System.out.printf("%-14s %-22s %-14s %5s  %s%n", s.get("station"), s.get("program"), s.get("state"), s.get("calls"),
                        s.get("lastError") == null ? "" : s.get("lastError"));
            }
            Map<String, Object> errs = (Map<String, Object>) reply.get("compileErrors");
            if (errs != null) {
                errs.forEach((f, e) -> System.out.println("compile error: " + e));
            }
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
}
