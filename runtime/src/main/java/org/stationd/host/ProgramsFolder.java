package org.stationd.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where operators' program names lead: only to files in the programs folder. An operator names a
 * program ({@code talkshow.js}, {@code shows/late.groovy}); an absolute path, a {@code ..} that
 * climbs out, or a link to a file elsewhere is refused with a clear error, so the control socket
 * cannot be used to run (or probe for) files outside the folder.
 */
final class ProgramsFolder {
    private ProgramsFolder() {}

    /** The program file {@code name} in {@code dir}, as the host keys it (absolute, normalised). */
    static Path resolve(Path dir, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name a program in the programs folder, e.g. talkshow.js");
        }
        Path root = dir.toAbsolutePath().normalize();
        Path file;
        try {
            Path given = Path.of(name);
            if (given.isAbsolute() || name.startsWith("/") || name.startsWith("\\")) {
                throw outside(name);
            }
            file = root.resolve(given).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + name + "' is not a file name: " + e.getReason());
        }
        if (!file.startsWith(root) || file.equals(root)) {
            throw outside(name);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no program '" + name + "' in the programs folder " + root);
        }
        try {
            if (!file.toRealPath().startsWith(root.toRealPath())) {
                throw new IllegalArgumentException("'" + name + "' links to a file outside the programs folder " + root + "; copy the program into it");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read program '" + name + "': " + e.getMessage());
        }
        return file;
    }

    private static IllegalArgumentException outside(String name) {
        return new IllegalArgumentException("'" + name + "' is outside the programs folder: give a program's name in it, e.g. talkshow.js");
    }
}
