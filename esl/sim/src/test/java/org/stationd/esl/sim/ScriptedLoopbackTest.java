package org.stationd.esl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.sim.support.SimHarness.named;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.stationd.esl.session.ApiResponse;
import org.stationd.esl.sim.dialplan.PhoneBehaviour;
import org.stationd.esl.sim.support.SimHarness;

/**
 * A replay scripts what the far end of a loopback call does on each call ({@code loopback/studio-b/stations}
 * is routed nowhere by the dialplan here): the B leg refuses, then answers after so long, instead of
 * running the dialplan; after the script, the dialplan routes again.
 */
class ScriptedLoopbackTest {
    @Test
    void theBLegActsAsScriptedThenAsTheDialplanSays() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            h.sim.script("loopback/studio-b/stations", List.of(PhoneBehaviour.busy(), PhoneBehaviour.answerAfter(300)));

            assertEquals("-ERR USER_BUSY", originate(h, "11111111-1111-1111-1111-111111111111").strip());

            String second = "22222222-2222-2222-2222-222222222222";
            CompletableFuture<ApiResponse> answered = h.client.bgapi("originate {origination_uuid=" + second + "}loopback/studio-b/stations &park()").result();
            h.await(named("CHANNEL_ORIGINATE", second));
            h.advance(Duration.ofMillis(200));
            assertTrue(h.events(named("CHANNEL_ANSWER", second)).isEmpty(), "it rings 300 ms first");
            h.advance(Duration.ofMillis(200));
            h.await(named("CHANNEL_ANSWER", second));
            assertEquals("+OK " + second, answered.get(10, java.util.concurrent.TimeUnit.SECONDS).text().strip());

            assertEquals("-ERR NO_ROUTE_DESTINATION", originate(h, "33333333-3333-3333-3333-333333333333").strip(), "then the dialplan: no studio-b here");
        }
    }

    private static String originate(SimHarness h, String uuid) throws Exception {
        CompletableFuture<ApiResponse> r = h.client.bgapi("originate {origination_uuid=" + uuid + "}loopback/studio-b/stations &park()").result();
        h.await(named("CHANNEL_ORIGINATE", uuid));   // the switch has it: now its time may pass
        h.advance(Duration.ofMillis(100));
        return r.get(10, java.util.concurrent.TimeUnit.SECONDS).text();
    }
}
