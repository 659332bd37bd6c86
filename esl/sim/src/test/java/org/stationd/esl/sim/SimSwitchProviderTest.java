package org.stationd.esl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stationd.esl.embedded.EmbeddedSwitch;
import org.stationd.esl.embedded.FarEnd;
import org.stationd.esl.embedded.SteppedClock;
import org.stationd.esl.embedded.SwitchProvider;
import org.stationd.esl.embedded.SwitchSpec;
import org.stationd.esl.sim.channel.HangupCause;
import org.stationd.esl.sim.dialplan.PhoneBehaviour;
import org.stationd.esl.sim.dialplan.PhoneRouting;

/** {@code switch: sim} as the host finds it: by name, through the client's interface only. */
class SimSwitchProviderTest {
    private static final Instant START = Instant.parse("2026-11-22T08:00:00Z");

    @Test
    void theSimulatorIsTheProviderNamedSim() {
        assertInstanceOf(SimSwitchProvider.class, SwitchProvider.named("sim"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SwitchProvider.named("nope"));
        assertTrue(e.getMessage().contains("stationd-esl-nope"), e.getMessage());
    }

    @Test
    void parkedNumbersParkWhateverTheDialplanSays() {
        SwitchProvider sims = SwitchProvider.named("sim");
        SteppedClock parkedClock = sims.virtualClock(START);
        SteppedClock plainClock = sims.virtualClock(START);
        try (EmbeddedSwitch parked = sims.start(SwitchSpec.defaults().withClock(parkedClock).withParked(Set.of("echo")));
             EmbeddedSwitch plain = sims.start(SwitchSpec.defaults().withClock(plainClock))) {
            String a = parked.placeCall("256700000001", "echo", "11111111-1111-4111-8111-111111111111");
            String b = plain.placeCall("256700000001", "echo", "22222222-2222-4222-8222-222222222222");
            parkedClock.drain();
            plainClock.drain();
            assertTrue(parked.hasCall(a));
            assertFalse(parked.hasCall(b));
            assertEquals("park", ((SimSwitch) parked).call(a).application());
            assertNotEquals("park", ((SimSwitch) plain).call(b).application(), "the built-in dialplan echoes 'echo'");
        }
    }

    @Test
    void farEndsPlayAsTheSwitchScriptsThem() {
        assertEquals(PhoneBehaviour.answerAfter(700), PhoneRouting.behaviour(FarEnd.answersAfter(700)));
        assertEquals(new PhoneBehaviour(-1, HangupCause.USER_BUSY, -1, 300), PhoneRouting.behaviour(FarEnd.refuses("USER_BUSY", 300)));
        // it rang out, or refused with a cause this switch does not know: the originate times out again
        assertEquals(PhoneBehaviour.noAnswer(), PhoneRouting.behaviour(FarEnd.refuses("NO_ANSWER", 30_000)));
        assertEquals(PhoneBehaviour.noAnswer(), PhoneRouting.behaviour(FarEnd.refuses("NOT_A_CAUSE", 10)));
        assertEquals(PhoneBehaviour.noAnswer(), PhoneRouting.behaviour(FarEnd.ringsOn()));
    }

    @Test
    void aBadDialplanIsRefusedBeforeTheSwitchStarts() {
        assertThrows(RuntimeException.class, () -> SwitchProvider.named("sim").readDialplan("contexts: [not, a, map]\n", Path.of(".")));
    }
}
