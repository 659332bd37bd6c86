package org.stationd.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stationd.eventlog.ReplayResult;
import org.stationd.script.ProgramEngines;
import org.stationd.support.BusyCores;
import org.stationd.testing.Replay;

/**
 * A replay does not depend on the machine's load: with every core busy several times over, every
 * recorded example still replays strictly, with no handler stopped (handler limits count the
 * handler's CPU time, and the replay's clock is virtual).
 */
class ExamplesUnderLoadTest {
    @Test
    void everyExampleReplaysTheSameOnABusyMachine() throws Exception {
        List<String> failures = new ArrayList<>();
        int replayed = 0;
        try (ProgramEngines engines = new ProgramEngines(); BusyCores busy = new BusyCores(4)) {
            for (Path program : ExampleLogs.programs()) {
                for (Path log : ExampleLogs.logs(ExampleLogs.name(program))) {
                    ReplayResult r = Replay.of(log).program(program).engines(engines).strict();
                    replayed++;
                    if (!r.ok() || !r.errors().isEmpty()) failures.add(log.getFileName() + ": " + r.summary() + " " + r.errors());
                }
            }
        }
        assertTrue(replayed > 0, "no examples replayed");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
