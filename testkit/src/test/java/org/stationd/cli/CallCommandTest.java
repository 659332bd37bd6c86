package org.stationd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.api.SmsMessage;
import org.stationd.control.ControlClient;
import org.stationd.programs.VoiceBoardTest;
import org.stationd.storage.DbSms;
import org.stationd.testing.Show;

/**
 * {@code ./stationd call}, the test phone, against a running host on the simulated switch (its
 * listeners are loopback calls over the Event Socket, as on a real FreeSWITCH): a script on
 * standard input calls the voice board, waits for its prompts, presses keys, texts the station,
 * talks and hangs up, and sees what the station played as it happened.
 */
public class CallCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    private Show voiceboard() throws Exception {
        return VoiceBoardTest.withPrompts(Show.in(dir).bundledDialplan())
                .station("gulu", s -> s.program("voiceboard.groovy").transmitter("loopback/tx1/stations").line("ivr", "7009").sms("256700200009"))
                .start();
    }

    /** {@code ./stationd ARGS} with {@code stdin} as its standard input. */
    public static CliRun call(String stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliRun.stationd(args);
        } finally {
            System.setIn(saved);
        }
    }

    /** The command's own last word (the host in this JVM logs to the same stderr). */
    private static String lastLine(String err) {
        List<String> lines = err.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** The script of docs/programs.md, "Try your show", with a text and a shorter voice. */
    public static final String SCRIPT = """
            w listens for keys
            2
            w plays voiceboard-days.wav
            w listens for keys
            7#
            w records
            t hello from the test phone
            r 1
            #
            w plays voiceboard-menu.wav
            w listens for keys
            2
            w call ended
            """;

    @Test
    void aScriptedCallerLeavesAGreetingAndTextsTheStation() throws Exception {
        try (Show show = voiceboard()) {
            CliRun r = call(SCRIPT, "call", "gulu", "ivr", "--from", "256700000009", "--control", show.host().controlEndpoint());
            List<String> out = r.out().lines().toList();
            assertEquals(0, r.exit(), r.out() + r.err());
            assertEquals("phone: calling gulu line ivr (7009) from 256700000009",
                    out.stream().filter(l -> l.startsWith("phone:")).findFirst().orElse(""), r.out());
            assertTrue(out.contains("phone: answered"), r.out());
            List<String> inOrder = List.of("gulu: plays voiceboard-welcome.wav", "gulu: plays voiceboard-category.wav",
                    "phone: press 2", "gulu: plays voiceboard-days.wav", "phone: press 7", "phone: press #", "gulu: records voiceboard-",
                    "phone: text \"hello from the test phone\"", "phone: speak 1 s", "phone: press #", "gulu: plays voiceboard-menu.wav",
                    "phone: press 2", "gulu: plays voiceboard-saved.wav", "phone: call ended");   // the station hangs up
            int at = -1;
            for (String line : inOrder) {
                int from = at + 1;
                int next = -1;
                for (int i = from; i < out.size() && next < 0; i++) {
                    if (out.get(i).startsWith(line)) next = i;
                }
                assertTrue(next > at, "no '" + line + "' after line " + at + " in:\n" + r.out());
                at = next;
            }
            assertTrue(out.stream().noneMatch(l -> l.startsWith("phone: hang up")), "the station hung up, not the phone:\n" + r.out());
            assertTrue(r.err().lines().noneMatch(l -> l.startsWith("stationd:")), r.err());   // the host's own log may write there too

            show.await("the greeting is saved", () -> show.logged("gulu", "saved a greeting from 256700000009, valid 7 days"));
            List<SmsMessage> texts = new DbSms(show.host().database(), "gulu", "256700200009", java.time.Instant::now, cmd -> { }).recent(5);
            assertEquals(1, texts.size(), texts.toString());
            assertEquals("256700000009", texts.get(0).from());
            assertEquals("hello from the test phone", texts.get(0).text());
        }
    }

    @Test
    void theEndOfTheScriptHangsUp() throws Exception {
        try (Show show = voiceboard()) {
            CliRun r = call("w plays voiceboard-category.wav\n", "call", "gulu", "--control", show.host().controlEndpoint());
            List<String> out = r.out().lines().toList();
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(out.contains("phone: hang up (end of input)"), r.out());
            assertTrue(out.indexOf("phone: hang up (end of input)") < out.indexOf("phone: call ended"), r.out());
            show.await("the station saw the caller go", () -> show.lines().contains("gulu call hangup NORMAL_CLEARING"));
        }
    }

    @Test
    void anUnknownStationOrLineIsRefusedWithWhatThereIs() throws Exception {
        try (Show show = voiceboard()) {
            String control = show.host().controlEndpoint();
            CliRun noStation = call("h\n", "call", "kla", "--control", control);
            assertEquals(1, noStation.exit());
            assertEquals("stationd: no station 'kla'; stations are [gulu]", lastLine(noStation.err()));
            assertEquals("", noStation.out());

            CliRun noLine = call("h\n", "call", "gulu", "news", "--control", control);
            assertEquals(1, noLine.exit());
            assertEquals("stationd: station gulu has no line 'news'; its lines are [ivr]", lastLine(noLine.err()));

            CliRun badNumber = call("h\n", "call", "gulu", "--from", "me", "--control", control);
            assertEquals(1, badNumber.exit());
            assertEquals("stationd: 'call-start': \"from\" must be a phone number (digits, a leading + allowed)", lastLine(badNumber.err()));

            CliRun noHost = call("h\n", "call", "gulu", "--as-host", "--control", control);
            assertEquals(1, noHost.exit());
            assertEquals("stationd: station gulu has no host in its settings: --as-host plays the talk show's host (settings: { host: … })",
                    lastLine(noHost.err()));
        }
    }

    /**
     * The host refuses a call the phone cannot make at its first question, the feed check: the
     * phone never waits on the station feed (and its ZeroMQ subscription) only to be refused then.
     */
    @Test
    void theFeedCheckRefusesWhatTheCallWould() throws Exception {
        try (Show show = voiceboard(); ControlClient host = new ControlClient(show.host().controlEndpoint(), 30_000)) {
            Map<String, String> refusals = new LinkedHashMap<>();
            refusals.put("no station 'kla'; stations are [gulu]", "{\"station\": \"kla\"}");
            refusals.put("station gulu has no line 'news'; its lines are [ivr]", "{\"station\": \"gulu\", \"line\": \"news\"}");
            refusals.put("'call-start': \"from\" must be a phone number (digits, a leading + allowed)", "{\"station\": \"gulu\", \"from\": \"me\"}");
            refusals.put("station gulu has no host in its settings: --as-host plays the talk show's host (settings: { host: … })",
                    "{\"station\": \"gulu\", \"asHost\": true}");
            for (Map.Entry<String, String> r : refusals.entrySet()) {
                Map<String, Object> cmd = new LinkedHashMap<>(JSON.readValue(r.getValue(), Map.class));
                cmd.put("cmd", "call-feed");
                cmd.put("nonce", "n1");
                Map<String, Object> reply = host.send(cmd);
                assertTrue(!Boolean.TRUE.equals(reply.get("ok")), reply.toString());
                assertEquals(r.getKey(), reply.get("error"), r.getValue());
            }
            Map<String, Object> fine = host.send(Map.of("cmd", "call-feed", "station", "gulu", "from", "+256700000009", "nonce", "n2"));
            assertEquals(Boolean.TRUE, fine.get("ok"), fine.toString());
            assertEquals("7009", fine.get("number"));
        }
    }

    /** The talk show calls its host; the test phone answers for the host, presses 1 (on air), and hangs up (the show ends). */
    @Test
    void theTalkShowsHostIsPlayedTheSameWay() throws Exception {
        Show.Builder b = Show.in(dir).program(Show.programFile("talkshow.js"))
                .media("talkshow-ready.wav", 0.3).media("talkshow-queued.wav", 0.3).media("talkshow-offair.wav", 0.3)
                .media("hold.wav", 0.5).media("goodbye.wav", 0.2).phone("3009", "{ answer_after_ms: 100 }")
                .station("kla", s -> s.program("talkshow.js").transmitter("user/3001").line("call-in", "7001")
                        .settings("{ host: user/3009, mode: queue }"));
        try (Show show = b.start()) {
            show.await("the station calls its host", () -> show.station("kla") != null
                    && show.station("kla").station().getCalls().stream().anyMatch(c -> "user/3009".equals(c.getTo()) && "answered".equals(c.getState())));
            String host = show.station("kla").station().getCalls().stream().filter(c -> "user/3009".equals(c.getTo())).findFirst().orElseThrow().getId();
            show.await("the host's menu is listening", () -> "play_and_get_digits".equals(show.sim().call(host).application()));
            CliRun r = call("""
                    1
                    w on-air
                    h
                    """, "call", "kla", "--as-host", "--control", show.host().controlEndpoint());
            List<String> out = r.out().lines().toList();
            assertEquals(0, r.exit(), r.out() + r.err());
            assertEquals("phone: the host, on kla's call to user/3009", out.stream().filter(l -> l.startsWith("phone:")).findFirst().orElse(""), r.out());
            int pressed = out.indexOf("phone: press 1");
            assertTrue(pressed >= 0 && out.subList(pressed, out.size()).contains("kla: state: opening → on-air"), r.out());
            assertTrue(out.indexOf("phone: hang up") < out.indexOf("phone: call ended"), r.out());
            show.awaitState("kla", "off-air");
        }
    }

    @Test
    void aFeedBoundOnEveryAddressIsReachedWhereTheControlSocketIs() {
        assertEquals("tcp://radio.example.org:5571", CallCli.reachable("tcp://0.0.0.0:5571", "tcp://radio.example.org:5570"));
        assertEquals("tcp://127.0.0.1:5571", CallCli.reachable("tcp://127.0.0.1:5571", "tcp://radio.example.org:5570"));
    }
}
