package org.stationd.script.groovy;

import groovy.lang.Closure;
import org.stationd.api.ErrorHandler;
import org.stationd.api.Event;
import org.stationd.api.Handler;
import org.stationd.api.ProgramError;
import org.stationd.script.ScriptControl;

/**
 * A handler closure as the runtime calls it. Its delegate is the program script, first, so
 * {@code station}, {@code data}, {@code go}, {@code state} and {@code log} mean the program's
 * globals wherever the closure was written. {@code { e -> … }} gets the event, {@code { -> … }}
 * nothing, {@code { … }} the event as {@code it}.
 */
final class ClosureHandler implements Handler, ErrorHandler, ScriptControl.Bound {
    private final Closure<?> closure;
    private final ScriptControl control;

    ClosureHandler(Closure<?> closure, ProgramScript scope, ScriptControl control) {
        this.closure = closure;
        this.control = control;
        closure.setDelegate(scope);
        closure.setResolveStrategy(Closure.DELEGATE_FIRST);
    }

    @Override
    public void handle(Event event) {
        call(event);
    }

    @Override
    public void handle(ProgramError error) {
        call(error);
    }

    private void call(Object arg) {
        if (closure.getMaximumNumberOfParameters() == 0) {
            closure.call();
        } else {
            closure.call(arg);
        }
    }

    @Override
    public ScriptControl control() {
        return control;
    }
}
