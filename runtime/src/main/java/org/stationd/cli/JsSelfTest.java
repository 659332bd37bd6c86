package org.stationd.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.api.Handler;
import org.stationd.script.InertContext;
import org.stationd.script.LoadedProgram;
import org.stationd.script.ProgramEngines;
import org.stationd.script.ProgramSource;
import picocli.CommandLine.Command;

/**
 * {@code ./stationd js-selftest} (hidden): loads a tiny JavaScript program, runs a handler, and
 * says which GraalJS runtime ran it. Exit 1 on the interpreter (the "fallback runtime"): the
 * launcher's JVMCI flags (jvm.options) or the Graal compiler jars are missing or do not match
 * the JDK. JvmStartupWarningsTest runs it the way the launcher does.
 */
@Command(name = "js-selftest", hidden = true,
        description = "Run a small JavaScript program and report whether GraalJS's optimizing runtime is on.")
final class JsSelfTest implements Callable<Integer> {
    static final String PROGRAM = "program({ states: { intro: { dtmf(e) { data.sum = (data.sum || 0) + Number(e.digit); } } } });\n";

    @Override
    public Integer call() throws Exception {
        try (ProgramEngines engines = new ProgramEngines()) {
            String runtime = engines.javascript().engine().getImplementationName();
            InertContext ctx = new InertContext();
            try (LoadedProgram p = engines.load(ProgramSource.of("selftest.js", PROGRAM), ctx)) {
                Handler dtmf = p.definition().state("intro").handler(EventKind.DTMF);
                Event one = Event.of(EventKind.DTMF).digit("1").build();
                for (int i = 0; i < 1000; i++) {
                    engines.runner().invoke("intro", "dtmf", dtmf, one, Duration.ofSeconds(5));
                }
            }
            boolean optimizing = !runtime.equalsIgnoreCase("Interpreted");
            System.out.println("js-selftest: a program ran 1000 handler calls (sum " + ctx.getData().get("sum") + ") on "
                    + runtime + (optimizing ? ": optimizing runtime" : ": INTERPRETED (fallback runtime): start stationd "
                    + "with the launcher on a JDK matching the Graal compiler jars in runtime/target/jvmci (see jvm.options)"));
            return optimizing ? 0 : 1;
        }
    }
}
