package org.stationd.config;

import java.nio.file.Path;
import java.util.List;

/**
 * ZeroMQ endpoints: {@code control} (ROUTER, operator commands), {@code publish} (PUB, station
 * events) and {@code subscribe} (SUB connections to other hosts or tools). Loopback by default.
 * {@code keys} is the folder made by {@code ./stationd keys} (null: none); with it the control
 * socket takes only CURVE-authenticated operators, and without it the control endpoint must stay
 * on this machine.
 */
public record ControlConfig(String control, String publish, List<String> subscribe, Path keys) {
    public static final ControlConfig DEFAULT = new ControlConfig("tcp://127.0.0.1:5570", "tcp://127.0.0.1:5571", List.of());

    public ControlConfig(String control, String publish, List<String> subscribe) {
        this(control, publish, subscribe, null);
    }
}
