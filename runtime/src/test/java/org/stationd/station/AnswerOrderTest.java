package org.stationd.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stationd.api.EventKind;
import org.stationd.api.ProgramContext;
import org.stationd.api.ProgramDefinition;
import org.stationd.api.StateDefinition;
import org.stationd.config.StationConfig;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.ScriptedEslServer;
import org.stationd.esl.client.ScriptedPeer;
import org.stationd.switchlink.EslSwitchLink;

/**
 * The switch's answers to a station's commands and the events around them reach the program in
 * the order they came off the socket: a scripted Event Socket writes an event, the answer, and
 * another event back to back (cut at random points, often in one write), round after round, and
 * the program must hear them in exactly that order every time, over the real client and router.
 */
class AnswerOrderTest {
    private static final int ROUNDS = 300;
    private static final String CALL = "0a0a0a0a-0000-4000-8000-000000000001";
    private static final String LINE = "+256414000001";
    private static final Pattern JOB_UUID = Pattern.compile("(?m)^Job-UUID: (\\S+)$");

    /** What the switch sends for the command a round's "5" made the program send: an event, the answer, an event. */
    @FunctionalInterface
    private interface Answer {
        String frames(String command);
    }

    /** A conference play refused ({@code api} reply): the program hears the refusal between the keys 1 and 2. */
    @Test
    void aReplyReachesTheProgramBetweenTheEventsAroundIt() throws Exception {
        List<String> heard = run(ctx -> ctx.getStation().conference("room").play("jingle.wav"), "refused", command -> {
            if (!command.startsWith("api conference ")) throw new AssertionError("expected the conference play, got " + command);
            return event("DTMF", "DTMF-Digit: 1") + ScriptedPeer.apiResponse("-ERR no such file\n") + event("DTMF", "DTMF-Digit: 2");
        });
        assertEquals(expected("refused"), heard);
    }

    /** An originate the switch refuses in its BACKGROUND_JOB: the program hears the failure between the keys 1 and 2. */
    @Test
    void aJobResultReachesTheProgramBetweenTheEventsAroundIt() throws Exception {
        List<String> heard = run(ctx -> ctx.getStation().originate("loopback/busy/stations"), "failed", command -> {
            Matcher job = JOB_UUID.matcher(command);
            if (!command.startsWith("bgapi originate ") || !job.find()) throw new AssertionError("expected the originate, got " + command);
            return ScriptedPeer.commandReply("+OK Job-UUID: " + job.group(1), "Job-UUID: " + job.group(1))
                    + event("DTMF", "DTMF-Digit: 1") + backgroundJob(job.group(1), "-ERR USER_BUSY\n") + event("DTMF", "DTMF-Digit: 2");
        });
        assertEquals(expected("failed"), heard);
    }

    private static List<String> expected(String answer) {
        List<String> out = new ArrayList<>(List.of("call"));
        for (int i = 0; i < ROUNDS; i++) {
            out.addAll(List.of("5", "1", answer, "2"));
        }
        return out;
    }

    /** Runs the rounds; what the program heard, in order. */
    private static List<String> run(java.util.function.Consumer<ProgramContext> ask, String answer, Answer switchSends) throws Exception {
        CountDownLatch onAir = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch allRounds = new CountDownLatch(ROUNDS);
        try (ScriptedEslServer fs = ScriptedEslServer.start(13, (peer, n) -> {
            peer.login("ClueCon");
            onAir.await(30, TimeUnit.SECONDS);
            peer.send(event("CHANNEL_PARK", "Call-Direction: inbound", "Caller-Destination-Number: " + LINE.replace("+", "%2B"),
                    "Caller-Caller-ID-Number: 256700000001"));
            for (int i = 0; i < ROUNDS; i++) {
                peer.send(event("DTMF", "DTMF-Digit: 5"));   // the program asks the switch for something
                String command = peer.readCommand();
                while (command != null && command.startsWith("event plain BACKGROUND_JOB")) {   // the client asks for job results first
                    peer.send(ScriptedPeer.commandReply("+OK event listener enabled plain"));
                    command = peer.readCommand();
                }
                if (command == null) throw new AssertionError("round " + i + ": the connection closed");
                peer.send(switchSends.frames(command));
            }
            done.await(30, TimeUnit.SECONDS);
        });
             EslClient client = EslClient.connect(fs.options("ClueCon"));
             StationPool pool = new StationPool(2);
             RealScheduler scheduler = new RealScheduler()) {
            Router router = new Router();
            client.intake(router);
            StationContext station = new StationContext(config(), StationServices.builder(new EslSwitchLink(client), scheduler, pool)
                    .files(Path.of("/media"), Path.of("/rec")).ttsVoice(null).owners(router).build());
            router.add(station);
            station.submit(() -> station.load(program(ctx -> new ProgramDefinition("order").add(new StateDefinition("on")
                    .on(EventKind.INCOMING_CALL, e -> heard.add("call"))
                    .on(EventKind.DTMF, e -> {
                        heard.add(e.getDigit());
                        if ("5".equals(e.getDigit())) ask.accept(ctx);
                        if ("2".equals(e.getDigit())) allRounds.countDown();
                    })
                    .on(EventKind.CONFERENCE_PLAYBACK_DONE, e -> heard.add(answer))
                    .on(EventKind.FAILED, e -> heard.add(answer))))));
            station.awaitIdle(Duration.ofSeconds(10));
            onAir.countDown();
            assertTrue(allRounds.await(60, TimeUnit.SECONDS), "the program heard " + heard.size() + " inputs, the last "
                    + heard.subList(Math.max(0, heard.size() - 12), heard.size()));
            station.awaitIdle(Duration.ofSeconds(10));
            done.countDown();
            return List.copyOf(heard);
        }
    }

    private static StationConfig config() {
        return new StationConfig("order", "Radio Order", ZoneId.of("Africa/Kampala"), List.of(), Map.of("call-in", List.of(LINE)), null,
                Map.of(), "p", Map.of(), List.of(), List.of());
    }

    private static ProgramFactory program(java.util.function.Function<ProgramContext, ProgramDefinition> build) {
        return new ProgramFactory() {
            @Override public String name() { return "order"; }
            @Override public String version() { return "v1"; }
            @Override public Instance create(ProgramContext ctx) {
                ProgramDefinition d = build.apply(ctx);
                return () -> d;
            }
        };
    }

    /** A plain event about the test's call, as FreeSWITCH frames it. */
    private static String event(String name, String... headers) {
        StringBuilder e = new StringBuilder("Event-Name: ").append(name).append("\nUnique-ID: ").append(CALL).append('\n');
        for (String h : headers) e.append(h).append('\n');
        return frame(e.append('\n').toString());
    }

    /** A BACKGROUND_JOB with its result as the body, as FreeSWITCH frames it. */
    private static String backgroundJob(String job, String body) {
        return frame("Event-Name: BACKGROUND_JOB\nJob-UUID: " + job + "\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\n\n" + body);
    }

    private static String frame(String event) {
        return "Content-Length: " + event.getBytes(StandardCharsets.UTF_8).length + "\nContent-Type: text/event-plain\n\n" + event;
    }
}
