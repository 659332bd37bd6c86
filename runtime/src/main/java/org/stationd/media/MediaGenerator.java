package org.stationd.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Writes the programs' media from {@code prompts.yaml}: speech through espeak-ng when it is on
 * the machine, otherwise a tone of the speech's likely length; music as short melodies. Files
 * that exist and are newer than prompts.yaml are left alone.
 */
public final class MediaGenerator {
    private final Path dir;
    private final boolean speech;

    public MediaGenerator(Path dir) {
        this.dir = dir;
        this.speech = espeakAvailable();
    }

    public boolean speaks() {
        return speech;
    }

    /** @return the files written */
    @SuppressWarnings("unchecked")
    public List<Path> generate(boolean force) throws IOException, InterruptedException {
        Path spec = dir.resolve("prompts.yaml");
        Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().setLabel(spec.toString()).build())
                .loadFromString(Files.readString(spec));
        List<Path> written = new java.util.ArrayList<>();
        Map<String, String> speechTexts = (Map<String, String>) doc.getOrDefault("speech", Map.of());
        for (Map.Entry<String, String> e : speechTexts.entrySet()) {
            Path out = dir.resolve(e.getKey() + ".wav");
            if (force || stale(out, spec)) {
                Wav.write(out, speak(e.getValue()), Wav.RATE);
                written.add(out);
            }
        }
        Map<String, Map<String, Object>> music = (Map<String, Map<String, Object>>) doc.getOrDefault("music", Map.of());
        for (Map.Entry<String, Map<String, Object>> e : music.entrySet()) {
            Path out = dir.resolve(e.getKey() + ".wav");
            if (force || stale(out, spec)) {
                double secs = ((Number) e.getValue().get("seconds")).doubleValue();
                int[] notes = ((List<Number>) e.getValue().get("notes")).stream().mapToInt(Number::intValue).toArray();
                Wav.write(out, Wav.melody(secs, notes), Wav.RATE);
                written.add(out);
            }
        }
        return written;
    }

    private static boolean stale(Path out, Path spec) throws IOException {
        return !Files.exists(out) || Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(spec)) < 0;
    }

    private short[] speak(String text) throws IOException, InterruptedException {
        if (speech) {
            Path tmp = Files.createTempFile("stationd-tts", ".wav");
            try {
                Process p = new ProcessBuilder("espeak-ng", "-s", "150", "-w", tmp.toString(), text)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Wav.readAs8k(tmp);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        // no speech engine: a soft tone as long as the words would take, so timing stays right
        double seconds = 0.6 + text.split("\\s+").length * 0.38;
        return Wav.melody(seconds, new int[] {440, 494});
    }

    private static boolean espeakAvailable() {
        try {
            Process p = new ProcessBuilder("espeak-ng", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
