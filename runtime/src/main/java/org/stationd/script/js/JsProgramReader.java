package org.stationd.script.js;

import org.stationd.text.Suggest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.stationd.api.ApiVersion;
import org.stationd.api.EventKind;
import org.stationd.api.ProgramDefinition;
import org.stationd.api.SettingSpec;
import org.stationd.api.StateDefinition;
import org.stationd.script.SettingsDeclaration;
import org.stationd.script.HandlerNames;
import org.stationd.script.ProgramCompileException;
import org.stationd.script.ProgramSource;
import org.stationd.script.SourceText;

/**
 * Reads the object a script passed to {@code program({...})} into a {@link ProgramDefinition},
 * with the same rules and messages as the Groovy DSL. Positions: a function's own source section
 * when the mistake is a function ({@code dtfm(e) {…}}), else the key's first place in the text.
 */
final class JsProgramReader {
    private static final List<String> TOP_KEYS = List.of("apiVersion", "name", "settings", "states", "onError", "teardown");

    private final ProgramSource source;
    private final JsBridge bridge;
    private final JsControl control;

    JsProgramReader(ProgramSource source, JsBridge bridge, JsControl control) {
        this.source = source;
        this.bridge = bridge;
        this.control = control;
    }

    ProgramDefinition read(Value program) throws ProgramCompileException {
        if (program == null) {
            throw error(1, 1, "the script declares no program: call program({ states: { intro: { enter() { … } } } })");
        }
        if (!program.hasMembers() || program.canExecute() || program.hasArrayElements()) {
            throw error(0, 0, "program(…) takes an object: program({ apiVersion: 1, states: { … } })");
        }
        for (String key : program.getMemberKeys()) {
            if (!TOP_KEYS.contains(key)) {
                throw at(program.getMember(key), key, 0, "unknown '" + key + "' in program({…})" + Suggest.didYouMean(key, TOP_KEYS)
                        + "; it may hold apiVersion, name, settings, states, onError, teardown");
            }
        }
        int apiVersion = ApiVersion.CURRENT;
        Value v = program.getMember("apiVersion");
        if (v != null && !v.isNull()) {
            if (!v.isNumber() || !v.fitsInInt()) {
                throw at(v, "apiVersion", 0, "apiVersion must be a whole number: apiVersion: 1");
            }
            apiVersion = v.asInt();
            if (apiVersion < 1 || apiVersion > ApiVersion.CURRENT) {
                throw at(v, "apiVersion", 0, "apiVersion " + apiVersion + ": this stationd supports API version 1.." + ApiVersion.CURRENT
                        + (apiVersion > ApiVersion.CURRENT ? "; upgrade stationd or write the program for version " + ApiVersion.CURRENT : ""));
            }
        }
        String name = source.name();
        Value n = program.getMember("name");
        if (n != null && !n.isNull()) {
            if (!n.isString() || n.asString().isBlank()) throw at(n, "name", 0, "name needs a text: name: 'morning-show'");
            name = n.asString();
        }
        Value states = program.getMember("states");
        if (states == null || states.isNull() || !states.hasMembers() || states.getMemberKeys().isEmpty()) {
            throw at(states, "states", 0, "program '" + name + "' has no states: add states: { intro: { enter() { … } } }");
        }
        ProgramDefinition def = new ProgramDefinition(name).apiVersion(apiVersion);
        int statesAt = find("states", 0);
        for (String stateName : states.getMemberKeys()) {
            def.add(state(stateName, states.getMember(stateName), Math.max(statesAt, 0)));
        }
        Value onError = program.getMember("onError");
        if (onError != null && !onError.isNull()) {
            def.onError(handler(program, "onError", onError));
        }
        Value settings = program.getMember("settings");
        if (settings != null && !settings.isNull()) {
            def.settings(settings(settings));
        }
        Value teardown = program.getMember("teardown");
        if (teardown != null && !teardown.isNull()) {
            def.teardown(handler(program, "teardown", teardown));
        }
        return def;
    }

    /** {@code settings: { host: { type: 'text' }, music: { type: 'media list', default: [] } }} */
    private List<SettingSpec> settings(Value settings) throws ProgramCompileException {
        if (!settings.hasMembers() || settings.canExecute() || settings.hasArrayElements()) {
            throw at(settings, "settings", 0, "settings holds the settings by name: " + SettingsDeclaration.USAGE_JS);
        }
        java.util.Map<String, Object> declared = new java.util.LinkedHashMap<>();
        for (String name : settings.getMemberKeys()) {
            declared.put(name, plain(settings.getMember(name)));
        }
        try {
            return SettingsDeclaration.read(declared, SettingsDeclaration.USAGE_JS);
        } catch (IllegalArgumentException e) {
            throw at(settings, "settings", 0, e.getMessage());
        }
    }

