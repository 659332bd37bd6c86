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
 * Programs from script files: reads a file and checks it (so a compile error is caught off the
 * station threads and the running version stays on air), then binds a fresh copy to each station
 * that runs it. A version is checked once while it stays in the {@link ProgramCache} (keyed by
 * file name and content hash): the file is read on every load, so an edit is seen at once.
 */
public final class ScriptProgramLoader implements ProgramLoader {
    /** What checks a version: the engines; tests count the calls. */
    @FunctionalInterface
    interface Check {
        void check(ProgramSource source) throws ProgramCompileException;
    }

    private final ProgramEngines engines;
    private final Check check;
    private final ProgramCache cache;

    public ScriptProgramLoader(ProgramEngines engines) {
        this(engines, engines::check, ProgramCache.DEFAULT_SIZE);
    }

    ScriptProgramLoader(ProgramEngines engines, Check check, int cacheSize) {
        this.engines = engines;
        this.check = check;
        this.cache = new ProgramCache(cacheSize);
    }

    @Override
    public ProgramFactory load(Path file) throws IOException, ProgramCompileException {
        ProgramSource source;
        try {
            source = ProgramSource.read(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("program file " + file + " does not exist");
        }
        ProgramSource read = source;
        return cache.get(read, () -> {
            long started = System.nanoTime();
            check.check(read);
            ProgramFactory f = factory(read);
            org.stationd.metrics.HostMetrics.COMPILE.observeNanos(System.nanoTime() - started, file.getFileName().toString());
            return f;
        });
    }

    @Override
    public void invalidate(String fileName, ProgramFactory keep) {
        cache.invalidate(fileName, keep);
    }

    /** How many checked versions are cached. */
    long cached() {
        return cache.size();
    }

    public ProgramFactory factory(ProgramSource source) {
        return new ProgramFactory() {
            private volatile java.util.List<org.stationd.api.SettingSpec> settings;   // read once per version

            @Override
            public java.util.List<org.stationd.api.SettingSpec> settings() throws ProgramCompileException {
                if (settings == null) settings = engines.settings(source);
                return settings;
            }

            @Override
            public String name() {
                return source.fileName();
            }

            @Override
            public String version() {
                return source.hash().substring(0, 12);
            }

            @Override
            public String text() {
                return source.text();
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
