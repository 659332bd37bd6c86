package org.stationd.station;

import org.stationd.api.ProgramContext;
import org.stationd.api.ProgramDefinition;

/** Builds a program (from a compiled script) bound to one station's context. */
public interface ProgramFactory {
    /** The program's name and version (content hash), for logs and airings. */
    String name();

    String version();

    /** The text this version was built from, recorded with it; null if the factory does not know it. */
    default String text() {
        return null;
    }

    /** The settings the program declares it reads (empty: it declares none). */
    default java.util.List<org.stationd.api.SettingSpec> settings() throws Exception {
        return java.util.List.of();
    }

    Instance create(ProgramContext context) throws Exception;

    /** A program bound to a station: its definition and the engine resources to release. */
    interface Instance extends AutoCloseable {
        ProgramDefinition definition();

        @Override
        default void close() {}
    }
}
