package org.stationd.station;

import org.stationd.api.ProgramContext;
import org.stationd.api.ProgramDefinition;

/** Builds a program (from a compiled script) bound to one station's context. */
public interface ProgramFactory {
    /** The program's name and version (content hash), for logs and airings. */
    String name();

    String version();

    Instance create(ProgramContext context) throws Exception;

    /** A program bound to a station: its definition and the engine resources to release. */
    interface Instance extends AutoCloseable {
        ProgramDefinition definition();

        @Override
        default void close() {}
    }
}
