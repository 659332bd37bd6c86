package org.stationd.station;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.call.CallLeg;

/**
 * Keeps the transmitter phone connected: dials the configured numbers in fallback order (SIP,
 * then the SIMs), moves to the next when one fails, and redials from the top when an answered
 * transmitter call drops. The program hears {@code answered} for each connection and
 * {@code failed} only when every number failed; an unplanned drop arrives as {@code hangup}.
 * A dial that fails because the switch is away (shutting down, unreachable, not answering
 * commands) is not the transmitter's fault: it is retried with backoff, and at once when the
 * switch is back, and the program hears nothing until it answers. A call the switch itself refused
 * to create (over its sessions per second FreeSWITCH answers the originate
 * {@code -ERR DESTINATION_OUT_OF_ORDER}) says nothing about the number: it is tried again.
 */
final class TransmitterDialer {
    static final Duration REDIAL_DELAY = Duration.ofSeconds(2);
    static final int MAX_REDIALS = 5;
    /** Longest pause between dials while the switch is away (it comes back in seconds to a minute). */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    static final Duration REFUSED_RETRY_DELAY = Duration.ofSeconds(1);
    static final int MAX_REFUSED_RETRIES = 10;
    /** The cause of an originate FreeSWITCH refused before any call existed ("Throttle Error!" in its log). */
    static final String SWITCH_REFUSED = "DESTINATION_OUT_OF_ORDER";

    private final StationContext station;
    private final List<String> dialStrings;
    private int attempt;
    private int redials;
    private int refusals;
    private boolean active;
    private CallLeg current;
    /** A dial failed because the switch is away: the next is scheduled, or placed when it is back. */
    private boolean waiting;
    private int waits;
    private long waitGeneration;
    /** The transmitter dropped with SYSTEM_SHUTDOWN: the switch is going, whether or not the host has heard its SHUTDOWN yet. */
    private boolean shutDown;

    TransmitterDialer(StationContext station, List<String> dialStrings) {
        this.station = station;
        this.dialStrings = dialStrings;
    }

    CallLeg dial() {
        if (dialStrings.isEmpty()) {
            throw new IllegalStateException("station " + station.id() + " has no transmitter in stations.yaml");
        }
        if (current != null && !current.isEnded()) {
            return current;   // already up or ringing: one transmitter call at a time
        }
        active = true;
        if (current != null && (station.switchAway() || shutDown)) {
            // an originate while FreeSWITCH shuts down holds its exit up (~10 s per loopback reference): dial once it is back
            station.log("warn", "the switch is away: the transmitter is dialled again as soon as it is back");
            waitForSwitch(current, MAX_WAIT);
            return current;   // the call that dropped, until the new one is placed
        }
        retry();
        return current;
    }

    CallLeg current() {
        return current != null && current.isAnswered() && !current.isEnded() ? current : null;
    }

    /** Stops redialling: the program is being unloaded or hung up the transmitter itself. */
    void stop() {
        active = false;
    }

    /** The program is done with its transmitter: stop redialling and end the call, answered or still ringing. */
    void hangUp() {
        active = false;
        waiting = false;
        if (current != null && !current.isEnded() && !current.hangupRequested()) {
            current.hangup();
        }
    }

    /** Forgets the transmitter call: the next program dials its own. */
    void reset() {
        active = false;
        current = null;
        redials = 0;
        waiting = false;
        waits = 0;
        shutDown = false;
    }

    /** The switch is back: a transmitter that was waiting for it is dialled now. */
    void switchBack() {
        shutDown = false;
        if (active && waiting) {
            retry();
        }
    }

    private void retry() {
        waiting = false;
        waitGeneration++;
        attempt = 0;
        refusals = 0;
        place();
    }

    private CallLeg place() {
        String dial = dialStrings.get(attempt);
        current = station.originateLeg(dial, Map.of(), "transmitter");
        station.log("info", "dialling transmitter " + (attempt + 1) + "/" + dialStrings.size() + ": " + dial);
        return current;
    }

    /** Decides what the program hears of its transmitter's events; false swallows the event. */
    boolean deliver(Event e) {
        if (!(e.getCall() instanceof CallLeg leg) || !"transmitter".equals(leg.role()) || leg != current) {
            return true;
        }
        if (e.getKind() == EventKind.ANSWERED) {
            redials = 0;
            refusals = 0;
            waits = 0;
            shutDown = false;
            return true;
        }
        if (e.getKind() == EventKind.FAILED && active && switchTrouble(e.getCause())) {
            long delay = Math.min(MAX_WAIT.toMillis(), REDIAL_DELAY.toMillis() << Math.min(waits++, 4));
            station.log("warn", "transmitter dial failed (" + e.getCause() + ") while the switch is away; dialling again in "
                    + delay / 1000 + " s, or as soon as it is back");
            waitForSwitch(leg, Duration.ofMillis(delay));
            return false;
        }
        if (e.getKind() == EventKind.FAILED) {
            if (active && SWITCH_REFUSED.equals(e.getCause()) && refusals++ < MAX_REFUSED_RETRIES) {
                station.log("warn", "the switch refused the transmitter call " + dialStrings.get(attempt) + " (" + e.getCause() + "), trying it again");
                station.scheduleOnThread(REFUSED_RETRY_DELAY, () -> {
                    if (active && current == leg) {   // the program may have dialled again itself meanwhile
                        place();
                    }
                });
                return false;
            }
            if (active && attempt + 1 < dialStrings.size()) {
                station.log("warn", "transmitter " + dialStrings.get(attempt) + " failed (" + e.getCause() + "), trying the next");
                attempt++;
                place();
                return false;
            }
            station.log("error", "transmitter unreachable after all " + dialStrings.size() + " numbers (" + e.getCause() + ")");
            station.transmitterUnreachable(e.getCause());
            return true;
        }
        if (e.getKind() == EventKind.HANGUP && "SYSTEM_SHUTDOWN".equals(e.getCause())) {
            shutDown = true;
        }
        if (e.getKind() == EventKind.HANGUP && active && !leg.hangupRequested() && switchTrouble(e.getCause())) {
            // dialling a switch that is shutting down only delays its exit: wait until it is back (or, should it stay, a while)
            station.log("warn", "transmitter dropped (" + e.getCause() + "); dialling again as soon as the switch is back");
            waitForSwitch(leg, MAX_WAIT);
            return true;
        }
        if (e.getKind() == EventKind.HANGUP && active && !leg.hangupRequested()) {
            if (redials++ < MAX_REDIALS) {
                station.log("warn", "transmitter dropped (" + e.getCause() + "), redialling");
                station.scheduleOnThread(REDIAL_DELAY, () -> {
                    if (active && current == leg) {   // the program may have dialled again itself meanwhile
                        attempt = 0;
                        place();
                    }
                });
            }
            return true;
        }
        if (e.getKind() == EventKind.HANGUP && leg.hangupRequested()) {
            active = false;
        }
        return true;
    }

    /** The next dial waits for the switch to come back, or for {@code atMost}. */
    private void waitForSwitch(CallLeg leg, Duration atMost) {
        waiting = true;
        long generation = ++waitGeneration;
        station.scheduleOnThread(atMost, () -> {
            if (active && waiting && generation == waitGeneration && current == leg) {
                retry();
            }
        });
    }

    /** The switch, not the transmitter: it is away, shutting down, or did not answer the originate at all. */
    private boolean switchTrouble(String cause) {
        return station.switchAway() || cause != null && (cause.startsWith("SWITCH_ERROR") || cause.equals("SYSTEM_SHUTDOWN"));
    }
}
