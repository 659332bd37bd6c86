package org.stationd.esl.dispatch;

/** Why a listener may have missed events. */
public record Gap(Reason reason, String detail) {
    public enum Reason {
        /** The connection dropped and was established again; everything in between is unknown. */
        RECONNECTED,
        /** A dispatch queue was full and events were dropped. */
        OVERFLOW
    }
}
