package org.stationd.host;

import java.io.IOException;
import java.nio.file.Path;
import org.stationd.api.ProgramContext;
import org.stationd.api.ProgramDefinition;
import org.stationd.script.LoadedProgram;
import org.stationd.script.ProgramCompileException;
import org.stationd.script.ProgramEngines;
import org.stationd.script.ProgramSource;
import org.stationd.station.ProgramFactory;

/**
 * Programs from script files: reads and checks a file once (so a compile error is caught off the
 * station threads and the running version stays on air), then binds a fresh copy to each station
 * that runs it.
 */
public final class ScriptProgramLoader implements ProgramLoader {
    private final ProgramEngines engines;

    public ScriptProgramLoader(ProgramEngines engines) {
        this.engines = engines;
    }

    @Override
    public ProgramFactory load(Path file) throws IOException, ProgramCompileException {
        ProgramSource source;
        try {
            source = ProgramSource.read(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("program file " + file + " does not exist");
        }
        engines.check(source);
        return factory(source);
    }

    public ProgramFactory factory(ProgramSource source) {
        return new ProgramFactory() {
            @Override
            public String name() {
                return source.fileName();
            }

            @Override
            public String version() {
                return source.hash().substring(0, 12);
            }

            @Override
            public Instance create(ProgramContext context) throws ProgramCompileException {
                LoadedProgram loaded = engines.load(source, context);
                return new Instance() {
                    @Override
                    public ProgramDefinition definition() {
                        return loaded.definition();
                    }

                    @Override
                    public void close() {
                        loaded.close();
                    }
                };
            }
        };
    }

    public ProgramEngines engines() {
        return engines;
    }
}
