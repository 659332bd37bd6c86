package org.stationd.host;

import java.nio.file.Path;
import org.stationd.station.ProgramFactory;

/** Compiles a program file into something stations can run; the script engines implement it. */
public interface ProgramLoader {
    /**
     * @throws Exception with a message naming file:line:column when the script does not compile
     */
    ProgramFactory load(Path file) throws Exception;

    /**
     * The file {@code fileName} changed or is gone: forget what was compiled of it, except the
     * version {@code keep} (the one now in use; null forgets every version).
     */
    default void invalidate(String fileName, ProgramFactory keep) {}
}
