package org.stationd.station;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where a station's media are read from and its recordings written: names a program gives become
 * paths FreeSWITCH opens, and a recording can only land in the station's own recordings folder
 * (FreeSWITCH writes it with the switch's rights).
 */
final class StationFiles {
    private final Path mediaDir;
    private final Path recordingsDir;   // may be null (replays, tests)
    private final String stationId;

    StationFiles(Path mediaDir, Path recordingsDir, String stationId) {
        this.mediaDir = mediaDir;
        this.recordingsDir = recordingsDir;
        this.stationId = stationId;
    }

    /** A media file's path: a name in the media folder, or a path, URL or {@code say:} as given. */
    String media(String file) {
        if (file.startsWith("/") || file.contains("://") || file.startsWith("say:")) {
            return file;
        }
        return mediaDir.resolve(file).toAbsolutePath().toString();
    }

    /** Where a recording is written: always inside the station's recordings folder. */
    String recordingPath(String file) {
        Path folder = recordingsDir.resolve(stationId).toAbsolutePath().normalize();
        Path path;
        try {
            path = folder.resolve(file).normalize();
        } catch (InvalidPathException e) {
            path = null;
        }
        if (path == null || !path.startsWith(folder) || path.equals(folder) || file.contains("\n") || file.contains(" ")) {
            throw new IllegalArgumentException("record '" + file + "': recordings are written in the station's recordings "
                    + "folder; give a file name without spaces, e.g. 'greeting.wav'");
        }
        return path.toString();
    }

    /** Makes the station's recordings folder; null once it exists, else why it cannot be made. */
    String makeRecordingsFolder() {
        return recordingsDir == null ? null : makeFolder(recordingsDir.resolve(stationId));
    }

    /**
     * Where a recording goes, with its folder made: FreeSWITCH's record does not make folders, and
     * hangs the caller up without one. {@code cannotMake} hears why a folder could not be made.
     */
    String recordingTarget(String file, Consumer<String> cannotMake) {
        String path = recordingPath(file);
        if (recordingsDir == null) {
            return path;
        }
        Path own = recordingsDir.resolve(stationId).toAbsolutePath().normalize();
        Path folder = Path.of(path).toAbsolutePath().normalize().getParent();
        String why = folder != null && folder.startsWith(own) ? makeFolder(folder) : null;
        if (why != null) {
            cannotMake.accept("station " + stationId + " cannot make its recordings folder " + folder + ": " + why);
        }
        return path;
    }

    /** Null once the folder exists, else why it cannot be made. */
    private static String makeFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            return null;
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }
}
