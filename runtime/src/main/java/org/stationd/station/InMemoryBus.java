package org.stationd.station;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** A {@link MessageBus} inside one process. */
public final class InMemoryBus implements MessageBus {
    private record Sub(String prefix, BiConsumer<String, Object> receiver) {}

    private final List<Sub> subs = new CopyOnWriteArrayList<>();

    @Override
    public void publish(String topic, Object data) {
        for (Sub s : subs) {
            if (topic.startsWith(s.prefix)) {
                s.receiver.accept(topic, data);
            }
        }
    }

    @Override
    public AutoCloseable subscribe(String prefix, BiConsumer<String, Object> receiver) {
        Sub s = new Sub(java.util.Objects.requireNonNull(prefix, "a subscription needs a topic prefix"), receiver);   // a null one would break every later publish
        subs.add(s);
        return () -> subs.remove(s);
    }
}
