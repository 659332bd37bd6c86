package org.stationd.esl.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the inbound client connects: where, with which credentials, and its limits. Defaults fit a
 * FreeSWITCH on the same LAN.
 *
 * <pre>{@code
 * EslClientOptions opts = EslClientOptions.of("127.0.0.1", 8021, "ClueCon")
 *         .withCommandTimeout(Duration.ofSeconds(5));
 * }</pre>
 */
public record EslClientOptions(
        String host,
        int port,
        String user,
        String password,
        Duration connectTimeout,
        Duration authTimeout,
        Duration commandTimeout,
        Duration jobTimeout,
        Duration idleTimeout,
        Duration reconnectMin,
        Duration reconnectMax,
        boolean reconnect,
        int dispatchLanes,
        int dispatchQueueCapacity) {

    /** Silence after which the link is probed (see {@link #of}). */
    public static final Duration WATCHDOG = Duration.ofSeconds(25);

    public EslClientOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(password, "password");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
    }

    /**
     * The watchdog: FreeSWITCH sends HEARTBEAT every 20 s, so 25 s of silence is a missed
     * heartbeat plus slack for a busy switch; the probe then gets the 10 s command timeout, so a
     * switch that hangs with the socket open is noticed within 35 s (it was 45 + 10). Reconnects
     * back off from 200 ms to 30 s: a switch that stays away costs a few attempts a minute.
     */
    public static EslClientOptions of(String host, int port, String password) {
        return new EslClientOptions(host, port, null, password,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(5),
                WATCHDOG, Duration.ofMillis(200), Duration.ofSeconds(30), true,
                4, 16_384);
    }

    public EslClientOptions withUser(String u) {
        return new EslClientOptions(host, port, u, password, connectTimeout, authTimeout, commandTimeout, jobTimeout, idleTimeout, reconnectMin, reconnectMax, reconnect, dispatchLanes, dispatchQueueCapacity);
    }

    public EslClientOptions withCommandTimeout(Duration d) {
        return new EslClientOptions(host, port, user, password, connectTimeout, authTimeout, d, jobTimeout, idleTimeout, reconnectMin, reconnectMax, reconnect, dispatchLanes, dispatchQueueCapacity);
    }

    public EslClientOptions withJobTimeout(Duration d) {
        return new EslClientOptions(host, port, user, password, connectTimeout, authTimeout, commandTimeout, d, idleTimeout, reconnectMin, reconnectMax, reconnect, dispatchLanes, dispatchQueueCapacity);
    }

    /**
     * Silence after which the liveness probe ({@code api status}) is sent; no answer within the
     * command timeout closes the connection (and the client reconnects). FreeSWITCH's HEARTBEAT
     * every 20 s keeps a subscribed link busy. Millisecond precision; zero switches it off.
     */
    public EslClientOptions withIdleTimeout(Duration d) {
        return new EslClientOptions(host, port, user, password, connectTimeout, authTimeout, commandTimeout, jobTimeout, d, reconnectMin, reconnectMax, reconnect, dispatchLanes, dispatchQueueCapacity);
    }

    public EslClientOptions withReconnect(boolean on, Duration min, Duration max) {
        return new EslClientOptions(host, port, user, password, connectTimeout, authTimeout, commandTimeout, jobTimeout, idleTimeout, min, max, on, dispatchLanes, dispatchQueueCapacity);
    }

    public EslClientOptions withDispatch(int lanes, int queueCapacity) {
        return new EslClientOptions(host, port, user, password, connectTimeout, authTimeout, commandTimeout, jobTimeout, idleTimeout, reconnectMin, reconnectMax, reconnect, lanes, queueCapacity);
    }

    public EslClientOptions withAuthTimeout(Duration d) {
        return new EslClientOptions(host, port, user, password, connectTimeout, d, commandTimeout, jobTimeout, idleTimeout, reconnectMin, reconnectMax, reconnect, dispatchLanes, dispatchQueueCapacity);
    }

    public String address() {
        return host + ":" + port;
    }
}
