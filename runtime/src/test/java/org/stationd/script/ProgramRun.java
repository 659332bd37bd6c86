package org.stationd.script;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.api.Handler;
import org.stationd.api.ProgramDefinition;
import org.stationd.api.ProgramError;
import org.stationd.api.StateDefinition;

/**
 * A minimal state machine driver, as the runtime will drive programs: enter the first state,
 * deliver events to the current state's handler, apply {@code go} after each handler (exit, then
 * enter), and hand failures to {@code onError}. Records state changes and errors in the action log.
 */
final class ProgramRun {
    final FakeContext ctx;
    final LoadedProgram program;
    final HandlerRunner runner;
    final Duration limit;
    final List<ProgramError> errors = new ArrayList<>();

    ProgramRun(FakeContext ctx, LoadedProgram program, HandlerRunner runner, Duration limit) {
        this.ctx = ctx;
        this.program = program;
        this.runner = runner;
        this.limit = limit;
    }

    ProgramDefinition definition() {
        return program.definition();
    }

    ProgramRun start() {
        StateDefinition first = definition().initialState();
        ctx.state = first.name();
        ctx.log.add("[state " + first.name() + "]");
        call("enter", first.enter(), null);
        return this;
    }

    ProgramRun deliver(Event e) {
        StateDefinition s = definition().state(ctx.state);
        Handler h = e.getKind() == EventKind.ESL ? s.eslHandler(e.getName()) : s.handler(e.getKind());
        if (h == null) {
            ctx.log.add("[" + e.getKind().handlerName() + " unhandled in " + ctx.state + "]");
            return this;
        }
        call(e.getKind() == EventKind.ESL ? "esl(" + e.getName() + ")" : e.getKind().handlerName(), h, e);
        return this;
    }

    ProgramRun timeout() {
        StateDefinition s = definition().state(ctx.state);
        call("timeout", s.onTimeout(), null);
        return this;
    }

    void teardown() {
        call("teardown", definition().teardown(), null);
    }

    private void call(String name, Handler h, Event e) {
        if (h != null) {
            invoke(name, h, e);
        }
        while (ctx.pendingGo != null) {
            String to = ctx.pendingGo;
            ctx.pendingGo = null;
            StateDefinition from = definition().state(ctx.state);
            if (from.exit() != null) invoke("exit", from.exit(), null);
            ctx.state = to;
            ctx.log.add("[state " + to + "]");
            StateDefinition next = definition().state(to);
            if (next.enter() != null) invoke("enter", next.enter(), null);
        }
    }

    private void invoke(String name, Handler h, Event e) {
        try {
            runner.invoke(ctx.state, name, h, e, limit);
        } catch (HandlerException ex) {
            errors.add(ex.error());
            ctx.log.add("[error in " + name + "]");
            if (definition().onError() != null) {
                try {
                    runner.invokeOnError(definition().onError(), ex.error(), limit);
                } catch (HandlerException again) {
                    ctx.log.add("[onError failed: " + again.getMessage() + "]");
                }
            }
        }
    }
}
