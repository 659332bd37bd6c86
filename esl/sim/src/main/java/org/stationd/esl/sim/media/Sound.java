package org.stationd.esl.sim.media;

/**
 * Something playable and how long it plays: a WAV file, a tone_stream, silence, spoken text.
 * {@code type} is FreeSWITCH's Playback-File-Type (the {@code xxx://} prefix) or null for a file;
 * {@code samples} counts samples at the 8 kHz channel rate, as playback_samples reports them.
 */
public record Sound(String path, String type, long durationMillis, long samples, boolean endless) {

    public Sound(String path, String type, long durationMillis, boolean endless) {
        this(path, type, durationMillis, durationMillis * 8, endless);
    }

    /** Samples played after {@code millis} (all of them once the sound is over). */
    public long samplesAt(long millis) {
        return millis >= durationMillis ? samples : millis * 8;
    }
}
