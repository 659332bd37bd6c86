package org.stationd.script.js;

import org.stationd.text.Suggest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
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

/**
 * JavaScript programs on GraalJS: {@code program({ states: { intro: { enter() { … } } } })}.
 *
 * <p>One {@link Engine} for the host, created on first use, shares compiled code between
 * contexts. Each loaded program gets its own {@link Context} (a station runs one program at a
 * time, so that is one context per station; a reload swaps it), with globals {@code program},
 * {@code station}, {@code data}, {@code go}, {@code state}, {@code log}.
 *
 * <p>The sandbox: {@link HostAccess#EXPLICIT} and no Java object is ever handed over, only
 * {@link JsObject}/{@link JsMap}/{@link JsList} proxies; no host class lookup ({@code Java.type}
 * fails), no IO ({@code load} is off too), no threads, no native access, no processes, no
 * environment, no other languages. Scripts run in strict mode.
 */
public final class JsProgramEngine implements ProgramEngine {
    private final HandlerRunner runner;
    private final Duration loadLimit;
    private Engine engine;

    public JsProgramEngine(HandlerRunner runner, Duration loadLimit) {
        this.runner = runner;
        this.loadLimit = loadLimit;
    }

    @Override
    public Language language() {
        return Language.JAVASCRIPT;
    }

    /** The shared engine, created on first use (it takes a moment, and a host may run no JS at all). */
    public synchronized Engine engine() {
        if (engine == null) {
            engine = Engine.newBuilder("js").build();
        }
        return engine;
    }

    @Override
    public LoadedProgram load(ProgramSource source, ProgramContext ctx) throws ProgramCompileException {
        if (source.language() != Language.JAVASCRIPT) {
            throw new IllegalArgumentException(source.fileName() + " is not a JavaScript program");
        }
        BoundContext bound = new BoundContext(ctx);
        Context context = newContext(bound);
        try {
            JsControl control = new JsControl(context);
            JsBridge bridge = new JsBridge(bound);
            Value[] declared = new Value[1];
            installGlobals(context, bound, bridge, declared);
            evaluate(source, context, control);
            ProgramDefinition def = new JsProgramReader(source, bridge, control).read(declared[0]);
            checkGoTargets(source, def);
            bound.loaded(def.stateNames());
            return new LoadedProgram(source, def, () -> context.close(true));
        } catch (ProgramCompileException | RuntimeException | Error e) {
            context.close(true);
            throw e;
        }
    }

    @Override
    public void check(ProgramSource source) throws ProgramCompileException {
        load(source, new InertContext()).close();
    }

