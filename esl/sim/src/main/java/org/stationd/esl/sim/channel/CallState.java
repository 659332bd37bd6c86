package org.stationd.esl.sim.channel;

/** switch_channel_callstate_t: the ordinal is Channel-Call-State-Number. */
public enum CallState {
    DOWN, DIALING, RINGING, EARLY, ACTIVE, HELD, RING_WAIT, HANGUP, UNHELD;

    public int number() {
        return ordinal();
    }
}
