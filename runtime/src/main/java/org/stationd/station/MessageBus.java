package org.stationd.station;

import java.util.function.BiConsumer;

/** Topic messages between programs, stations and hosts (ZeroMQ in the host; in memory in tests). */
public interface MessageBus {
    void publish(String topic, Object data);

    /** Delivers messages whose topic starts with {@code prefix}; returns a handle that unsubscribes. */
    AutoCloseable subscribe(String prefix, BiConsumer<String, Object> receiver);
}
