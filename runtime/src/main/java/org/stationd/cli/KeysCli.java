package org.stationd.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stationd.control.ControlKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./stationd keys}: the control socket's CURVE certificates, for a host reachable from the network. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Make the control socket's keys (ZeroMQ CURVE certificates): the host's, and an operator's, never overwriting one.",
                "Then in stations.yaml: control: { control: tcp://0.0.0.0:5570, keys: keys }. Operators authorised: DIR/operators/*.cert"
                        + " (delete one to revoke it). The CLI finds its keys with --keys, $STATIOND_CONTROL_KEYS or stations.yaml."})
final class KeysCli implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "keys", description = "the keys folder (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--operator", defaultValue = ControlKeys.DEFAULT_OPERATOR,
            description = "the operator's name (default: ${DEFAULT-VALUE}, whose keys go in the folder itself; another's go in DIR/NAME/ to hand over)")
    String operator;

    @Option(names = "--read-only", description = "the operator may only look (status, schedule list)")
    boolean readOnly;

    @Override
    public Integer call() {
        try {
            for (String line : ControlKeys.create(dir, operator, readOnly)) {
                System.out.println("stationd: " + line);
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("stationd: cannot make keys in " + dir + ": " + e.getMessage());
            return 1;
        }
    }
}
