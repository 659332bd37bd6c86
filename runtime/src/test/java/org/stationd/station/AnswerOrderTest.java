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
import org.junit.jupiter.api.Test;
import org.stationd.api.EventKind;
import org.stationd.api.ProgramDefinition;
import org.stationd.api.StateDefinition;
import org.stationd.config.StationConfig;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.ScriptedEslServer;
import org.stationd.esl.client.ScriptedPeer;
import org.stationd.switchlink.EslSwitchLink;

/**
 * The switch's answer to a station's command and the events around it reach the program in the
 * order they came off the socket: a scripted Event Socket writes an event, the reply, and another
 * event back to back (cut at random points, often in one write), round after round, and the
 * program must see them in exactly that order every time.
 */
class AnswerOrderTest {
    private static final int ROUNDS = 300;
    private static final String CALL = "0a0a0a0a-0000-4000-8000-000000000001";
    private static final String LINE = "+256414000001";

    @Test
    void aReplyReachesTheProgramBetweenTheEventsAroundIt() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch onAir = new CountDownLatch(1);
        try (ScriptedEslServer fs = ScriptedEslServer.start(13, (peer, n) -> {
            peer.login("ClueCon");
            onAir.await(30, TimeUnit.SECONDS);
            peer.send(event("CHANNEL_PARK", "Call-Direction: inbound", "Caller-Destination-Number: " + LINE.replace("+", "%2B"),
                    "Caller-Caller-ID-Number: 256700000001"));
            for (int i = 0; i < ROUNDS; i++) {
                peer.send(event("DTMF", "DTMF-Digit: 5"));   // the program asks the switch to play into its conference
                String command = peer.readCommand();
                if (command == null || !command.startsWith("api conference ")) {
                    throw new AssertionError("round " + i + ": expected the conference play, got " + command);
                }
                // the event before, the refusal, the event after: the program must hear them in this order
                peer.send(event("DTMF", "DTMF-Digit: 1") + ScriptedPeer.apiResponse("-ERR no such file\n") + event("DTMF", "DTMF-Digit: 2"));
            }
            done.await(30, TimeUnit.SECONDS);
        });
             EslClient client = EslClient.connect(fs.options("ClueCon"))) {
            Router router = new Router();
            client.intake(router);
            List<String> heard = new CopyOnWriteArrayList<>();
            CountDownLatch allRounds = new CountDownLatch(ROUNDS);
            StationPool pool = new StationPool(2);
            RealScheduler scheduler = new RealScheduler();
            StationContext station = new StationContext(config(), new StationServices(new EslSwitchLink(client), scheduler, pool, new InMemoryBus(),
                    StationListener.NONE, Path.of("/media"), Path.of("/rec"), null, Duration.ofMillis(200), k -> new MemoryStore(), k -> null, k -> null,
                    new MemoryLeases(java.time.Instant::now), router, StationTap.NONE, StationServices.randomIds()));
            router.add(station);
            station.submit(() -> station.load(program(ctx -> new ProgramDefinition("order").add(new StateDefinition("on")
                    .on(EventKind.INCOMING_CALL, e -> heard.add("call"))
                    .on(EventKind.DTMF, e -> {
                        heard.add(e.getDigit());
                        if ("5".equals(e.getDigit())) ctx.getStation().conference("room").play("jingle.wav");
                        if ("2".equals(e.getDigit())) allRounds.countDown();
                    })
                    .on(EventKind.CONFERENCE_PLAYBACK_DONE, e -> heard.add("refused"))))));
            station.awaitIdle(Duration.ofSeconds(10));
            onAir.countDown();
            assertTrue(allRounds.await(60, TimeUnit.SECONDS), "the program heard " + heard.size() + " inputs: " + tail(heard));
            done.countDown();
            List<String> expected = new ArrayList<>(List.of("call"));
            for (int i = 0; i < ROUNDS; i++) {
                expected.addAll(List.of("5", "1", "refused", "2"));
            }
            assertEquals(expected, heard);
            pool.close();
            scheduler.close();
        }
    }

    private static String tail(List<String> heard) {
        return String.valueOf(heard.subList(Math.max(0, heard.size() - 12), heard.size()));
    }

    private static StationConfig config() {
        return new StationConfig("order", "Radio Order", ZoneId.of("Africa/Kampala"), List.of(), Map.of("call-in", List.of(LINE)), null,
                Map.of(), "p", Map.of(), List.of(), List.of());
    }

    private static ProgramFactory program(java.util.function.Function<org.stationd.api.ProgramContext, ProgramDefinition> build) {
        return new ProgramFactory() {
            @Override public String name() { return "order"; }
            @Override public String version() { return "v1"; }
            @Override public Instance create(org.stationd.api.ProgramContext ctx) {
                ProgramDefinition d = build.apply(ctx);
                return () -> d;
            }
        };
    }

    /** A plain event about the test's call, as FreeSWITCH frames it. */
    private static String event(String name, String... headers) {
        StringBuilder e = new StringBuilder("Event-Name: ").append(name).append("\nUnique-ID: ").append(CALL).append('\n');
        for (String h : headers) e.append(h).append('\n');
        e.append('\n');
        return "Content-Length: " + e.toString().getBytes(StandardCharsets.UTF_8).length + "\nContent-Type: text/event-plain\n\n" + e;
    }
}
