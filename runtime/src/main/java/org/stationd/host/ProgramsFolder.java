package org.stationd.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.stationd.control.CommandRefused;

/**
 * Where operators' program names lead: only to files in the programs folder. An operator names a
 * program ({@code talkshow.js}, {@code shows/late.groovy}); an absolute path, a {@code ..} that
 * climbs out, or a link to a file elsewhere is refused, so the control socket cannot be used to run
 * files outside the folder. A name that leads outside gets the very answer a missing program gets,
 * so nobody learns through it which files exist on the host (nor where its folder is).
 */
final class ProgramsFolder {
    private ProgramsFolder() {}

    /** The program file {@code name} in {@code dir}, as the host keys it (absolute, normalised). */
    static Path resolve(Path dir, String name) {
        if (name == null || name.isBlank()) {
            throw new CommandRefused("name a program in the programs folder, e.g. talkshow.js");
        }
        Path root = dir.toAbsolutePath().normalize();
        Path file;
        try {
            Path given = Path.of(name);
            if (given.isAbsolute() || name.startsWith("/") || name.startsWith("\\")) {
                throw missing(name);
            }
            file = root.resolve(given).normalize();
        } catch (InvalidPathException e) {
            throw missing(name);
        }
        if (!file.startsWith(root) || file.equals(root) || !Files.isRegularFile(file)) {
            throw missing(name);
        }
        try {
            if (!file.toRealPath().startsWith(root.toRealPath())) {
                throw new CommandRefused("'" + name + "' links to a file outside the programs folder; copy the program into it");
            }
        } catch (IOException e) {
            throw missing(name);
        }
        return file;
    }

    private static CommandRefused missing(String name) {
        boolean pathLike = name.startsWith("/") || name.startsWith("\\") || name.contains("..") || name.matches("[A-Za-z]:.*");
        return new CommandRefused("no program named '" + name + "' in the programs folder"
                + (pathLike ? " (give a program's name in the folder, e.g. talkshow.js, not a path out of it)" : ""));
    }
}
