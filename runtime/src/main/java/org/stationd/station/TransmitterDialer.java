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
 * A call the switch itself refused to create (over its sessions per second FreeSWITCH answers the
 * originate {@code -ERR DESTINATION_OUT_OF_ORDER}) says nothing about the number: it is tried again.
 */
final class TransmitterDialer {
    static final Duration REDIAL_DELAY = Duration.ofSeconds(2);
    static final int MAX_REDIALS = 5;
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

    TransmitterDialer(StationContext station, List<String> dialStrings) {
        this.station = station;
        this.dialStrings = dialStrings;
    }

    CallLeg dial() {
        if (dialStrings.isEmpty()) {
            throw new IllegalStateException("station " + station.getId() + " has no transmitter in stations.yaml");
        }
        if (current != null && !current.isEnded()) {
            return current;   // already up or ringing: one transmitter call at a time
        }
        active = true;
        attempt = 0;
        refusals = 0;
        return place();
    }

    CallLeg current() {
        return current != null && current.isAnswered() && !current.isEnded() ? current : null;
    }

    /** Stops redialling: the program is being unloaded or hung up the transmitter itself. */
    void stop() {
        active = false;
    }

    /** Forgets the transmitter call: the next program dials its own. */
    void reset() {
        active = false;
        current = null;
        redials = 0;
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
            return true;
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
}
