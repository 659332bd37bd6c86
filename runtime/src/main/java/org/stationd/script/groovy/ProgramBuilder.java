package org.stationd.script.groovy;

import org.stationd.text.Suggest;
import groovy.lang.Closure;
import groovy.lang.GroovyInterceptable;
import groovy.lang.GroovyObjectSupport;
import groovy.lang.MissingPropertyException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stationd.script.groovy.sandbox.DslObject;
import org.stationd.api.ApiVersion;
import org.stationd.api.ProgramDefinition;
import org.stationd.api.SettingSpec;
import org.stationd.api.StateDefinition;
import org.stationd.script.SettingsDeclaration;

/**
 * The delegate of {@code program { }}: {@code apiVersion}, {@code name}, {@code state},
 * {@code onError}, {@code teardown}. Each mistake is thrown where it is written, so the error
 * names that line. Frozen once {@code program { }} returns: a handler cannot add states.
 *
 * <p>Calls are dispatched by hand ({@link GroovyInterceptable}), so each word checks its own
 * arguments and answers a wrong call with its usage instead of Groovy's MissingMethodException.
 */
final class ProgramBuilder extends GroovyObjectSupport implements GroovyInterceptable, DslObject {
    private static final List<String> WORDS = List.of("apiVersion", "name", "settings", "state", "onError", "teardown");

    private final ProgramScript scope;
    private final GroovyControl control;
    private String name;
    private int apiVersion = ApiVersion.CURRENT;
    private final List<StateDefinition> states = new ArrayList<>();
    private final Set<String> stateNames = new LinkedHashSet<>();
    private ClosureHandler onError;
    private ClosureHandler teardown;
    private List<SettingSpec> settings;
    private boolean declaring;
    private ProgramDefinition definition;

    ProgramBuilder(String defaultName, ProgramScript scope, GroovyControl control) {
        this.name = defaultName;
        this.scope = scope;
        this.control = control;
    }

    void declare(Closure<?> body) {
        if (definition != null || declaring) {
            throw new DslException("program { } declared twice: a script holds one program");
        }
        declaring = true;
        body.setDelegate(this);
        body.setResolveStrategy(Closure.DELEGATE_FIRST);
        body.call();
        declaring = false;
        if (states.isEmpty()) {
            throw new DslException("program '" + name + "' has no states: add state('intro') { enter { … } }");
        }
        ProgramDefinition d = new ProgramDefinition(name).apiVersion(apiVersion);
        states.forEach(d::add);
        if (onError != null) d.onError(onError);
        if (teardown != null) d.teardown(teardown);
        if (settings != null) d.settings(settings);
        definition = d;
    }

    ProgramDefinition definition() {
        return definition;
    }

    @Override
    public Object invokeMethod(String word, Object args) {
        Object[] a = Dsl.args(args);
        switch (word) {
            case "apiVersion" -> apiVersion(Dsl.integer(a, "apiVersion takes a whole number: apiVersion 1"));
            case "name" -> name(Dsl.text(a, "name takes a text: name 'morning-show'"));
            case "state" -> {
                if (a.length == 1 && a[0] instanceof CharSequence n) state(n.toString());
                if (a.length != 2 || !(a[0] instanceof CharSequence n) || !(a[1] instanceof Closure<?> body)) {
                    throw new DslException("state takes a name and a body: state('intro') { enter { … } }");
                }
                state(n.toString(), body);
            }
            case "settings" -> settings(a);
            case "onError" -> onError(Dsl.closure(a, "onError takes a closure: onError { err -> log.error(err.message) }"));
            case "teardown" -> teardown(Dsl.closure(a, "teardown takes a closure: teardown { … }"));
            default -> {
                return methodMissing(word, args);
            }
        }
        return null;
    }

    @Override
    public Object getProperty(String property) {
        throw new MissingPropertyException(property, ProgramBuilder.class);  // resolved on the script instead
    }

    @Override
    public void setProperty(String property, Object newValue) {
        throw new MissingPropertyException(property, ProgramBuilder.class);
    }

    void apiVersion(int v) {
        open("apiVersion");
        if (v < 1 || v > ApiVersion.CURRENT) {
            throw new DslException("apiVersion " + v + ": this stationd supports API version 1.." + ApiVersion.CURRENT
                    + (v > ApiVersion.CURRENT ? "; upgrade stationd or write the program for version " + ApiVersion.CURRENT : ""));
        }
        apiVersion = v;
    }

    void name(String n) {
        open("name");
        if (n == null || n.isBlank()) {
            throw new DslException("name needs a text: name 'morning-show'");
        }
        name = n;
    }

    void state(String stateName, Closure<?> body) {
        open("state");
        if (stateName == null || stateName.isBlank()) {
            throw new DslException("a state needs a name: state('intro') { … }");
        }
        if (!stateNames.add(stateName)) {
            throw new DslException("state '" + stateName + "' is declared twice; state names must be unique");
        }
        StateBuilder sb = new StateBuilder(stateName, scope, control);
        body.setDelegate(sb);
        body.setResolveStrategy(Closure.DELEGATE_FIRST);
        body.call();
        sb.freeze();
        states.add(sb.state());
    }

    void state(String stateName) {
        throw new DslException("state('" + stateName + "') needs a body: state('" + stateName + "') { enter { … } }");
    }

    /** {@code settings(host: [type: 'text'], music: [type: 'media list', default: []])}: what the program reads from station.settings. */
    @SuppressWarnings("unchecked")
    void settings(Object[] a) {
        open("settings");
        if (settings != null) throw new DslException("settings is declared twice");
        if (a.length != 1 || !(a[0] instanceof java.util.Map<?, ?> declared)) {
            throw new DslException("settings takes the settings by name: " + SettingsDeclaration.USAGE_GROOVY);
        }
        try {
            settings = SettingsDeclaration.read((java.util.Map<String, ?>) declared, SettingsDeclaration.USAGE_GROOVY);
        } catch (IllegalArgumentException e) {
            throw new DslException(e.getMessage());
        }
    }

    void onError(Closure<?> body) {
        open("onError");
        if (onError != null) throw new DslException("onError is declared twice");
        onError = new ClosureHandler(body, scope, control);
    }

    void teardown(Closure<?> body) {
        open("teardown");
        if (teardown != null) throw new DslException("teardown is declared twice");
        teardown = new ClosureHandler(body, scope, control);
    }

    /** Unknown words inside program { }: delegate-first would otherwise reach the script. */
    private Object methodMissing(String word, Object args) {
        if (scope.respondsTo(word, args)) {
            return scope.invokeMethod(word, args);  // a helper method the script defined
        }
        throw new DslException("unknown '" + word + "' in program { }" + Suggest.didYouMean(word, WORDS)
                + "; it may hold apiVersion, name, settings, state, onError, teardown");
    }

    private void open(String word) {
        if (!declaring) {
            throw new DslException(word + " used outside program { } (inside a handler?): "
                    + "states and handlers are declared at the top of program { }");
        }
    }
}
