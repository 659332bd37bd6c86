package org.stationd.esl.sim.channel;

/**
 * What the endpoint behind a channel does when the channel changes: a loopback leg drives its
 * partner, a simulated phone is the far end. Default: nothing (the far end is silent and patient).
 */
public interface ChannelDriver {
    /** The channel is about to be answered (loopback answers its A leg first). */
    default void beforeAnswer(Channel ch) {}

    /** The channel reached CS_HANGUP; loopback hangs up the other leg here. */
    default void hungUp(Channel ch, HangupCause cause) {}

    /** The channel rings (ring_ready): a loopback B leg makes its A leg ring too. */
    default void rang(Channel ch) {}

    /** Someone ran uuid_send_dtmf on this channel: the digits go to the far end. */
    default void dtmfSent(Channel ch, String digits) {}

    /** The channel's name in {@code loopback/x-a} form etc.; used by endpoints that rename. */
    default String endpointName() {
        return "sim";
    }

    ChannelDriver NONE = new ChannelDriver() {};
}
