package org.stationd.esl.dispatch;

import org.stationd.esl.event.EslEvent;

/**
 * Receives events off the Netty event loop, in order per channel ({@code Unique-ID}). A listener
 * may be slow; it never stalls the socket. It must not assume it sees every event: when events
 * were lost ({@link #onGap}) it should resync, e.g. with {@code show channels as json}.
 */
public interface EventListener {
    void onEvent(EslEvent event);

    /** Events may have been missed: the connection was re-established, or a queue overflowed. */
    default void onGap(Gap gap) {}

    /** Each of {@code listeners} in turn, on the caller's thread. */
    static EventListener all(EventListener... listeners) {
        java.util.List<EventListener> each = java.util.List.of(listeners);
        return new EventListener() {
            @Override public void onEvent(org.stationd.esl.event.EslEvent event) { each.forEach(l -> l.onEvent(event)); }
            @Override public void onGap(Gap gap) { each.forEach(l -> l.onGap(gap)); }
        };
    }
}
