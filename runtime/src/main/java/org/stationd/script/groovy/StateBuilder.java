package org.stationd.script.groovy;

import org.stationd.text.Suggest;
import groovy.lang.Closure;
import groovy.lang.GroovyInterceptable;
import groovy.lang.GroovyObjectSupport;
import groovy.lang.MissingPropertyException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.stationd.script.groovy.sandbox.DslObject;
import org.stationd.api.EventKind;
import org.stationd.api.StateDefinition;
import org.stationd.script.HandlerNames;

/**
 * The delegate of {@code state('x') { }}: {@code enter}, {@code exit}, {@code on.<event>},
 * {@code on.esl('NAME')}, {@code timeout(seconds)}. Each handler may be declared once.
 * Dispatched by hand, like {@link ProgramBuilder}.
 */
final class StateBuilder extends GroovyObjectSupport implements GroovyInterceptable, DslObject {
    private static final List<String> WORDS = List.of("enter", "exit", "on", "timeout");

    private final StateDefinition state;
    private final ProgramScript scope;
    private final GroovyControl control;
    private final On on = new On();
    private boolean frozen;

    StateBuilder(String name, ProgramScript scope, GroovyControl control) {
        this.state = new StateDefinition(name);
        this.scope = scope;
        this.control = control;
    }

    StateDefinition state() {
        return state;
    }

    void freeze() {
        frozen = true;
    }

    @Override
    public Object invokeMethod(String word, Object args) {
        Object[] a = Dsl.args(args);
        switch (word) {
            case "enter" -> enter(Dsl.closure(a, "enter takes a closure: enter { … }"));
            case "exit" -> exit(Dsl.closure(a, "exit takes a closure: exit { … }"));
            case "timeout" -> {
                if (a.length != 2 || !(a[0] instanceof Number seconds) || !(a[1] instanceof Closure<?> body)) {
                    throw new DslException("timeout takes seconds and a closure: timeout(30) { go 'next' }");
                }
                timeout(seconds, body);
            }
            default -> {
                return methodMissing(word, args);
            }
        }
        return null;
    }

    @Override
    public Object getProperty(String property) {
        if (property.equals("on")) {
            return on;
        }
        throw new MissingPropertyException(property, StateBuilder.class);  // resolved on the script instead
    }

    @Override
    public void setProperty(String property, Object newValue) {
        throw new MissingPropertyException(property, StateBuilder.class);
    }

    void enter(Closure<?> body) {
        open("enter");
        if (state.enter() != null) throw twice("enter");
        state.enter(handler(body));
    }

    void exit(Closure<?> body) {
        open("exit");
        if (state.exit() != null) throw twice("exit");
        state.exit(handler(body));
    }

    /** {@code timeout(30) { go 'next' }}: after 30 s in this state without leaving it. */
    void timeout(Number seconds, Closure<?> body) {
        open("timeout");
        if (state.timeout() != null) throw twice("timeout");
        double s = seconds.doubleValue();
        if (!(s > 0)) {
            throw new DslException("timeout(" + seconds + "): seconds must be more than 0");
        }
        long millis = new BigDecimal(seconds.toString()).movePointRight(3).longValue();
        state.timeout(Duration.ofMillis(Math.max(1, millis)), handler(body));
    }

    private Object methodMissing(String word, Object args) {
        if (scope.respondsTo(word, args)) {
            return scope.invokeMethod(word, args);  // a helper method the script defined
        }
        String hint = HandlerNames.event(word) != null ? "; event handlers are written on." + word + " { e -> … }" : "";
        throw new DslException("unknown '" + word + "' in state('" + state.name() + "')" + Suggest.didYouMean(word, WORDS)
                + hint + "; a state may hold enter, exit, on.<event>, timeout");
    }

    private ClosureHandler handler(Closure<?> body) {
        return new ClosureHandler(body, scope, control);
    }

    private DslException twice(String what) {
        return new DslException(what + " is declared twice in state '" + state.name() + "'");
    }

    private void open(String word) {
        if (frozen) {
            throw new DslException(word + " used inside a handler: handlers are declared at the top of state('"
                    + state.name() + "') { }");
        }
    }

    /** {@code on.dtmf { e -> … }}, {@code on.esl('CHANNEL_PROGRESS') { e -> … }}. */
    public final class On extends GroovyObjectSupport implements GroovyInterceptable, DslObject {
        @Override
        public Object invokeMethod(String name, Object args) {
            Object[] a = args instanceof Object[] arr ? arr : new Object[] {args};
            if (name.equals("esl")) {
                if (a.length != 2 || !(a[0] instanceof CharSequence) || !(a[1] instanceof Closure<?>)) {
                    throw new DslException("on.esl needs an event name and a closure: on.esl('CHANNEL_PROGRESS') { e -> … }");
                }
                open("on.esl");
                String event = a[0].toString();
                if (state.eslHandler(event) != null) throw twice("on.esl('" + event + "')");
                state.onEsl(event, handler((Closure<?>) a[1]));
                return null;
            }
            EventKind kind = HandlerNames.event(name);
            if (kind == null) {
                throw new DslException(HandlerNames.unknownEvent(name));
            }
            if (a.length != 1 || !(a[0] instanceof Closure<?>)) {
                throw new DslException("on." + name + " needs one closure: on." + name + " { e -> … }");
            }
            open("on." + name);
            if (state.handler(kind) != null) throw twice("on." + name);
            state.on(kind, handler((Closure<?>) a[0]));
            return null;
        }

        @Override
        public Object getProperty(String name) {
            throw new DslException("on." + name + " without a closure: write on." + name + " { e -> … }");
        }
    }
}
