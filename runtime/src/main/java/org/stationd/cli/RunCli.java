package org.stationd.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.stationd.config.ConfigError;
import org.stationd.config.ConfigException;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.config.SwitchConfig;
import org.stationd.host.ConsoleListener;
import org.stationd.host.PerEventOutput;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.host.StationHost;
import org.stationd.host.SwitchConnections;
import org.stationd.host.SwitchUnavailableException;
import org.stationd.media.MediaGenerator;
import org.stationd.script.ProgramEngines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./stationd run}: every station of stations.yaml on air until Ctrl-C or SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run every station in stations.yaml: on the embedded simulated switch unless the file (or --switch) names a real FreeSWITCH.",
                "Prints one line per change (above 20 stations a summary of their states every 2 s); Ctrl-C or SIGTERM stops cleanly (teardowns run, calls are hung up)."})
final class RunCli implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "stations.yaml", description = "the config file (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--switch", description = "sim, or esl://host:port of a real FreeSWITCH (overrides stations.yaml)")
    String switchUrl;

    @Option(names = "--password", description = "the Event Socket password (overrides stations.yaml)")
    String password;

    @Option(names = "--events", description = "also print and publish each call's events (answers, keys, hang-ups); by default only what changes a station")
    boolean events;

    @Option(names = "--for", paramLabel = "SECONDS", description = "stop by itself after this many seconds (demos, smoke tests)")
    Long seconds;

    @Override
    public Integer call() throws Exception {
        HostConfig host;
        try {
            host = ConfigLoader.loadForRun(config);   // what check finds, run refuses the same way
        } catch (ConfigException e) {
            for (ConfigError err : e.errors()) {
                System.err.println(err);
            }
            System.err.println("stationd: fix " + e.errors().size() + " error(s) in " + config + " first (./stationd check shows them too)");
            return 1;
        }
        SwitchConfig sw = host.switchConfig();
        if (switchUrl != null) {
            SwitchConfig parsed = SwitchConfig.parseUrl(switchUrl, password != null ? password : sw.password());
            if (parsed == null) {
                System.err.println("stationd: --switch must be 'sim' or 'esl://host:port', not '" + switchUrl + "'");
                return 2;
            }
            sw = parsed;
        } else if (password != null) {
            sw = SwitchConfig.parseUrl(sw.simulated() ? "sim" : "esl://" + sw.host() + ":" + sw.port(), password);
        }
        // one connection per switch a station runs on; --switch and --password replace the default one
        java.util.Map<String, SwitchConfig> switches = new java.util.LinkedHashMap<>(host.switchesInUse());
        if (switchUrl != null || password != null) {
            String name = host.switches().defaultName() != null && switches.containsKey(host.switches().defaultName())
                    ? host.switches().defaultName() : switches.size() == 1 ? switches.keySet().iterator().next() : null;
            if (name == null) {
                System.err.println("stationd: --switch and --password replace the switch of stations that name none, and every station of "
                        + host.file().getFileName() + " names its own: give each switch's address under switches: instead");
                return 2;
            }
            switches.put(name, sw.withOriginatesPerSecond(switches.get(name).originatesPerSecond()));
        }
        if (Files.exists(host.mediaDir().resolve("prompts.yaml"))) {
            try {
                List<Path> written = new MediaGenerator(host.mediaDir()).generate(false);
                if (!written.isEmpty()) {
                    System.out.println("stationd: generated " + written.size() + " media file(s) in " + host.mediaDir());
                }
            } catch (ClassCastException | NullPointerException e) {
                System.err.println("stationd: " + host.mediaDir().resolve("prompts.yaml") + " must look like"
                        + " speech: { name: words }  music: { name: { seconds: 3, notes: [440, 660] } }");
                return 1;
            } catch (java.io.IOException | RuntimeException e) {
                System.err.println("stationd: cannot make the media described in " + host.mediaDir().resolve("prompts.yaml") + ": " + reason(e));
                return 1;
            }
        }
        if (host.database() == null && org.stationd.storage.DatabaseLock.heldElsewhere(host.dataDir())) {
            System.err.println("stationd: the database " + org.stationd.storage.DatabaseLock.h2File(host.dataDir())
                    + " is open by another stationd host; stop that host, or give this one its own data: folder in " + host.file().getFileName());
            return 1;
        }
        ZoneId zone = host.stations().isEmpty() ? ZoneId.systemDefault() : host.stations().get(0).timezone();
        CountDownLatch stop = new CountDownLatch(1);
        SwitchConnections opened;
        try {
            opened = SwitchConnections.open(switches, host.simDialplan(), zone);
        } catch (SwitchUnavailableException e) {
            System.err.println("stationd: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("stationd: cannot start the switch: " + reason(e));
            return 1;
        }
        try (SwitchConnections link = opened;
             ProgramEngines engines = new ProgramEngines()) {
            StationHost stations;
            try {
                if (events) PerEventOutput.request();
                stations = new StationHost(host, new ScriptProgramLoader(engines), link.clients(), null,
                        List.of(new ConsoleListener(System.out, host.stations().size())), org.stationd.station.StationTap.NONE,
                        new org.stationd.station.RealScheduler());
            } catch (Exception e) {
                // what changed since the config was tried (a port taken, the database down): one line, no stack trace
                System.err.println("stationd: cannot start: " + reason(e));
                return 1;
            }
            org.stationd.console.ConsoleServer console = null;
            if (host.console() != null) {
                try {
                    console = org.stationd.console.ConsoleServer.start(stations, host.console());
                } catch (Exception e) {
                    if (!host.console().onDefaultAddress()) {
                        System.err.println("stationd: cannot start the console on " + host.console().listen() + ": " + reason(e));
                        stations.close();
                        return 1;
                    }
                    // not asked for by name: the stations go on air without it, and the operator hears why
                    System.err.println("stationd: warning: no web console: " + host.console().listen() + " (the default) is in use: " + reason(e)
                            + "; set console: { listen: \"127.0.0.1:PORT\" } in " + host.file().getFileName() + ", or listen: off");
                }
            }
            System.out.println("stationd: " + host.stations().size() + " station(s) on " + link.description()
                    + "; operators at " + host.control().control() + (console == null ? "" : "; console at " + console.url()) + "; Ctrl-C stops");
            CountDownLatch done = new CountDownLatch(1);
            // SIGTERM/Ctrl-C: wake the main thread, which stops everything in order, and wait for it
            Thread hook = new Thread(() -> {
                stop.countDown();
                try {
                    done.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stationd-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            if (seconds != null) {
                stop.await(seconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
            if (console != null) console.close();
            try {
                stations.close();
            } catch (Exception e) {
                System.err.println("stationd: stopping: " + e.getMessage());
            }
            System.out.println("stationd: stopped");
            System.out.flush();
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // stopped by a signal: the hook is already running and now returns
            }
        }
        return 0;
    }

    /** The first message along the causes, on one line. */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().replaceAll("\\s*\\R\\s*", " ");
    }
}
