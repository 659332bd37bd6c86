package org.stationd.esl.sim.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds what a playback argument means and how long it lasts. FreeSWITCH paths (e.g. under
 * {@code /usr/local/freeswitch/share/freeswitch/sounds}) are mapped to local directories first;
 * a path that exists nowhere is a missing file. Durations come from the WAV header and are cached.
 */
public final class SoundResolver {
    private final Map<String, Path> prefixes = new LinkedHashMap<>();
    private final Map<Path, long[]> cache = new ConcurrentHashMap<>();

    /** Maps FreeSWITCH paths starting with {@code fsPrefix} to {@code localDir}. */
    public SoundResolver map(String fsPrefix, Path localDir) {
        prefixes.put(fsPrefix, localDir);
        return this;
    }

    public Map<String, Path> mappings() {
        return prefixes;
    }

    /** The sound, or null when the file cannot be found or read. */
    public Sound resolve(String arg) {
        if (arg == null || arg.isBlank()) {
            return null;
        }
        String a = stripVars(arg.trim());
        String lower = a.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("tone_stream://")) {
            long d = ToneStream.durationMillis(a);
            return new Sound(a, "tone_stream", Math.max(0, d), d < 0);
        }
        if (lower.startsWith("silence_stream://")) {
            String ms = a.substring("silence_stream://".length()).split(",")[0].trim();
            long d = parseLong(ms, 0);
            return new Sound(a, "silence_stream", Math.max(0, d), d < 0);
        }
        if (lower.startsWith("file_string://")) {
            long total = 0;
            for (String part : a.substring("file_string://".length()).split("!")) {
                Sound s = resolve(part);
                if (s == null) {
                    return null;
                }
                total += s.durationMillis();
            }
            return new Sound(a, "file_string", total, false);
        }
        if (lower.startsWith("say:") || lower.startsWith("speak:")) {
            return new Sound(a, null, Tts.durationMillis(a.substring(a.indexOf(':') + 1)), false);
        }
        long skipSamples = 0;
        int at = a.lastIndexOf("@@");
        if (at > 0) {   // FreeSWITCH's "file@@<samples>": start that many (8 kHz) samples in
            skipSamples = Math.max(0, parseLong(a.substring(at + 2), 0));
            a = a.substring(0, at);
        }
        Path p = local(a);
        if (p == null) {
            return null;
        }
        if (skipSamples > 0) {
            long[] whole = cache.computeIfAbsent(p, f -> new long[] {Wav.durationMillis(f), Wav.samples8k(f)});
            if (whole[0] < 0) {
                return null;
            }
            long left = Math.max(0, whole[1] - skipSamples);
            return new Sound(arg.trim(), null, left * 1000 / 8000, left, false);
        }
        long[] info = cache.computeIfAbsent(p, f -> new long[] {Wav.durationMillis(f), Wav.samples8k(f)});
        if (info[0] < 0) {
            cache.remove(p);
            return null;
        }
        return new Sound(a, null, info[0], info[1], false);
    }

    /** The local file a FreeSWITCH path stands for, if it exists. */
    public Path local(String fsPath) {
        for (Map.Entry<String, Path> e : prefixes.entrySet()) {
            if (fsPath.startsWith(e.getKey())) {
                String rest = fsPath.substring(e.getKey().length());
                while (rest.startsWith("/")) {
                    rest = rest.substring(1);
                }
                Path p = e.getValue().resolve(rest);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        try {
            Path p = Path.of(fsPath);
            return Files.isRegularFile(p) ? p : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Where a recording of {@code fsPath} is written locally (mapped like playback paths). */
    public Path recordingTarget(String fsPath) {
        for (Map.Entry<String, Path> e : prefixes.entrySet()) {
            if (fsPath.startsWith(e.getKey())) {
                String rest = fsPath.substring(e.getKey().length());
                while (rest.startsWith("/")) {
                    rest = rest.substring(1);
                }
                return e.getValue().resolve(rest);
            }
        }
        return Path.of(fsPath);
    }

    public void forget(Path p) {
        cache.remove(p);
    }

    /** {@code {var=x}file} → file: per-file variables are accepted and ignored. */
    private static String stripVars(String a) {
        if (a.startsWith("{")) {
            int close = a.indexOf('}');
            if (close > 0) {
                return a.substring(close + 1);
            }
        }
        return a;
    }

    private static long parseLong(String s, long fallback) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
