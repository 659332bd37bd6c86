package org.stationd.script.groovy;

import org.stationd.text.Suggest;
import groovy.lang.Binding;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovySystem;
import groovy.transform.ThreadInterrupt;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.stationd.api.ProgramContext;
import org.stationd.api.ProgramDefinition;
import org.stationd.script.BoundContext;
import org.stationd.script.HandlerException;
import org.stationd.script.HandlerRunner;
import org.stationd.script.HandlerTimeoutException;
import org.stationd.script.InertContext;
import org.stationd.script.Language;
import org.stationd.script.LoadedProgram;
import org.stationd.script.ProgramCompileException;
import org.stationd.script.ProgramEngine;
import org.stationd.script.ProgramSource;
import org.stationd.script.SourceText;
import org.stationd.script.groovy.sandbox.AnnotationBan;
import org.stationd.script.groovy.sandbox.Checker;
import org.stationd.script.groovy.sandbox.ProgramLoader;
import org.stationd.script.groovy.sandbox.SandboxTransformer;

/**
 * Groovy programs: {@code program { state('intro') { enter { … }; on.dtmf { e -> … } } }}.
 *
 * <p>Each program version (file name + content hash) is compiled once, by its own
 * {@link GroovyClassLoader}, and shared by the stations that run it; each station gets its own
 * script instance bound to its context. When the last station closes that version the loader is
 * closed and its classes can be unloaded, so reloads do not fill metaspace.
 *
 * <p>Compiled with {@link ThreadInterrupt} (loops, closures and methods check the thread's
 * interrupt flag: {@link HandlerRunner} stops runaway handlers that way) and with
 * {@link ProgramChecks} (handler names, guard rails, {@code go} targets).
 *
 * <p>The sandbox (package {@code sandbox}) is enforced while the program runs, not only by
 * reading its source: no annotations (so no AST transformation, {@code @Grab} or {@code @ASTTest},
 * runs in the compiler), every call, property access, subscript and cast goes through an
 * allow-list ({@code Checker}, {@code Policy}), and each version's class loader sees only the JDK,
 * Groovy and the scripting API ({@code ProgramLoader}).
 */
public final class GroovyProgramEngine implements ProgramEngine {
    private final HandlerRunner runner;
    private final Duration loadLimit;
    private final ClassLoader parent;
    private final Map<String, Compiled> compiled = new HashMap<>();
    /**
     * Per file, the version checked last, kept compiled (it counts as one more user) for the
     * stations that load it next: a saved version is compiled once, not once for the check and
     * again for the stations. At most one version a file; the next check of the file lets it go.
     */
    private final Map<String, Compiled> checked = new HashMap<>();

    public GroovyProgramEngine(HandlerRunner runner, Duration loadLimit) {
        this.runner = runner;
        this.loadLimit = loadLimit;
        this.parent = new ProgramLoader(GroovyProgramEngine.class.getClassLoader());
        Checker.warmUp();
    }

    @Override
    public Language language() {
        return Language.GROOVY;
    }

    @Override
    public LoadedProgram load(ProgramSource source, ProgramContext ctx) throws ProgramCompileException {
        requireGroovy(source);
        Compiled c = acquire(source);
        try {
            BoundContext bound = new BoundContext(ctx);
            ProgramScript script = c.newScript();
            GroovyControl control = new GroovyControl(source.fileName());
            script.bind(bound, source.name(), control);
            ProgramDefinition def = declare(source, script, control);
            checkGoTargets(source, c.goTargets, def);
            bound.loaded(def.stateNames());
            return new LoadedProgram(source, def, () -> {
                script.unbind();
                release(c);
            });
        } catch (ProgramCompileException | RuntimeException | Error e) {
            release(c);
            throw e;
        }
    }

    @Override
    public void check(ProgramSource source) throws ProgramCompileException {
        requireGroovy(source);
        Compiled c = acquire(source);
        try {
            load(source, new InertContext()).close();
        } catch (ProgramCompileException | RuntimeException | Error e) {
            release(c);
            throw e;
        }
        keepChecked(source.fileName(), c);
    }

    private synchronized void keepChecked(String fileName, Compiled c) {
        Compiled before = checked.put(fileName, c);
        if (before != null) {
            release(before);   // an older version (or this one's earlier check): the stations running it keep it
        }
    }

    /** Runs the script's top level under the load limit; mistakes become compile errors at their line. */
    private ProgramDefinition declare(ProgramSource source, ProgramScript script, GroovyControl control)
            throws ProgramCompileException {
        try {
            runner.run(control, script::run, loadLimit, null, "top level");
        } catch (HandlerTimeoutException e) {
            int line = SourceText.lineOf(e.error().location());
            throw new ProgramCompileException(source.fileName(), line, SourceText.firstNonBlankColumn(source.text(), line),
                    "the script's top level used more than " + loadLimit.toMillis()
                            + " ms (an endless loop?); it should only declare program { }", e);
        } catch (HandlerException e) {
            int line = SourceText.lineOf(e.error().location());
            throw new ProgramCompileException(source.fileName(), line,
                    line > 0 ? SourceText.firstNonBlankColumn(source.text(), line) : 0, e.error().message(), e.getCause());
        }
        ProgramDefinition def = script.definition();
        if (def == null) {
            throw new ProgramCompileException(source.fileName(), 1, 1,
                    "the script declares no program: wrap it in program { state('intro') { … } }");
        }
        return def;
    }

