package org.stationd.script;

import org.stationd.text.Suggest;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stationd.api.Log;
import org.stationd.api.ProgramContext;
import org.stationd.api.Station;

/**
 * The context engines hand to scripts: the runtime's own, plus two rules. While the script's
 * top level runs (it only declares the program), actions are refused: a {@code dialTransmitter()}
 * there would dial on every reload and {@code check}. And {@code go} to a state the program does
 * not have fails in the handler that tried, with the script line, instead of deep in the runtime.
 */
public final class BoundContext implements ProgramContext {
    private final ProgramContext ctx;
    private final Station readOnlyStation;
    private volatile boolean loading = true;
    private volatile Set<String> states = Set.of();

    public BoundContext(ProgramContext ctx) {
        this.ctx = ctx;
        this.readOnlyStation = readOnly(ctx.getStation());
    }

    /** The top level has run and the program has these states: actions and {@code go} are on. */
    public void loaded(List<String> stateNames) {
        states = Set.copyOf(stateNames);
        loading = false;
    }

    public boolean isLoading() {
        return loading;
    }

    @Override
    public Station getStation() {
        return loading ? readOnlyStation : ctx.getStation();
    }

    @Override
    public Map<String, Object> getData() {
        return ctx.getData();
    }

    @Override
    public void go(String state) {
        if (loading) {
            throw new IllegalStateException("go('" + state + "') at the top of the script: "
                    + "go belongs in a handler, e.g. on.dtmf / dtmf(e)");
        }
        if (state == null || !states.contains(state)) {
            throw new IllegalArgumentException("go('" + state + "'): the program has no such state"
                    + (state == null ? "" : Suggest.didYouMean(state, states)) + "; its states are "
                    + String.join(", ", states));
        }
        ctx.go(state);
    }

    @Override
    public String getState() {
        return ctx.getState();
    }

    @Override
    public Log getLog() {
        return ctx.getLog();
    }

    /** Getters pass (settings, lines, id…), actions throw with the fix. */
    private static Station readOnly(Station station) {
        InvocationHandler h = (proxy, m, args) -> {
            String n = m.getName();
            if (m.getDeclaringClass() == Object.class) {
                return switch (n) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "Station(read-only while loading)";
                };
            }
            if (n.startsWith("get")) {
                try {
                    return m.invoke(station, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
            throw new IllegalStateException("station." + n + "(…) at the top of the script: "
                    + "actions belong in handlers, e.g. enter { … } / enter() { … }");
        };
        return (Station) Proxy.newProxyInstance(Station.class.getClassLoader(), new Class<?>[] {Station.class}, h);
    }
}
