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
}
