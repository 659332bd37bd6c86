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
     * Plays a file into the conference starting {@code fromSeconds} into it (a relay resuming a
     * report where another station stopped); {@code conferencePlaybackDone} follows at its end.
     * Only a file that plays at once can start part-way: one queued behind another starts at its
     * beginning.
     * <pre>{@code
     * studio.play('news.wav', 42.5)                       // Groovy
     * studio.play('news.wav', 42.5);                      // JavaScript
     * }</pre>
     * Added in API version 1 (the default plays from the start when asked for 0 and refuses otherwise).
     */
    default void play(String file, double fromSeconds) {
        if (fromSeconds > 0) {
            throw new UnsupportedOperationException("this conference cannot start a file part-way");
        }
        play(file);
    }

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
