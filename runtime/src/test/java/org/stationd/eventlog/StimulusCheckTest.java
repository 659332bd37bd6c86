package org.stationd.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pass criterion of a stimulus replay beyond "no program errors" (docs/eventlog.md, Stimulus). */
class StimulusCheckTest {
    static final String RECORDED = "3a8a6148-d53d-4d1a-a5b0-0893f1733f96";
    static final String REPLAYED = "bb1ad573-19b8-4cd8-a8fb-0e6f684df992";

    /** A playlist on a real switch: its transmitter (loopback/tx1/stations) answered 44 ms after the originate, then it played. */
    static final List<Map<String, Object>> SHOW = List.of(
            Map.of("t", "2026-12-03T22:20:13.034Z", "st", "kla", "dir", "out", "k", "bgapi", "pv", "playlist@3f9a", "state", "dialling",
                    "cmd", originate(RECORDED)),
            Map.of("t", "2026-12-03T22:20:13.078Z", "st", "kla", "dir", "in", "k", "esl", "pv", "playlist@3f9a", "state", "dialling",
                    "name", "CHANNEL_ANSWER", "headers", Map.of("Event-Name", "CHANNEL_ANSWER", "Unique-ID", RECORDED)),
            Map.of("t", "2026-12-03T22:20:13.172Z", "st", "kla", "dir", "out", "k", "api", "pv", "playlist@3f9a", "state", "playing",
                    "cmd", "conference kla-studio play /media/jingle.wav"));

    static String originate(String uuid) {
        return "originate {origination_uuid=" + uuid + ",station_id=kla,originate_timeout=30}loopback/tx1/stations &park()";
    }

    @Test
    void aCallAnsweredInTheRecordingThatFailsInTheReplayFailsIt() {
        OriginateMatcher originates = new OriginateMatcher(SHOW);
        StimulusCheck check = new StimulusCheck(SHOW);
        check.in("playlist@3f9a", "dialling");
        Map<String, String> pairs = new HashMap<>();
        originates.placed("bgapi " + originate(REPLAYED), pairs);
        assertEquals(REPLAYED, pairs.get(RECORDED));
        check.callFailed(REPLAYED, "NO_ROUTE_DESTINATION", originates);
        check.in("playlist@3f9a", "off-air");
        assertEquals("the call to loopback/tx1/stations was answered in the recording (0.04 s after 2026-12-03T22:20:13.034Z)"
                + " but failed in the replay: NO_ROUTE_DESTINATION", check.failure());
    }

    @Test
    void aCallThatNoRecordedCallStandsForMayFail() {
        OriginateMatcher originates = new OriginateMatcher(SHOW);
        StimulusCheck check = new StimulusCheck(SHOW);
        originates.placed("bgapi originate {origination_uuid=" + REPLAYED + "}user/3009 &park()", new HashMap<>());
        check.callFailed(REPLAYED, "USER_BUSY", originates);
        check.in("playlist@3f9a", "dialling");
        check.in("playlist@3f9a", "playing");
        assertNull(check.failure());
    }

    @Test
    void theRecordedProgramMustReachEveryRecordedState() {
        StimulusCheck check = new StimulusCheck(SHOW);
        check.in("playlist@3f9a", "dialling");
        check.in(null, "off-air");
        assertEquals("the show never reached state 'playing', as it did at 2026-12-03T22:20:13.172Z in the recording", check.failure());
        check.in(null, "playing");
        assertNull(check.failure());
    }

    @Test
    void aChangedProgramMustReachOneOfTheRecordedStatesAfterItsFirst() {
        StimulusCheck check = new StimulusCheck(SHOW);
        check.in("playlist@77aa", "dialling");
        check.in(null, "off-air");
        assertEquals("the show never reached any state it reached after 'dialling' in the recording (playing)", check.failure());

        StimulusCheck renamed = new StimulusCheck(SHOW);
        renamed.in("playlist@77aa", "calling");
        renamed.in(null, "playing");
        assertNull(renamed.failure());
    }
}
