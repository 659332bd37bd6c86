package org.stationd.esl.outbound;

/**
 * Runs one call that FreeSWITCH's {@code socket} application handed to us. Called off the event
 * loop once the {@code connect} reply (the channel's data) has arrived.
 */
@FunctionalInterface
public interface OutboundHandler {
    void onSession(OutboundSession session);
}
