package org.stationd.esl.sim.dialplan;

import org.stationd.esl.sim.channel.HangupCause;

/**
 * How a simulated phone (user/… or a gateway number) responds when called: answer after a delay,
 * ring without answering, be busy, be unreachable, and hang up by itself some time after answering.
 *
 * @param answerAfterMillis ring this long, then answer; negative: never answer (the originate times out)
 * @param failCause         refuse at once with this cause (USER_BUSY, NO_ROUTE_DESTINATION…); null to ring
 * @param hangupAfterMillis after answering, hang up after this long; negative: stay until hung up
 * @param ringMillisBeforeFail for a refusal, how long it rings first
 */
public record PhoneBehaviour(long answerAfterMillis, HangupCause failCause, long hangupAfterMillis, long ringMillisBeforeFail) {

    public static final PhoneBehaviour ANSWER = new PhoneBehaviour(1000, null, -1, 0);

    public static PhoneBehaviour answerAfter(long ms) {
        return new PhoneBehaviour(ms, null, -1, 0);
    }

    public static PhoneBehaviour noAnswer() {
        return new PhoneBehaviour(-1, null, -1, 0);
    }

    public static PhoneBehaviour busy() {
        return new PhoneBehaviour(-1, HangupCause.USER_BUSY, -1, 0);
    }

    public static PhoneBehaviour unreachable() {
        return new PhoneBehaviour(-1, HangupCause.NETWORK_OUT_OF_ORDER, -1, 0);
    }

    public PhoneBehaviour hangingUpAfter(long ms) {
        return new PhoneBehaviour(answerAfterMillis, failCause, ms, ringMillisBeforeFail);
    }
}
