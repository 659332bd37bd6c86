package org.stationd.esl.sim.channel;

/** Call-Direction as FreeSWITCH writes it. */
public enum Direction {
    INBOUND, OUTBOUND;

    public String wire() {
        return this == INBOUND ? "inbound" : "outbound";
    }
}
