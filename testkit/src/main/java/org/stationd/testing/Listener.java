package org.stationd.testing;

import java.time.Duration;

/**
 * A scripted listener: {@code show.listener("+256700000001").calls("7009").presses("1").hangsUpAfter(Duration.ofSeconds(30))}.
 * Each step happens when the previous one has (a call is answered before keys are pressed).
 */
public final class Listener {
    private final Show show;
    private final String number;
    private String call;

    Listener(Show show, String number) {
        this(show, number, null);
    }

    /** Someone the station called (a host, a guest), on that call. */
    Listener(Show show, String number, String call) {
        this.show = show;
        this.number = number;
        this.call = call;
    }

    /** Dials a station's number and waits until the station answers. */
    public Listener calls(String stationNumber) throws InterruptedException {
        call = show.phones().placeCall(number, stationNumber);
        show.await(number + "'s call to " + stationNumber + " is answered", () -> answered(call));
        return this;
    }

    /** Presses keys (after {@code waitMillis} of listening, so prompts can start). */
    public Listener presses(String digits) throws InterruptedException {
        requireCall();
        show.phones().pressDigits(call, digits);
        show.settle();
        return this;
    }

    /** Listens for a while before the next step. */
    public Listener waits(Duration d) throws InterruptedException {
        show.pass(d);
        return this;
    }

    /** Waits for a condition (e.g. the station has asked something) before the next step. */
    public Listener when(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        show.await(what, condition);
        return this;
    }

    /**
     * Talks for {@code d} (a tone on a real switch, so a recording has a voice; silence on the
     * simulator, whose recordings are silent anyway), then the next step.
     */
    public Listener speaks(Duration d) throws InterruptedException {
        requireCall();
        show.phones().speak(call, d);
        show.pass(d);
        return this;
    }

    public Listener hangsUp() {
        requireCall();
        show.phones().hangup(call, "NORMAL_CLEARING");
        show.settle();
        return this;
    }

    public Listener hangsUpAfter(Duration d) throws InterruptedException {
        show.pass(d);
        return hangsUp();
    }

    /** Texts the station. */
    public Listener texts(String stationNumber, String body) {
        show.text(number, stationNumber, body);
        show.settle();
        return this;
    }

    public String callId() {
        return call;
    }

    private boolean answered(String uuid) {
        return show.phones().answered(uuid);   // or gone: the station took it and already ended it
    }

    private void requireCall() {
        if (call == null) {
            throw new IllegalStateException(number + " has not called yet: use calls(number) first");
        }
    }
}
