package org.stationd.script;

import java.time.Duration;
import org.stationd.api.ProgramContext;
import org.stationd.script.groovy.GroovyProgramEngine;
import org.stationd.script.js.JsProgramEngine;

/**
 * The engines of a host, chosen by the program's language. The JavaScript engine (and its
 * shared GraalJS {@code Engine}) is created on first use. Holds the {@link HandlerRunner} the
 * runtime uses to call handlers.
 */
public final class ProgramEngines implements AutoCloseable {
    /** How long a script's top level may run while loading: it only declares the program. */
    public static final Duration DEFAULT_LOAD_LIMIT = Duration.ofSeconds(5);

    private final HandlerRunner runner;
    private final Duration loadLimit;
    private final GroovyProgramEngine groovy;
    private JsProgramEngine js;

    public ProgramEngines() {
        this(new HandlerRunner(), DEFAULT_LOAD_LIMIT);
    }

    public ProgramEngines(HandlerRunner runner, Duration loadLimit) {
        this.runner = runner;
        this.loadLimit = loadLimit;
        this.groovy = new GroovyProgramEngine(runner, loadLimit);
    }

    public HandlerRunner runner() {
        return runner;
    }

    public synchronized ProgramEngine engine(Language language) {
        return switch (language) {
            case GROOVY -> groovy;
            case JAVASCRIPT -> javascript();
        };
    }

    public GroovyProgramEngine groovy() {
        return groovy;
    }

    public synchronized JsProgramEngine javascript() {
        if (js == null) {
            js = new JsProgramEngine(runner, loadLimit);
        }
        return js;
    }

    public LoadedProgram load(ProgramSource source, ProgramContext ctx) throws ProgramCompileException {
        return engine(source.language()).load(source, ctx);
    }

    public void check(ProgramSource source) throws ProgramCompileException {
        engine(source.language()).check(source);
    }

    /** The settings the program declares, read as {@link #check} reads it (no handler runs). */
    public java.util.List<org.stationd.api.SettingSpec> settings(ProgramSource source) throws ProgramCompileException {
        try (LoadedProgram p = load(source, new InertContext())) {
            return p.definition().settings();
        }
    }

    @Override
    public synchronized void close() {
        groovy.close();
        if (js != null) js.close();
        runner.close();
    }
}
