package org.stationd.esl.sim.support;

import java.io.IOException;
import java.nio.file.Path;
import org.stationd.esl.sim.media.Wav;

/**
 * The captures' station prompts as silent WAVs of the same lengths (8 kHz mono 16-bit), under
 * {@code <dir>/stations/}, to be mapped to /usr/local/freeswitch/share/freeswitch/sounds.
 * Sample counts are those the captures' playback_samples report where they show them.
 */
public final class Prompts {
    public static final String FS_SOUNDS = "/usr/local/freeswitch/share/freeswitch/sounds";
    public static final String STATIONS = FS_SOUNDS + "/stations/";

    private Prompts() {}

    public static Path write(Path dir) throws IOException {
        Path st = dir.resolve("stations");
        Wav.writeSilenceFrames(st.resolve("hello.wav"), 19678, 8000);
        Wav.writeSilenceFrames(st.resolve("prompt.wav"), 27360, 8000);
        Wav.writeSilenceFrames(st.resolve("invalid.wav"), 12800, 8000);
        Wav.writeSilenceFrames(st.resolve("news.wav"), 44019, 8000);
        Wav.writeSilenceFrames(st.resolve("kicked.wav"), 19811, 8000);
        Wav.writeSilenceFrames(st.resolve("goodbye.wav"), 6560, 8000);
        return dir;
    }
}