    /** A declaration's value as plain Java: texts, numbers, yes/no, lists and maps (functions are not values here). */
    private static Object plain(Value v) {
        if (v == null || v.isNull()) return null;
        if (v.isString()) return v.asString();
        if (v.isBoolean()) return v.asBoolean();
        if (v.isNumber()) return v.fitsInLong() ? (Object) v.asLong() : (Object) v.asDouble();
        if (v.hasArrayElements()) {
            List<Object> out = new java.util.ArrayList<>();
            for (long i = 0; i < v.getArraySize(); i++) out.add(plain(v.getArrayElement(i)));
            return out;
        }
        if (v.hasMembers() && !v.canExecute()) {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (String k : v.getMemberKeys()) out.put(k, plain(v.getMember(k)));
            return out;
        }
        return v.toString();
    }

    private StateDefinition state(String name, Value st, int searchFrom) throws ProgramCompileException {
        int stateAt = Math.max(find(name, searchFrom), searchFrom);
        if (st == null || !st.hasMembers() || st.canExecute()) {
            throw at(null, name, searchFrom, "state '" + name + "' must be an object: " + name + ": { enter() { … } }");
        }
        StateDefinition s = new StateDefinition(name);
        for (String key : st.getMemberKeys()) {
            Value v = st.getMember(key);
            switch (key) {
                case "enter" -> s.enter(handler(st, key, v));
                case "exit" -> s.exit(handler(st, key, v));
                case "timeout" -> timeout(s, v, stateAt);
                case "esl" -> {
                    if (!v.hasMembers() || v.canExecute()) {
                        throw at(v, key, stateAt, "esl holds handlers by event name: esl: { CHANNEL_PROGRESS(e) { … } }");
                    }
                    for (String event : v.getMemberKeys()) {
                        s.onEsl(event, handler(v, event, v.getMember(event)));
                    }
                }
                default -> {
                    EventKind kind = HandlerNames.event(key);
                    if (kind == null) {
                        throw at(v, key, stateAt, HandlerNames.unknownStateKey(key) + " (in state '" + name + "')");
                    }
                    s.on(kind, handler(st, key, v));
                }
            }
        }
        return s;
    }

    /** {@code timeout: { seconds: 30, then() { go('next'); } }} */
    private void timeout(StateDefinition s, Value t, int from) throws ProgramCompileException {
        String usage = "timeout: { seconds: 30, then() { go('next'); } }";
        if (t == null || !t.hasMembers() || t.canExecute()) throw at(t, "timeout", from, "timeout is an object: " + usage);
        Value seconds = t.getMember("seconds");
        if (seconds == null || !seconds.isNumber() || !(seconds.asDouble() > 0)) {
            throw at(t, "timeout", from, "timeout needs seconds more than 0: " + usage);
        }
        Value then = t.getMember("then");
        if (then == null || !then.canExecute()) throw at(t, "timeout", from, "timeout needs a then() function: " + usage);
        for (String k : t.getMemberKeys()) {
            if (!k.equals("seconds") && !k.equals("then")) {
                throw at(t.getMember(k), k, from, "unknown '" + k + "' in timeout; it holds seconds and then: " + usage);
            }
        }
        long millis = new BigDecimal(Double.toString(seconds.asDouble())).movePointRight(3).longValue();
        s.timeout(Duration.ofMillis(Math.max(1, millis)), handler(t, "then", then));
    }

    private JsHandler handler(Value owner, String key, Value fn) throws ProgramCompileException {
        if (fn == null || !fn.canExecute()) {
            throw at(fn, key, 0, key + " must be a function: " + key + "(e) { … }");
        }
        return new JsHandler(owner, key, bridge, control);
    }

    // ---- positions ----

    private ProgramCompileException at(Value v, String key, int searchFrom, String problem) {
        SourceSection s = v == null ? null : v.getSourceLocation();
        if (s != null && s.getSource().getName().equals(source.fileName()) && s.hasLines()) {
            return error(s.getStartLine(), s.getStartColumn(), problem);
        }
        int i = find(key, searchFrom);
        if (i < 0) i = find(key, 0);
        if (i < 0) return error(0, 0, problem);
        int[] pos = SourceText.position(source.text(), i);
        return error(pos[0], pos[1], problem);
    }

    /** Index of {@code key:} or {@code key(} (a property or method) at or after {@code from}; -1 if none. */
    private int find(String key, int from) {
        Matcher m = Pattern.compile("(?<![\\w$.])['\"]?" + Pattern.quote(key) + "['\"]?\\s*[:(]").matcher(source.text());
        return m.find(from) ? m.start() : -1;
    }

    private ProgramCompileException error(int line, int column, String problem) {
        return new ProgramCompileException(source.fileName(), line, column, problem);
    }
}
