package org.stationd.script;

import java.util.concurrent.atomic.AtomicBoolean;
import org.stationd.api.ProgramDefinition;

/**
 * A program compiled and bound to one station's context. {@link #close()} releases what the
 * engine holds for it (the Groovy class loader once no station uses that version, the JS
 * context); the runtime runs {@code teardown} before closing, and drops the definition after.
 */
public final class LoadedProgram implements AutoCloseable {
    private final ProgramSource source;
    private final ProgramDefinition definition;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    public LoadedProgram(ProgramSource source, ProgramDefinition definition, Runnable release) {
        this.source = source;
        this.definition = definition;
        this.release = release;
    }

    public ProgramSource source() { return source; }
    public ProgramDefinition definition() { return definition; }
    public boolean isClosed() { return closed.get(); }

    /** Idempotent. Handlers of a closed program must not be called any more. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }

    @Override
    public String toString() {
        return "LoadedProgram[" + source + (isClosed() ? ", closed]" : "]");
    }
}
