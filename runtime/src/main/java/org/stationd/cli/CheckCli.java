package org.stationd.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.stationd.config.ConfigError;
import org.stationd.config.ConfigException;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.config.SwitchConfig;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.host.SwitchConnection;
import org.stationd.host.SwitchUnavailableException;
import org.stationd.script.ProgramCompileException;
import org.stationd.script.ProgramEngines;
import org.stationd.script.ProgramSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./stationd check}: validates stations.yaml and compiles every program, starting nothing; with {@code --switch}, what a live FreeSWITCH lacks. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validate stations.yaml and compile every program in the programs folder; nothing is started.",
                "Also tries what run needs: binds the control and publish sockets and lets them go, looks at the data folder,",
                "asks the JDBC driver about database.url (without connecting).",
                "Prints every error as file:line:column; exit code 1 if there is any.",
                "With --switch, then asks a live FreeSWITCH for what the stations need (modules, lines parked, transmitters",
                "answering, media readable), one OK/MISSING line each; probe calls are hung up at once."})
final class CheckCli implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "stations.yaml", description = "the config file (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--switch", paramLabel = "esl://HOST:PORT", description = "also check this live FreeSWITCH")
    String switchUrl;

    @Option(names = "--password", description = "its Event Socket password (default: password: in stations.yaml, else ClueCon)")
    String password;

    @Option(names = "--context", defaultValue = "stations", description = "the dialplan context station lines arrive in (default: ${DEFAULT-VALUE})")
    String context;

    @Override
    public Integer call() throws Exception {
        int errors = 0;
        HostConfig host = null;
        try {
            List<String> notes = new java.util.ArrayList<>();
            host = ConfigLoader.loadForCheck(config, notes);   // also tries what run needs: sockets, data folder, JDBC driver
            notes.forEach(n -> System.out.println("note    " + n));
            host.switches().groupsSpanningSwitches(host.stations()).forEach(w -> System.out.println("warning " + w));
        } catch (ConfigException e) {
            for (ConfigError err : e.errors()) {
                System.out.println(err);
            }
            errors += e.errors().size();
        }
        Path programs = host != null ? host.programsDir() : config.toAbsolutePath().getParent().resolve("programs");
        List<Path> files = List.of();
        if (Files.isDirectory(programs)) {
            try (Stream<Path> s = Files.list(programs)) {
                files = s.filter(p -> p.toString().endsWith(".groovy") || p.toString().endsWith(".js")).sorted().toList();
            }
        }
        java.util.Map<String, List<org.stationd.api.SettingSpec>> declared = new java.util.HashMap<>();
        try (ProgramEngines engines = new ProgramEngines()) {
            for (Path f : files) {
                try {
                    declared.put(f.getFileName().toString(), engines.settings(ProgramSource.read(f)));   // compiles it as check does
                    System.out.println("ok      " + programs.relativize(f));
                } catch (ProgramCompileException e) {
                    System.out.println(e.getMessage());
                    errors++;
                }
            }
        }
        if (host != null) {
            StationSettingsCheck settings = new StationSettingsCheck(host, declared);
            settings.notes().forEach(n -> System.out.println("note    " + n));
            for (ConfigError err : settings.errors()) {
                System.out.println(err);
                errors++;
            }
        }
        if (errors > 0) {
            System.out.println(errors + " error(s)");
            return 1;
        }
        System.out.println("config ok: " + host.stations().size() + " station(s), " + files.size() + " program(s) compile");
        return switchUrl == null ? 0 : checkSwitch(host);
    }

    private int checkSwitch(HostConfig host) throws Exception {
        SwitchConfig sw = SwitchConfig.parseUrl(switchUrl, password != null ? password : host.switchConfig().password());
        if (sw == null || sw.simulated()) {
            System.out.println("stationd: --switch must be esl://host:port of a live FreeSWITCH, not '" + switchUrl + "'");
            return 2;
        }
        EslClientOptions options = EslClientOptions.of(sw.host(), sw.port(), sw.password()).withReconnect(false, Duration.ofMillis(200), Duration.ofSeconds(1));
        try (EslClient fs = SwitchConnection.connect(options)) {
            int missing = new SwitchCheck(host, fs, context, System.out).run();
            if (missing > 0) {
                System.out.println(missing + " missing on " + sw.describe());
                return 1;
            }
            System.out.println("switch ok: " + sw.describe() + " has what the " + host.stations().size() + " station(s) need");
            return 0;
        } catch (SwitchUnavailableException e) {
            System.out.println("stationd: " + e.getMessage());
            return 1;
        } catch (ExecutionException | TimeoutException e) {
            // the switch went away or stopped answering in the middle: the findings so far stand
            System.out.println("stationd: FreeSWITCH at " + sw.host() + ":" + sw.port() + " stopped answering during the check ("
                    + (e.getCause() != null ? e.getCause().getMessage() : "no reply in time") + ")");
            return 1;
        }
    }
}
