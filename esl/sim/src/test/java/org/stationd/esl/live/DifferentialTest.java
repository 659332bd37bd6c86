package org.stationd.esl.live;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.sim.SimOptions;
import org.stationd.esl.sim.SimSwitch;
import org.stationd.esl.sim.dialplan.Dialplan;
import org.stationd.esl.sim.media.Wav;

/**
 * Simulator fidelity, measured: each scenario runs on the real FreeSWITCH and on the simulator
 * (with the same {@code stations} context, {@link Dialplan#bundledStations()}), through the
 * project's own client; per call leg the sequences of events and their key headers must be equal
 * but for {@link SimulatorDifferences}. Both sequences are written to
 * {@code target/differential/<scenario>.txt}.
 */
class DifferentialTest {
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();

    @TempDir
    static Path media;

    private static SimSwitch sim;

    @BeforeAll
    static void start() throws Exception {
        sim = SimSwitch.start(SimOptions.defaults().withPort(0).withDialplan(Dialplan.bundledStations()));
        Wav.writeSilence(media.resolve("one.wav"), 1000);
        Wav.writeSilence(media.resolve("three.wav"), 3000);
        Wav.writeSilence(media.resolve("ten.wav"), 10_000);
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> sameEventsPerLeg() {
        return Scenarios.all().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> compare(s)));
    }

    private static void compare(Scenario s) throws Exception {
        LegSequence real = run(s, FS.get().options(), "FreeSWITCH");
        LegSequence simulated = run(s, EslClientOptions.of("127.0.0.1", sim.port(), "ClueCon"), "simulator");
        Path report = Path.of("target", "differential", s.name().replaceAll("[^A-Za-z0-9]+", "_") + ".txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "== FreeSWITCH\n" + real + "\n== simulator\n" + simulated);
        List<String> diffs = LegSequence.differences(real, simulated);
        if (!diffs.isEmpty()) {
            fail(diffs.size() + " unexplained difference(s) in '" + s.name() + "' (both sequences in " + report.toAbsolutePath() + "):\n  "
                    + String.join("\n  ", diffs));
        }
    }

    private static LegSequence run(Scenario s, EslClientOptions options, String where) throws Exception {
        try (ScenarioRun r = new ScenarioRun(options, media)) {
            try {
                s.body().run(r);
            } catch (AssertionError e) {
                throw new AssertionError("on " + where + ": " + e.getMessage() + "\nso far:\n" + LegSequence.of(r)
                        + ("FreeSWITCH".equals(where) ? "\n" + FS.get().logTail() : ""), e);
            }
            return LegSequence.of(r);
        }
    }
}
