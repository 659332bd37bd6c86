package org.stationd.host;

import java.nio.file.Path;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.config.SwitchConfig;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.sim.SimOptions;
import org.stationd.esl.sim.SimSwitch;

/**
 * The host's link to FreeSWITCH: an inbound ESL client to a real switch, or to the embedded
 * simulated one (started here on a free loopback port) when stations.yaml says {@code switch: sim}.
 */
public final class SwitchConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SwitchConnection.class);

    private final SimSwitch sim;
    private final EslClient client;
    private final String description;

    private SwitchConnection(SimSwitch sim, EslClient client, String description) {
        this.sim = sim;
        this.client = client;
        this.description = description;
    }

    public static SwitchConnection open(SwitchConfig config, Path simDialplan, ZoneId zone) {
        if (config.simulated()) {
            SimOptions opts = SimOptions.defaults().withPort(0).withPassword(config.password()).withZone(zone);
            if (simDialplan != null) {
                opts = opts.withDialplan(simDialplan);
            }
            SimSwitch sim = SimSwitch.start(opts);
            try {
                EslClient client = EslClient.connect(EslClientOptions.of("127.0.0.1", sim.port(), config.password()));
                return new SwitchConnection(sim, client, "the embedded simulated switch (ESL on 127.0.0.1:" + sim.port() + ")");
            } catch (RuntimeException e) {
                sim.close();
                throw e;
            }
        }
        EslClient client = EslClient.connect(EslClientOptions.of(config.host(), config.port(), config.password()));
        return new SwitchConnection(null, client, "FreeSWITCH at " + config.host() + ":" + config.port());
    }

    public EslClient client() {
        return client;
    }

    /** The embedded switch, or null when connected to a real FreeSWITCH. */
    public SimSwitch sim() {
        return sim;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            if (sim != null) {
                sim.close();
            }
        }
        log.debug("closed {}", description);
    }
}
