package org.stationd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.eventlog.EventLogReader;
import org.stationd.eventlog.ReplayResult;
import org.stationd.script.ProgramEngines;
import org.stationd.testing.Replay;
import org.stationd.testing.Show;

/**
 * Every program in programs/ has recorded sessions in examples/&lt;program&gt;/, and the current
 * program still does exactly what it did in each of them (strict replay). When a change to a
 * program is meant to change the show, re-record the examples (see examples/README.md).
 */
class ExamplesTest {
    private static ProgramEngines engines;

    @BeforeAll
    static void engines() {
        engines = new ProgramEngines();
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @TestFactory
    List<DynamicTest> everyProgramsRecordedSessionsReplayStrictly() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> programs = ExampleLogs.programs();
        assertFalse(programs.isEmpty(), "no programs in " + Show.home().resolve("programs"));
        for (Path program : programs) {
            String name = ExampleLogs.name(program);
            List<Path> logs = ExampleLogs.logs(name);
            tests.add(dynamicTest(name + " has recorded sessions", () -> {
                assertFalse(logs.isEmpty(), "examples/" + name + "/ has no recorded session (*.jsonl) of programs/" + program.getFileName());
                assertTrue(Files.isRegularFile(ExampleLogs.examples().resolve(name).resolve("stations.yaml")), "examples/" + name + "/stations.yaml");
            }));
            for (Path log : logs) {
                tests.add(dynamicTest(name + ": " + log.getFileName() + " replays strictly", () -> {
                    ReplayResult r = Replay.of(log).program(program).engines(engines).assertMatches();
                    assertTrue(r.commands() > 0, r.summary());
                    assertEquals(program.getFileName().toString(), recordedProgram(log), "the log is a session of " + program.getFileName());
                }));
                tests.add(dynamicTest(name + ": " + log.getFileName() + " names no machine's folders", () -> assertNoAbsolutePaths(log)));
            }
        }
        return tests;
    }

    /** A changed program does not pass: the replay names the first command that differs. */
    @Test
    void aChangedProgramDivergesFromItsExample(@TempDir Path dir) throws Exception {
        Path changed = dir.resolve("voiceboard.groovy");
        Files.writeString(changed, Files.readString(Show.programFile("voiceboard.groovy")).replace("'voiceboard-saved.wav'", "'thank-you.wav'"));
        ReplayResult.Divergence d = Replay.of(ExampleLogs.examples().resolve("voiceboard/leave-a-greeting.jsonl"))
                .program(changed).engines(engines).strict().assertDiverges();
        // the recorded path is read as this checkout's media folder, so only the file differs
        String media = Show.home().resolve("programs/media").toString();
        assertTrue(d.expected().contains("execute-app-arg=" + media + "/voiceboard-saved.wav,"), d.toString());
        assertEquals(withoutEventUuid(d.expected()).replace("/voiceboard-saved.wav", "/thank-you.wav"), withoutEventUuid(d.actual()), d.toString());
        assertEquals("open", d.state());
    }

    /** The replay makes its own uuid for a command it sends; it is paired with the recorded one only when the commands match. */
    private static String withoutEventUuid(String command) {
        return command.replaceAll("Event-UUID=[0-9a-f-]+", "Event-UUID=…");
    }

    private static String recordedProgram(Path log) throws Exception {
        return EventLogReader.read(log).stream().filter(r -> "load".equals(r.get("k"))).map(r -> (String) r.get("program")).findFirst().orElse(null);
    }

    private static final Pattern ABSOLUTE_MEDIA = Pattern.compile("(^|[\\s{}=,])(/[^\\s,}]*\\.(wav|mp3|ogg))");

    /** Shipped logs are recorded elsewhere: their media and recordings are named relative to the checkout. */
    private static void assertNoAbsolutePaths(Path log) throws Exception {
        for (Map<String, Object> r : EventLogReader.read(log)) {
            String text = r.toString();
            Matcher m = ABSOLUTE_MEDIA.matcher(text);
            assertFalse(m.find(), () -> log.getFileName() + " names " + m.group(2) + ": record it with RecordExamples, which makes paths relative");
            assertFalse(text.contains(System.getProperty("java.io.tmpdir") + "/"), () -> log.getFileName() + " names the temporary folder: " + text);
        }
    }
}
