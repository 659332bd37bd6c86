package org.stationd.station;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.stationd.limits.DataSize;
import org.stationd.limits.LimitException;
import org.stationd.limits.Limits;
import org.stationd.limits.Refusals;

/**
 * A program's topics on the bus: what it publishes and subscribes to, inside its scope ({@code
 * news/done} of one group is not another's, docs/programs.md), checked against the documented
 * limits, and unsubscribed all at once when the program goes.
 */
final class StationTopics {
    private final String stationId;
    private final ProgramScope scope;
    private final MessageBus bus;
    private final Refusals refusals;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    StationTopics(String stationId, ProgramScope scope, MessageBus bus, Refusals refusals) {
        this.stationId = stationId;
        this.scope = scope;
        this.bus = bus;
        this.refusals = refusals;
    }

    void publish(String topic, Object data) {
        check(topic, "publish");
        if (data != null && DataSize.json(data, Limits.MESSAGE_BYTES) == null) {
            throw refusals.counted(new LimitException("publish", "publish on '" + topic + "': station " + stationId
                    + " cannot send a message over " + Limits.size(Limits.MESSAGE_BYTES) + " (as JSON); it was not sent"));
        }
        bus.publish(scope.topic(topic), data);
    }

    /** {@code receiver} hears each message with the program's own name of its topic, on the bus's thread. */
    void subscribe(String topic, BiConsumer<String, Object> receiver) {
        check(topic, "subscribe");
        subscriptions.add(bus.subscribe(scope.topic(topic), (busTopic, d) -> receiver.accept(scope.programTopic(busTopic), d)));
    }

    /** The program went: it hears nothing more. */
    void unsubscribeAll() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception ignored) {
                // already gone
            }
        }
        subscriptions.clear();
    }

    /** A topic is text of 1 to {@link Limits#TOPIC_CHARS} characters: a null one would break every later publish on the host. */
    private void check(String topic, String what) {
        if (topic == null || topic.isEmpty() || topic.length() > Limits.TOPIC_CHARS) {
            throw refusals.counted(new LimitException(what, what + ": the topic must be text of 1 to " + Limits.TOPIC_CHARS
                    + " characters, got " + (topic == null ? "null" : topic.length() + " characters")));
        }
    }
}
