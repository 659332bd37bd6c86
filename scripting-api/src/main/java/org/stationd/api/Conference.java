package org.stationd.api;

import java.util.List;

/**
 * A conference room on the switch: the on-air mix. The transmitter, the host and callers join it;
 * media played into it is heard by all.
 *
 * <pre>{@code
 * def studio = station.conference('studio')          // Groovy
 * studio.play('news.wav')
 *
 * const studio = station.conference('studio');       // JavaScript
 * studio.play('news.wav');
 * }</pre>
 */
public interface Conference {
    String getName();

    /** Plays a file into the conference; {@code conferencePlaybackDone} follows. */
    void play(String file);

    /**
     * Speaks text into the conference with the switch's text-to-speech; {@code conferencePlaybackDone} follows.
     * <pre>{@code
     * studio.say("Message from ${m.from}: ${m.text}")            // Groovy
     * studio.say(`Message from ${m.from}: ${m.text}`);           // JavaScript
     * }</pre>
     */
    void say(String text);

    /** Stops what is playing into the conference. */
    void stop();

    /** Mutes a member: {@code studio.mute(caller)}. */
    void mute(Call member);

    void unmute(Call member);

    /** Removes a member (hangs up their leg). */
    void kick(Call member);

    /** The calls in the conference now. */
    List<Call> getMembers();

    /** Records the conference mix to a file until {@link #stopRecording()}. */
    void record(String file);

    void stopRecording();
}
