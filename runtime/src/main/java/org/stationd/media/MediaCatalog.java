package org.stationd.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Which media a station can play: files in the media folder, and those its {@code prompts.yaml}
 * describes (made by {@code ./stationd run} or {@code ./stationd media} when missing). Names are
 * resolved as the station resolves them: a bare name in the media folder, an absolute path as it is;
 * URLs and {@code say:} texts are not files and always pass.
 */
public final class MediaCatalog {
    private final Path dir;
    private final Set<String> described;

    private MediaCatalog(Path dir, Set<String> described) {
        this.dir = dir;
        this.described = described;
    }

    public static MediaCatalog of(Path mediaDir) {
        Set<String> names = new HashSet<>();
        Path spec = mediaDir.resolve("prompts.yaml");
        try {
            if (Files.isRegularFile(spec)) {
                Object doc = new Load(LoadSettings.builder().setLabel(spec.toString()).build()).loadFromString(Files.readString(spec));
                if (doc instanceof Map<?, ?> m) {
                    for (String section : new String[] {"speech", "music"}) {
                        if (m.get(section) instanceof Map<?, ?> s) s.keySet().forEach(k -> names.add(k + ".wav"));
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            // run says what is wrong with prompts.yaml; here the files on disk count
        }
        return new MediaCatalog(mediaDir, names);
    }

    /** True if the station can play {@code file}. */
    public boolean has(String file) {
        if (file.contains("://") || file.startsWith("say:")) return true;
        if (file.startsWith("/")) return Files.isRegularFile(Path.of(file));
        return described.contains(file) || Files.isRegularFile(dir.resolve(file));
    }

    /** Where a bare name is looked for, for messages. */
    public Path dir() {
        return dir;
    }
}
