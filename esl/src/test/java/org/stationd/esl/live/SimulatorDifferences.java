package org.stationd.esl.live;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * THE one list of what may differ between the real FreeSWITCH and the simulator in the differential
 * test, each with why. Everything else that {@link LegSequence} keeps must be equal, leg by leg.
 */
final class SimulatorDifferences {
    private SimulatorDifferences() {}

    /** Events left out of the per-leg sequences on both switches. */
    record IgnoredEvent(Predicate<String> event, String why) {}

    static final List<IgnoredEvent> IGNORED_EVENTS = List.of(
            new IgnoredEvent(Set.of("CHANNEL_STATE", "CHANNEL_CALLSTATE", "CODEC", "CALL_UPDATE")::contains,
                    "state bookkeeping fired from several threads in a racy order; CaptureProofTest compares it against the captures"),
            new IgnoredEvent(Set.of("HEARTBEAT", "RE_SCHEDULE")::contains, "fired on the wall clock every 20 s, whatever the calls do"),
            new IgnoredEvent("PRESENCE_IN"::equals, "presence bursts whose order varies run to run; no program reads them"),
            new IgnoredEvent("API"::equals, "one per api command on both switches, tied to no leg; the replies themselves are compared"),
            new IgnoredEvent(n -> n.startsWith("MODULE_") || n.equals("RELOADXML") || n.equals("SHUTDOWN"),
                    "module life of the switch process, not of a call"));

    /** Key headers compared on every kept event. */
    static final List<String> KEY_HEADERS = List.of("Answer-State", "Call-Direction", "Application", "Application-Data",
            "Application-Response", "Hangup-Cause", "DTMF-Digit", "Action");

    static boolean ignored(String eventName) {
        return IGNORED_EVENTS.stream().anyMatch(i -> i.event().test(eventName));
    }
}
