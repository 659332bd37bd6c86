package org.stationd.api;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** One state of a program, as an engine read it from a script. */
public final class StateDefinition {
    private final String name;
    private Handler enter;
    private Handler exit;
    private final Map<EventKind, Handler> handlers = new EnumMap<>(EventKind.class);
    private final Map<String, Handler> eslHandlers = new LinkedHashMap<>();
    private Duration timeout;
    private Handler onTimeout;

    public StateDefinition(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a state needs a name");
        }
        this.name = name;
    }

    public String name() { return name; }
    public Handler enter() { return enter; }
    public Handler exit() { return exit; }
    public Handler handler(EventKind kind) { return handlers.get(kind); }
    public Map<EventKind, Handler> handlers() { return Collections.unmodifiableMap(handlers); }
    /** Handlers for raw ESL events, by event name. */
    public Handler eslHandler(String eventName) { return eslHandlers.get(eventName); }
    public Map<String, Handler> eslHandlers() { return Collections.unmodifiableMap(eslHandlers); }
    public Duration timeout() { return timeout; }
    public Handler onTimeout() { return onTimeout; }

    public StateDefinition enter(Handler h) { enter = h; return this; }
    public StateDefinition exit(Handler h) { exit = h; return this; }
    public StateDefinition on(EventKind kind, Handler h) { handlers.put(kind, h); return this; }
    public StateDefinition onEsl(String eventName, Handler h) { eslHandlers.put(eventName, h); return this; }

    /** After this long in the state without leaving it, {@code onTimeout} runs. */
    public StateDefinition timeout(Duration after, Handler h) {
        if (after == null || after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("state '" + name + "': timeout must be positive");
        }
        timeout = after;
        onTimeout = h;
        return this;
    }
}
