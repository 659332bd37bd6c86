package org.stationd.esl.embedded;

/**
 * What a phone the switch calls does on one call: answers {@code answerAfterMillis} after the
 * originate, or refuses with {@code failCause} after ringing {@code ringMillis}, or (neither) rings
 * until the originate times out.
 */
public record FarEnd(long answerAfterMillis, String failCause, long ringMillis) {
    public static FarEnd answersAfter(long millis) {
        return new FarEnd(millis, null, 0);
    }

    /** Refuses with a FreeSWITCH hang-up cause ({@code USER_BUSY}); {@code NO_ANSWER} rings on. */
    public static FarEnd refuses(String cause, long afterMillis) {
        return new FarEnd(-1, cause, afterMillis);
    }

    public static FarEnd ringsOn() {
        return new FarEnd(-1, null, 0);
    }
}
