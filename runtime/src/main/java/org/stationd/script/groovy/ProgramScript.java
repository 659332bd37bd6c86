package org.stationd.script.groovy;

import org.stationd.text.Suggest;
import groovy.lang.Closure;
import groovy.lang.Script;
import java.util.List;
import java.util.Map;
import org.stationd.api.Log;
import org.stationd.api.ProgramContext;
import org.stationd.api.ProgramDefinition;
import org.stationd.api.Station;

/**
 * The base class of every Groovy program script. Gives the script (and every handler, whose
 * delegate it is) the program's globals: {@code station}, {@code data}, {@code go 'x'},
 * {@code state}, {@code log}; and the one top-level word, {@code program { … }}.
 */
public abstract class ProgramScript extends Script {
    private static final List<String> DSL_WORDS = List.of("program", "apiVersion", "name", "state", "enter", "exit",
            "on", "timeout", "onError", "teardown", "go", "station", "data", "log");

    private ProgramContext ctx;
    private ProgramBuilder builder;
    private GroovyControl control;

    /** Called by the engine before {@link #run()}. */
    final void bind(ProgramContext ctx, String defaultName, GroovyControl control) {
        this.ctx = ctx;
        this.control = control;
        this.builder = new ProgramBuilder(defaultName, this, control);
    }

    /** Called by the engine on close: the handlers of an unloaded program see no station. */
    final void unbind() {
        ctx = null;
    }

    /** What {@code program { }} declared; null if the script never called it. */
    final ProgramDefinition definition() {
        return builder.definition();
    }

    /** {@code program { apiVersion 1; state('intro') { … } }}: declares the program. */
    public void program(Closure<?> body) {
        builder.declare(body);
    }

    public Station getStation() {
        return context().getStation();
    }

    public Map<String, Object> getData() {
        return context().getData();
    }

    /** {@code go 'live'}: moves to another state when the handler returns. */
    public void go(String state) {
        context().go(state);
    }

    /** The current state's name. */
    public String getState() {
        return context().getState();
    }

    public Log getLog() {
        return context().getLog();
    }

    /**
     * Whether the script itself defines this method (a helper), so builders pass the call on.
     * Only the script's own methods: not Groovy's (sleep, evaluate…) nor this base class's.
     */
    final boolean respondsTo(String method, Object args) {
        Object[] a = args instanceof Object[] arr ? arr : new Object[] {args};
        for (groovy.lang.MetaMethod m : getMetaClass().respondsTo(this, method, a)) {
            if (m.getDeclaringClass().getTheClass() == getClass()) return true;
        }
        return false;
    }

    /** Misspelt DSL words end up here: say what was meant. */
    public Object methodMissing(String name, Object args) {
        throw new DslException("unknown '" + name + "'" + Suggest.didYouMean(name, DSL_WORDS)
                + "; a program uses program, apiVersion, name, state, enter, exit, on.<event>, timeout, onError, teardown, go");
    }

    private ProgramContext context() {
        if (ctx == null) {
            throw new IllegalStateException("this program version was unloaded; its handlers no longer run");
        }
        return ctx;
    }
}
