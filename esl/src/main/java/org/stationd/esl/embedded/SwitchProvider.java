package org.stationd.esl.embedded;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ServiceLoader;

/**
 * A switch stationd can run inside its own JVM, found by name: {@code switch: sim} in stations.yaml
 * is the provider named {@code sim} (the stationd-esl-sim jar registers it with {@link ServiceLoader}).
 * The host reaches the simulated switch only through this, so it compiles without the simulator.
 */
public interface SwitchProvider {
    /** The name stations.yaml gives it ({@code sim}). */
    String name();

    /** Starts a switch with an Event Socket on {@code spec.host():spec.port()} (port 0: a free one). */
    EmbeddedSwitch start(SwitchSpec spec);

    /** A clock at {@code start} that moves only when told, for {@link SwitchSpec#withClock}. */
    SteppedClock virtualClock(Instant start);

    /**
     * Reads a dialplan's text as {@link #start} would ({@code folder}: where its relative paths
     * start), so {@code check} finds its errors before {@code run}; throws on the first one.
     */
    void readDialplan(String text, Path folder);

    /** The provider named {@code name} on the class path. */
    static SwitchProvider named(String name) {
        for (SwitchProvider p : ServiceLoader.load(SwitchProvider.class)) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalStateException("no '" + name + "' switch here: switch: " + name + " needs the stationd-esl-" + name
                + " jar on the class path (./stationd build puts it in runtime/target/lib)");
    }
}