    private Context newContext(BoundContext bound) {
        return Context.newBuilder("js")
                .engine(engine())
                .allowHostAccess(HostAccess.EXPLICIT)
                .allowHostClassLookup(className -> false)
                .allowHostClassLoading(false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowCreateProcess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.strict", "true")
                // console.log/console.error go to the program's log, not stationd's stdout
                .out(lines(m -> bound.getLog().info(m)))
                .err(lines(m -> bound.getLog().warn(m)))
                .build();
    }

    /**
     * Defines the globals as read-only properties; {@code state} and {@code data} are getters so
     * they always show the runtime's current state and data map.
     */
    private static void installGlobals(Context context, BoundContext bound, JsBridge bridge, Value[] declared) {
        ProxyExecutable program = args -> {
            if (declared[0] != null) {
                throw new IllegalStateException("program(…) called twice: a script holds one program");
            }
            if (args.length != 1) {
                throw new IllegalArgumentException("program(…) takes one object: program({ states: { … } })");
            }
            declared[0] = args[0];
            return null;
        };
        ProxyExecutable go = args -> {
            if (args.length != 1 || !args[0].isString()) {
                throw new IllegalArgumentException("go takes a state name: go('live')");
            }
            bound.go(args[0].asString());
            return null;
        };
        JsObject station = bridge.station();
        JsObject log = bridge.log(bound.getLog());
        // Date and Math.random follow the station: its clock (virtual in a replay) and a seed from its id and the load time
        ProxyExecutable now = args -> bound.getStation().getNow().toInstant().toEpochMilli();
        int seed = bound.getStation().getId().hashCode() ^ Long.hashCode(bound.getStation().getNow().toInstant().toEpochMilli());
        ProxyObject host = new ProxyObject() {
            private Object dataMap;
            private Object dataView;

            @Override
            public Object getMember(String key) {
                return switch (key) {
                    case "program" -> program;
                    case "go" -> go;
                    case "station" -> station;
                    case "log" -> log;
                    case "state" -> bound.getState();
                    case "data" -> data();
                    case "now" -> now;
                    case "seed" -> seed;
                    default -> null;
                };
            }

            /** The same view while the runtime keeps the same map, so data === data. */
            private synchronized Object data() {
                Object m = bound.getData();
                if (m != dataMap) {
                    dataMap = m;
                    dataView = bridge.toJs(m);
                }
                return dataView;
            }

            @Override public Object getMemberKeys() { return ProxyArray.fromArray(); }
            @Override public boolean hasMember(String key) { return true; }
            @Override public void putMember(String key, Value value) { throw new UnsupportedOperationException(); }
        };
        Source prelude = Source.newBuilder("js", """
                (function (host) {
                  for (const name of ['program', 'go', 'station', 'log']) {
                    Object.defineProperty(globalThis, name, { value: host[name], writable: false, configurable: false });
                  }
                  for (const name of ['state', 'data']) {
                    Object.defineProperty(globalThis, name, { get() { return host[name]; }, configurable: false });
                  }
                  const RealDate = Date, now = host.now;
                  function StationDate(...args) {
                    if (!new.target) return new RealDate(now()).toString();
                    return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
                  }
                  StationDate.prototype = RealDate.prototype;
                  StationDate.now = () => now();
                  StationDate.parse = RealDate.parse;
                  StationDate.UTC = RealDate.UTC;
                  Object.defineProperty(globalThis, 'Date', { value: StationDate, writable: false, configurable: false });
                  let s = host.seed | 0;   // mulberry32: small, fast, and the same sequence for the same seed
                  Math.random = function random() {
                    s = (s + 0x6D2B79F5) | 0;
                    let t = Math.imul(s ^ (s >>> 15), 1 | s);
                    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
                    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
                  };
                })
                """, "<stationd-globals>").internal(true).buildLiteral();
        context.eval(prelude).execute(host);
    }

    /** Runs the script's top level; syntax and top-level errors become compile errors at their position. */
    private void evaluate(ProgramSource source, Context context, JsControl control) throws ProgramCompileException {
        Source s = Source.newBuilder("js", source.text(), source.fileName()).buildLiteral();
        try {
            runner.run(control, () -> context.eval(s), loadLimit, null, "top level");
        } catch (HandlerTimeoutException e) {
            int line = SourceText.lineOf(e.error().location());
            throw new ProgramCompileException(source.fileName(), line, line > 0 ? SourceText.firstNonBlankColumn(source.text(), line) : 0,
                    "the script's top level used more than " + loadLimit.toMillis()
                            + " ms (an endless loop?); it should only call program({…})", e);
        } catch (HandlerException e) {
            if (e.getCause() instanceof PolyglotException p) {
                SourceSection at = p.getSourceLocation();
                if (p.isSyntaxError() && at != null) {
                    throw new ProgramCompileException(source.fileName(), at.getStartLine(), at.getStartColumn(),
                            syntaxMessage(p.getMessage()), p);
                }
            }
            String location = e.error().location();
            int line = SourceText.lineOf(location);
            int column = columnOf(location);
            throw new ProgramCompileException(source.fileName(), line, column, e.error().message(), e.getCause());
        }
    }

    /** GraalJS says {@code SyntaxError: f.js:3:1 Expected , but found eof} and then the line: keep the words. */
    static String syntaxMessage(String m) {
        String first = JsControl.firstLine(m);
        return first.replaceFirst("^SyntaxError: \\S+:\\d+:\\d+ ", "SyntaxError: ");
    }

    private static int columnOf(String location) {
        if (location == null) return 0;
        String[] parts = location.split(":");
        try {
            return parts.length >= 3 ? Integer.parseInt(parts[parts.length - 1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void checkGoTargets(ProgramSource source, ProgramDefinition def) throws ProgramCompileException {
        List<String> states = def.stateNames();
        for (JsGoTargets.GoTarget g : JsGoTargets.scan(source.text())) {
            if (!states.contains(g.state())) {
                throw new ProgramCompileException(source.fileName(), g.line(), g.column(),
                        "go('" + g.state() + "'): the program has no such state" + Suggest.didYouMean(g.state(), states)
                                + "; its states are " + String.join(", ", states));
            }
        }
    }

    /** An output stream that hands each complete line to {@code sink}. */
    private static OutputStream lines(Consumer<String> sink) {
        return new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    sink.accept(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        };
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close(true);
            engine = null;
        }
    }
}
