package org.stationd.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.api.ProgramError;

/** The example show exists in Groovy and JavaScript; fed the same events, both do exactly the same. */
class ExampleProgramTest {
    static final Path PROGRAMS = Path.of("src/test/resources/programs");
    static ProgramEngines engines;

    @BeforeAll
    static void engines() {
        engines = new ProgramEngines();
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    /** One show: every kind of event the example handles, in order, and a failing handler. */
    static ProgramRun play(String file) throws Exception {
        ActionLog log = new ActionLog();
        FakeContext ctx = new FakeContext(log);
        LoadedProgram program = engines.load(ProgramSource.read(PROGRAMS.resolve(file)), ctx);
        ProgramRun run = new ProgramRun(ctx, program, engines.runner(), Duration.ofSeconds(2)).start();
        FakeStation st = ctx.station;
        run.deliver(Event.of(EventKind.FAILED).call(st.transmitter).cause("USER_BUSY").build());
        run.deliver(Event.of(EventKind.TIMER).timer("redial").build());
        st.transmitter.answered();
        run.deliver(Event.of(EventKind.ANSWERED).call(st.transmitter).build());
        run.deliver(Event.of(EventKind.ESL).name("CHANNEL_PROGRESS").headers(Map.of("Unique-ID", "tx")).build());
        run.deliver(Event.of(EventKind.PLAYBACK_DONE).call(st.transmitter).file("jingle.wav").status("done").build());
        run.deliver(Event.of(EventKind.DTMF).call(st.transmitter).digit("1").build());
        run.deliver(Event.of(EventKind.DTMF).call(st.transmitter).digit("2").build());
        run.deliver(Event.of(EventKind.DIGITS).call(st.transmitter).digits("12").status("ok").build());
        run.deliver(Event.of(EventKind.INCOMING_CALL).call(st.incoming("c1", "+256700000001")).line("call-in").build());
        run.deliver(Event.of(EventKind.INCOMING_CALL).call(st.incoming("c2", "+256700000002")).line("call-in").build());
        run.deliver(Event.of(EventKind.ESL).name("CHANNEL_PROGRESS").headers(Map.of("Unique-ID", "c1")).build());
        run.deliver(Event.of(EventKind.MESSAGE).topic("news/ready").data(Map.of("file", "news2.wav")).build());
        run.deliver(Event.of(EventKind.SMS).from("+256700000003").text("Hi").build());
        run.deliver(Event.of(EventKind.DTMF).call(st.transmitter).digit("5").build());
        run.timeout();
        run.deliver(Event.of(EventKind.PLAYBACK_DONE).call(st.transmitter).file("Goodbye").status("done").build());
        run.deliver(Event.of(EventKind.DTMF).call(st.transmitter).digit("0").build());
        run.teardown();
        program.close();
        return run;
    }

    @Test
    void groovyAndJavaScriptVersionsBehaveIdentically() throws Exception {
        ProgramRun groovy = play("example.groovy");
        ProgramRun js = play("example.js");

        assertEquals(groovy.ctx.log.toString(), js.ctx.log.toString());
        assertEquals(Json.of(groovy.ctx.data), Json.of(js.ctx.data));
        assertEquals(groovy.ctx.state, js.ctx.state);

        // and what they did is the show we meant
        List<String> actions = groovy.ctx.log.lines();
        for (String expected : List.of("station.dialTransmitter()", "log.warn: transmitter failed: USER_BUSY",
                "station.after(30, redial)", "tx.play(jingle.wav)", "[state live]", "tx.play(thanks.wav)",
                "tx.collect({\"max\":2,\"min\":1,\"prompt\":\"days.wav\",\"timeout\":10})",
                "station.publish(votes, {\"digits\":\"12\",\"from\":\"+256414000000\"})",
                "c2.say(Welcome to Kampala FM, caller 2)", "c2.join(studio)", "log.debug: progress on c1",
                "conference(studio).play(news2.wav)", "sms.send(+256700000003, Thanks! Hello from Gulu)",
                "log.info: digit 5 ignored", "[state goodbye]", "store.put(lastShow, {\"callers\":2,\"presses\":3})",
                "tx.say(Goodbye)", "tx.hangup()", "log.error: dtmf failed in goodbye", "log.info: teardown after 3 presses")) {
            assertTrue(actions.contains(expected), "missing '" + expected + "' in\n" + groovy.ctx.log);
        }
        assertTrue(actions.contains("[esl unhandled in intro]"), groovy.ctx.log::toString);
        assertEquals("{\"callers\":[\"+256700000001\",\"+256700000002\"],\"lastEntry\":\"12\",\"presses\":3,\"starts\":1}",
                Json.of(js.ctx.data));

        // the failure names the script line in each language
        ProgramError g = groovy.errors.get(0), j = js.errors.get(0);
        assertEquals("goodbye", g.state());
        assertEquals("dtmf", g.handler());
        assertTrue(g.message().contains("boom on zero"), g.message());
        assertTrue(j.message().contains("boom on zero"), j.message());
        assertEquals("example.groovy:" + lineOf("example.groovy", "boom on zero"), g.location());
        assertTrue(j.location().startsWith("example.js:" + lineOf("example.js", "boom on zero") + ":"), j.location());
    }

    @Test
    void dataSurvivesAReloadEvenIntoTheOtherLanguage() throws Exception {
        ActionLog log = new ActionLog();
        FakeContext first = new FakeContext(log);
        try (LoadedProgram v1 = engines.load(ProgramSource.read(PROGRAMS.resolve("example.groovy")), first)) {
            new ProgramRun(first, v1, engines.runner(), Duration.ofSeconds(2)).start();
        }
        FakeContext second = new FakeContext(log, first.data);  // the runtime hands the same map over
        try (LoadedProgram v2 = engines.load(ProgramSource.read(PROGRAMS.resolve("example.js")), second)) {
            new ProgramRun(second, v2, engines.runner(), Duration.ofSeconds(2)).start();
        }
        assertEquals(2, first.data.get("starts"));
        assertTrue(log.lines().contains("log.info: starting Morning Show, start #2"), log::toString);
    }

    static int lineOf(String file, String text) throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(PROGRAMS.resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) return i + 1;
        }
        throw new AssertionError(text + " not in " + file);
    }
}