    private static void checkGoTargets(ProgramSource source, List<ProgramChecks.GoTarget> targets, ProgramDefinition def)
            throws ProgramCompileException {
        List<String> states = def.stateNames();
        for (ProgramChecks.GoTarget g : targets) {
            if (!states.contains(g.state())) {
                throw new ProgramCompileException(source.fileName(), g.line(), g.column(),
                        "go '" + g.state() + "': the program has no such state" + Suggest.didYouMean(g.state(), states)
                                + "; its states are " + String.join(", ", states));
            }
        }
    }

    private static void requireGroovy(ProgramSource source) {
        if (source.language() != Language.GROOVY) {
            throw new IllegalArgumentException(source.fileName() + " is not a Groovy program");
        }
    }

    private synchronized Compiled acquire(ProgramSource source) throws ProgramCompileException {
        String key = source.fileName() + "@" + source.hash();
        Compiled c = compiled.get(key);
        if (c == null) {
            c = compile(source);
            compiled.put(key, c);
        }
        c.users++;
        return c;
    }

    private synchronized void release(Compiled c) {
        if (--c.users == 0) {
            compiled.values().remove(c);
            c.close();
        }
    }

    private Compiled compile(ProgramSource source) throws ProgramCompileException {
        ProgramChecks checks = new ProgramChecks();
        CompilerConfiguration cc = new CompilerConfiguration();
        cc.setScriptBaseClass(ProgramScript.class.getName());
        cc.setDisabledGlobalASTTransformations(Set.of("groovy.grape.GrabAnnotationTransformation"));
        // Order matters: annotations are refused before any could run; the sandbox rewrites the
        // program as written (after the checks read it, before ThreadInterrupt adds its own calls).
        cc.addCompilationCustomizers(new AnnotationBan(), checks, new SandboxTransformer(),
                new ASTTransformationCustomizer(ThreadInterrupt.class));
        GroovyClassLoader loader = new GroovyClassLoader(parent, cc);
        try {
            Class<?> cls = loader.parseClass(new GroovyCodeSource(source.text(), source.fileName(), "/groovy/stationd"), false);
            return new Compiled(loader, cls, checks.goTargets());
        } catch (CompilationFailedException e) {
            closeQuietly(loader);
            throw compileError(source, e);
        } catch (RuntimeException | Error e) {
            closeQuietly(loader);
            throw e;
        }
    }

    /** The first error, positioned; the count of the others. */
    static ProgramCompileException compileError(ProgramSource source, CompilationFailedException e) {
        if (e instanceof MultipleCompilationErrorsException m && m.getErrorCollector().getErrorCount() > 0) {
            List<? extends Message> errors = m.getErrorCollector().getErrors();
            String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
            Message first = errors.get(0);
            if (first instanceof SyntaxErrorMessage s) {
                SyntaxException se = s.getCause();
                SyntaxErrorRefiner.Position p = SyntaxErrorRefiner.refine(source.text(),
                        new SyntaxErrorRefiner.Position(se.getLine(), se.getStartColumn(), clean(se.getOriginalMessage())));
                return new ProgramCompileException(source.fileName(), p.line(), p.column(), p.message() + more, e);
            }
            if (first instanceof ExceptionMessage x && x.getCause() != null) {
                return new ProgramCompileException(source.fileName(), 0, 0, clean(x.getCause().getMessage()) + more, e);
            }
        }
        return new ProgramCompileException(source.fileName(), 0, 0, clean(e.getMessage()), e);
    }

    private static String clean(String message) {
        return message == null ? "cannot compile" : message.strip();
    }

    private static void closeQuietly(GroovyClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // nothing was opened from files: closing cannot really fail
        }
    }

    /** How many program versions are compiled and in use: stations share one per version. */
    public synchronized int versionsLoaded() {
        return compiled.size();
    }

    @Override
    public synchronized void close() {
        checked.clear();
        compiled.values().forEach(Compiled::close);
        compiled.clear();
    }

    /** One program version: its loader, script class, and how many stations run it. */
    private static final class Compiled {
        final GroovyClassLoader loader;
        final Class<?> scriptClass;
        final List<ProgramChecks.GoTarget> goTargets;
        int users;

        Compiled(GroovyClassLoader loader, Class<?> scriptClass, List<ProgramChecks.GoTarget> goTargets) {
            this.loader = loader;
            this.scriptClass = scriptClass;
            this.goTargets = List.copyOf(goTargets);
        }

        ProgramScript newScript() {
            try {
                ProgramScript s = (ProgramScript) scriptClass.getDeclaredConstructor().newInstance();
                s.setBinding(new Binding());
                return s;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot instantiate " + scriptClass.getName(), e);
            }
        }

        void close() {
            // Groovy caches a meta class per class; drop ours so nothing global pins the loader.
            for (Class<?> c : loader.getLoadedClasses()) {
                GroovySystem.getMetaClassRegistry().removeMetaClass(c);
            }
            GroovySystem.getMetaClassRegistry().removeMetaClass(scriptClass);
            loader.clearCache();
            closeQuietly(loader);
        }
    }
}
