package org.stationd.testing;

import java.util.function.Supplier;
import org.stationd.esl.sim.SimCall;
import org.stationd.esl.sim.SimSwitch;

/** {@link Phones} on the embedded simulated switch: its Java control API. */
final class SimPhones implements Phones {
    private final Supplier<SimSwitch> sim;

    SimPhones(Supplier<SimSwitch> sim) {
        this.sim = sim;
    }

    @Override
    public String placeCall(String from, String to) {
        return sim.get().placeCall(from, to);
    }

    @Override
    public boolean answered(String callerLeg) {
        SimCall c = sim.get().call(callerLeg);
        return c == null || "answered".equalsIgnoreCase(c.answerState());
    }

    @Override
    public void pressDigits(String callerLeg, String digits) {
        sim.get().pressDigits(callerLeg, digits);
    }

    @Override
    public void hangup(String callerLeg, String cause) {
        sim.get().hangup(callerLeg, cause);
    }

    /** The simulator has no sound: its recordings are silence of the recorded length, so speaking changes nothing. */
    @Override
    public void speak(String callerLeg, java.time.Duration length) {
        // nothing to do: see above
    }

    /** The simulator plays the far end of a station's call on the station's own leg. */
    @Override
    public String answeredFarEnd(String stationLeg) {
        SimCall c = sim.get().call(stationLeg);
        return c != null && "answered".equalsIgnoreCase(c.answerState()) ? stationLeg : null;
    }

    @Override
    public void close() {
        // the switch belongs to the show
    }
}
