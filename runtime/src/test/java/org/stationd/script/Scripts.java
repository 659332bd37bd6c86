package org.stationd.script;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.api.Handler;

/** Helpers for engine tests: load text, find positions, call handlers. */
final class Scripts {
    private Scripts() {}

    /** CPU time this thread has used, in ns: what handler limits measure. */
    static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** 1-based {line, column} of the first occurrence of {@code needle} (in line {@code nth} occurrence order). */
    static int[] pos(String text, String needle) {
        int i = text.indexOf(needle);
        if (i < 0) throw new AssertionError(needle + " not in script");
        return SourceText.position(text, i);
    }

    static String at(String file, String text, String needle) {
        int[] p = pos(text, needle);
        return file + ":" + p[0] + ":" + p[1] + ": ";
    }

    static ProgramCompileException compileError(ProgramEngines engines, String file, String text) {
        return assertThrows(ProgramCompileException.class,
                () -> engines.load(ProgramSource.of(file, text), new FakeContext(new ActionLog())).close());
    }

    static Event dtmf(String digit) {
        return Event.of(EventKind.DTMF).digit(digit).build();
    }

    static void invoke(ProgramEngines engines, LoadedProgram p, String state, EventKind kind, Event e, Duration limit)
            throws HandlerException {
        Handler h = p.definition().state(state).handler(kind);
        engines.runner().invoke(state, kind.handlerName(), h, e, limit);
    }
}
