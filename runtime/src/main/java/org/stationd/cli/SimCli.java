package org.stationd.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.stationd.esl.embedded.EmbeddedSwitch;
import org.stationd.esl.embedded.SwitchProvider;
import org.stationd.esl.embedded.SwitchSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./stationd sim}: runs the simulated FreeSWITCH in the foreground until Ctrl-C. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Run the simulated FreeSWITCH: a real Event Socket on the given port, calls from the dialplan in sim.yaml.",
                "Point stationd (or fs_cli, or any ESL client) at it instead of a FreeSWITCH."})
final class SimCli implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "8021", description = "Event Socket port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--password", defaultValue = "ClueCon", description = "Event Socket password (default: ${DEFAULT-VALUE})")
    String password;

    @Option(names = "--dialplan", paramLabel = "FILE", description = "sim.yaml to use instead of the built-in one")
    Path dialplan;

    @Option(names = "--sounds", paramLabel = "DIR",
            description = "local directory standing for /usr/local/freeswitch/share/freeswitch/sounds")
    Path sounds;

    @Override
    public Integer call() throws InterruptedException {
        SwitchSpec spec = SwitchSpec.defaults().withHost(host).withPort(port).withPassword(password).withDialplan(dialplan).withSounds(sounds);
        EmbeddedSwitch sim;
        try {
            sim = SwitchProvider.named("sim").start(spec);
        } catch (RuntimeException e) {
            System.err.println("stationd sim: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stop.countDown();
        }, "sim-shutdown"));
        System.out.println("simulated FreeSWITCH 1.10.12 listening on " + host + ":" + sim.port() + " (password " + password
                + ", dialplan " + (dialplan == null ? "built-in sim.yaml" : dialplan) + "); Ctrl-C to stop");
        stop.await();
        return 0;
    }
}
