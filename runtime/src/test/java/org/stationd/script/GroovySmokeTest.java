package org.stationd.script;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.script.groovy.GroovyProgramEngine;

class GroovySmokeTest {
    @Test
    void runs() throws Exception {
        try (HandlerRunner runner = new HandlerRunner();
             GroovyProgramEngine engine = new GroovyProgramEngine(runner, Duration.ofSeconds(5))) {
            ActionLog log = new ActionLog();
            FakeContext ctx = new FakeContext(log);
            LoadedProgram p = engine.load(ProgramSource.read(Path.of("src/test/resources/programs/example.groovy")), ctx);
            ProgramRun run = new ProgramRun(ctx, p, runner, Duration.ofSeconds(2)).start();
            run.deliver(Event.of(EventKind.ANSWERED).call(ctx.station.transmitter).build());
            run.deliver(Event.of(EventKind.PLAYBACK_DONE).call(ctx.station.transmitter).build());
            run.deliver(Event.of(EventKind.DTMF).call(ctx.station.transmitter).digit("2").build());
            run.deliver(Event.of(EventKind.INCOMING_CALL).call(ctx.station.incoming("c1", "+256700000001")).build());
            run.deliver(Event.of(EventKind.DTMF).call(ctx.station.transmitter).digit("9").build());
            run.deliver(Event.of(EventKind.DTMF).call(ctx.station.transmitter).digit("0").build());
            run.teardown();
            System.out.println(log);
            System.out.println(run.errors);
            System.out.println(ctx.data);
        }
    }
}
