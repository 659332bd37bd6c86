package org.stationd.host;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.config.SwitchConfig;
import org.stationd.esl.client.EslAuthException;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.embedded.EmbeddedSwitch;
import org.stationd.esl.embedded.SwitchProvider;
import org.stationd.esl.embedded.SwitchSpec;

/**
 * The host's link to FreeSWITCH: an inbound ESL client to a real switch, or to the embedded
 * simulated one (started here on a free loopback port) when stations.yaml says {@code switch: sim}.
 */
public final class SwitchConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SwitchConnection.class);

    private final EmbeddedSwitch sim;
    private final EslClient client;
    private final String description;

    private SwitchConnection(EmbeddedSwitch sim, EslClient client, String description) {
        this.sim = sim;
        this.client = client;
        this.description = description;
    }

    public static SwitchConnection open(SwitchConfig config, Path simDialplan, ZoneId zone) {
        return open(config, simDialplan, zone, java.util.function.UnaryOperator.identity());
    }

    /** With the client's options adjusted (tests: a shorter command timeout). */
    public static SwitchConnection open(SwitchConfig config, Path simDialplan, ZoneId zone, java.util.function.UnaryOperator<EslClientOptions> tune) {
        if (config.simulated()) {
            EmbeddedSwitch sim = SwitchProvider.named("sim").start(SwitchSpec.defaults().withPassword(config.password()).withZone(zone).withDialplan(simDialplan));
            try {
                EslClient client = EslClient.connect(tune.apply(EslClientOptions.of("127.0.0.1", sim.port(), config.password())));
                return new SwitchConnection(sim, client, "the embedded simulated switch (ESL on 127.0.0.1:" + sim.port() + ")");
            } catch (RuntimeException e) {
                sim.close();
                throw e;
            }
        }
        EslClient client = connect(tune.apply(EslClientOptions.of(config.host(), config.port(), config.password())));
        return new SwitchConnection(null, client, "FreeSWITCH at " + config.host() + ":" + config.port());
    }

    /**
     * Connects to a real FreeSWITCH once, failing fast: an unreachable switch or a refused password
     * is a {@link SwitchUnavailableException} with one line that says what to check.
     */
    public static EslClient connect(EslClientOptions options) {
        try {
            return EslClient.connect(options);
        } catch (EslAuthException e) {
            throw new SwitchUnavailableException("FreeSWITCH at " + options.address() + " refused the password (auth failed):"
                    + " check password: in stations.yaml (or --password) against the event socket's password", e);
        } catch (RuntimeException e) {
            throw new SwitchUnavailableException("cannot reach FreeSWITCH at " + options.address() + " (" + reason(e, options)
                    + "); is it running? see docs/freeswitch.md", e);
        }
    }

    /** Why the connection failed, in a few words: the JDK's and Netty's exceptions say it at length. */
    private static String reason(Throwable e, EslClientOptions options) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectTimeoutException) {
                return "no answer within " + options.connectTimeout().toSeconds() + " s";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (m.contains("auth/request")) {
            return "it did not ask for a password: is that port FreeSWITCH's event socket?";
        }
        if (m.contains("in time")) {
            return "no answer within " + options.connectTimeout().plus(options.authTimeout()).toSeconds() + " s";
        }
        return m;
    }

    public EslClient client() {
        return client;
    }

    /** The embedded switch, or null when connected to a real FreeSWITCH. */
    public EmbeddedSwitch sim() {
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
