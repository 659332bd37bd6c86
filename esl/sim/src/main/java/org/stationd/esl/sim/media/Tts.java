package org.stationd.esl.sim.media;

/**
 * A stand-in text-to-speech engine: nothing is spoken, but the "speech" lasts as long as a person
 * would take to say it (about 14 characters a second, at least half a second), so speak and say
 * behave like timed playbacks.
 */
public final class Tts {
    private Tts() {}

    public static long durationMillis(String text) {
        String t = text == null ? "" : text.trim();
        return Math.max(500, t.length() * 1000L / 14);
    }
}
