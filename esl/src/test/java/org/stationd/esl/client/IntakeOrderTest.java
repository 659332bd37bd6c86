package org.stationd.esl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stationd.esl.client.CaptureReplayTest.get;
import static org.stationd.esl.client.ScriptedPeer.apiResponse;
import static org.stationd.esl.client.ScriptedPeer.commandReply;
import static org.stationd.esl.client.ScriptedPeer.plainEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.stationd.esl.dispatch.EventListener;
import org.stationd.esl.event.EslEvent;

/**
 * One inbound path: the intake sees every event on the event loop, and an answer whose sender
 * named its origin is handed there at its place among them, in the order the bytes came, round
 * after round (the peer cuts its writes at random points, often sending all three at once).
 */
class IntakeOrderTest {
    private static final int ROUNDS = 200;
    private static final String CALL = "dddddddd-0000-0000-0000-000000000004";

    @Test
    void answersReachTheirOriginInSocketOrderWithTheIntakesEvents() throws Exception {
        try (ScriptedEslServer fs = ScriptedEslServer.start(29, (peer, n) -> {
            peer.login("ClueCon");
            for (int i = 0; i < ROUNDS; i++) {
                peer.expect("api uuid_getvar " + CALL + " round\n\n");
                peer.send(plainEvent("CHANNEL_STATE", CALL, 2L * i) + apiResponse("+OK " + i + "\n") + plainEvent("CHANNEL_STATE", CALL, 2L * i + 1));
            }
            peer.expect("exit\n\n");
            peer.send(commandReply("+OK bye"));
        });
             EslClient client = EslClient.connect(fs.options("ClueCon"))) {
            List<String> seen = new CopyOnWriteArrayList<>();
            client.intake(new EventListener() {
                @Override public void onEvent(EslEvent e) { seen.add("event " + e.sequence()); }
            });
            // the origin a station would name: its queue; here, a note of where the answer came among the events
            Executor origin = completion -> {
                seen.add("answer");
                completion.run();
            };
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                CompletableFuture<String> answer = client.api("uuid_getvar " + CALL + " round", origin).thenApply(r -> r.body().strip());
                assertEquals("+OK " + i, get(answer));
                expected.addAll(List.of("event " + 2 * i, "answer", "event " + (2 * i + 1)));
            }
            assertEquals("+OK bye", get(client.exit()).replyText());
            CaptureReplayTest.eventually(() -> seen.size() == expected.size());
            assertEquals(expected, seen);
        }
    }
}
