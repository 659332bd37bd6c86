package org.stationd.esl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.sim.support.SimHarness.named;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.sim.support.SimHarness;

/** Two calls bridged, then one side hangs up: the other follows, over the real client. */
class BridgeScenarioTest {

    @Test
    void uuidBridgeThenOneSideHangsUp() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            String caller = h.sim.placeCall("5551000", "1000");
            String guest = h.sim.placeCall("5552000", "1001");
            h.await(named("CHANNEL_PARK", caller));
            h.await(named("CHANNEL_PARK", guest));
            h.api("uuid_answer " + caller);
            h.api("uuid_answer " + guest);
            assertEquals("+OK " + guest + "\n", h.api("uuid_bridge " + caller + " " + guest));
            EslEvent bridge = h.await(named("CHANNEL_BRIDGE", caller));
            assertEquals(caller, bridge.header("Bridge-A-Unique-ID"));
            assertEquals(guest, bridge.header("Bridge-B-Unique-ID"));
            assertEquals(guest, bridge.header("Other-Leg-Unique-ID"));
            h.await(named("CHANNEL_UNPARK", caller));
            assertEquals(guest, h.sim.call(caller).otherLeg());

            h.sim.hangup(guest, "NORMAL_CLEARING");
            h.advance(Duration.ofMillis(100));
            h.await(named("CHANNEL_UNBRIDGE", caller));
            EslEvent callerGone = h.await(named("CHANNEL_HANGUP_COMPLETE", caller));
            assertEquals("NORMAL_CLEARING", callerGone.header("Hangup-Cause"));
            h.await(named("CHANNEL_DESTROY", caller));
            h.await(named("CHANNEL_DESTROY", guest));
            assertTrue(h.sim.calls().isEmpty());
            assertEquals("-ERR Invalid uuid\n", h.api("uuid_bridge " + caller + " " + guest));
        }
    }

    @Test
    void bridgeApplicationCallsAPhone() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            String caller = h.sim.placeCall("5551000", "1000");
            h.await(named("CHANNEL_PARK", caller));
            // user/1000 answers after a second (sim.yaml)
            h.client.sendmsg(caller, SendMsg.execute("bridge", "user/1000").eventUuid("br")).join();
            h.advance(Duration.ofMillis(40));
            EslEvent out = h.await(e -> e.is("CHANNEL_OUTGOING") && e.header("Channel-Name").startsWith("sofia/internal/1000@"));
            String phone = out.uniqueId();
            h.advance(Duration.ofMillis(1100));
            h.await(named("CHANNEL_ANSWER", phone));
            h.await(named("CHANNEL_ANSWER", caller));
            h.await(named("CHANNEL_BRIDGE", caller));
            assertEquals("SUCCESS", h.api("uuid_getvar " + caller + " originate_disposition"));

            h.sim.hangup(phone, "NORMAL_CLEARING");
            h.advance(Duration.ofMillis(100));
            h.await(named("CHANNEL_UNBRIDGE", caller));
            EslEvent done = h.await(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && "br".equals(e.header("Application-UUID")));
            assertEquals("bridge", done.header("Application"));
            h.await(named("CHANNEL_DESTROY", phone));
            assertTrue(h.sim.call(caller) != null, "the caller goes back to its park");
        }
    }

    @Test
    void bridgeToABusyPhoneSetsTheDisposition() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            String caller = h.sim.placeCall("5551000", "1000");
            h.await(named("CHANNEL_PARK", caller));
            h.client.sendmsg(caller, SendMsg.execute("bridge", "user/1003").eventUuid("busy")).join();
            h.advance(Duration.ofMillis(200));
            h.await(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && "busy".equals(e.header("Application-UUID")));
            assertEquals("USER_BUSY", h.api("uuid_getvar " + caller + " originate_disposition"));
            assertEquals("BUSY", h.api("uuid_getvar " + caller + " DIALSTATUS"));
        }
    }
}
