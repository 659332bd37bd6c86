package org.stationd.testing;

/**
 * The outside world's phones on the bench's switch: listeners who call a station, press keys and
 * hang up, and the far ends of the calls a station places. On the simulated switch they are its
 * Java control API ({@link SimPhones}); on a real FreeSWITCH, Event Socket commands on loopback
 * calls ({@link SwitchPhones}).
 */
public interface Phones extends AutoCloseable {
    /** Calls a station's number from {@code from}; returns the caller's leg. */
    String placeCall(String from, String to);

    /** The caller's leg was answered (or is already gone: the station took it and ended it). */
    boolean answered(String callerLeg);

    /** Presses keys on a caller's leg: the station hears them on its own leg. */
    void pressDigits(String callerLeg, String digits);

    void hangup(String callerLeg, String cause);

    /**
     * The caller talks for a while (a tone into the call), e.g. into a recording. Returns at once;
     * the sound goes on for {@code length}.
     */
    void speak(String callerLeg, java.time.Duration length);

    /**
     * For a call the station placed ({@code stationLeg}, e.g. to a talk-show host), the far end's
     * leg once it has answered, else null: keys pressed there reach the station.
     */
    String answeredFarEnd(String stationLeg);

    @Override
    void close();
}
