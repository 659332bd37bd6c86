package org.stationd.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.stationd.config.ConfigError;
import org.stationd.config.ConfigException;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.script.ProgramCompileException;
import org.stationd.script.ProgramEngines;
import org.stationd.script.ProgramSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./stationd check}: validates stations.yaml and compiles every program, starting nothing. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validate stations.yaml and compile every program in the programs folder; nothing is started.",
                "Prints every error as file:line:column; exit code 1 if there is any."})
final class CheckCli implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "stations.yaml", description = "the config file (default: ${DEFAULT-VALUE})")
    Path config;

    @Override
    public Integer call() throws Exception {
        int errors = 0;
        HostConfig host = null;
        try {
            host = ConfigLoader.load(config);
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
        try (ProgramEngines engines = new ProgramEngines()) {
            for (Path f : files) {
                try {
                    engines.check(ProgramSource.read(f));
                    System.out.println("ok      " + programs.relativize(f));
                } catch (ProgramCompileException e) {
                    System.out.println(e.getMessage());
                    errors++;
                }
            }
        }
        if (errors > 0) {
            System.out.println(errors + " error(s)");
            return 1;
        }
        System.out.println("config ok: " + host.stations().size() + " station(s), " + files.size() + " program(s) compile");
        return 0;
    }
}
