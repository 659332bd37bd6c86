package org.stationd.esl.sim.channel;

/** switch_channel_state_t, in FreeSWITCH's order: the ordinal is Channel-State-Number. */
public enum ChannelState {
    CS_NEW, CS_INIT, CS_ROUTING, CS_SOFT_EXECUTE, CS_EXECUTE, CS_EXCHANGE_MEDIA, CS_PARK, CS_CONSUME_MEDIA,
    CS_HIBERNATE, CS_RESET, CS_HANGUP, CS_REPORTING, CS_DESTROY, CS_NONE;

    public int number() {
        return ordinal();
    }
}
