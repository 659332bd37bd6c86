package org.stationd.config;

import java.util.List;

/**
 * ZeroMQ endpoints: {@code control} (ROUTER, operator commands), {@code publish} (PUB, station
 * events) and {@code subscribe} (SUB connections to other hosts or tools). Loopback by default.
 */
public record ControlConfig(String control, String publish, List<String> subscribe) {
    public static final ControlConfig DEFAULT = new ControlConfig("tcp://127.0.0.1:5570", "tcp://127.0.0.1:5571", List.of());
}
