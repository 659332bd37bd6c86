package org.stationd.esl.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allowed differences, on sequences the two switches really sent. */
class SimulatorDifferencesTest {
    private static final String COLLECT = "play_and_get_digits";

    private static LegSequence.Line line(String name, String... kv) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) h.put(kv[i], kv[i + 1]);
        return new LegSequence.Line(name, h);
    }

    private static LegSequence.Line answered(String name, String... kv) {
        List<String> all = new ArrayList<>(List.of("Answer-State", "answered"));
        all.addAll(List.of(kv));
        return line(name, all.toArray(String[]::new));
    }

    private static LegSequence.Line hungUp(String name, String... kv) {
        List<String> all = new ArrayList<>(List.of("Answer-State", "hangup", "Hangup-Cause", "NORMAL_CLEARING"));
        all.addAll(List.of(kv));
        return line(name, all.toArray(String[]::new));
    }

    /** The voice board's caller hangs up at its second question (a clean-checkout run, 2026-12-04). */
    @Test
    void aHungUpCollectThatRanThroughItsTriesIsTheSameAsOneThatStoppedAtOnce() {
        List<LegSequence.Line> freeswitch = List.of(
                answered("CHANNEL_EXECUTE", "Application", COLLECT),
                answered("PLAYBACK_START"), answered("PLAYBACK_STOP", "Playback-Status", "done"),
                answered("PLAYBACK_START"), answered("PLAYBACK_STOP", "Playback-Status", "done"),
                answered("PLAYBACK_START"), answered("PLAYBACK_STOP", "Playback-Status", "done"),
                answered("CHANNEL_EXECUTE_COMPLETE", "Application", COLLECT),
                answered("PRIVATE_COMMAND"),
                hungUp("CHANNEL_HANGUP"),
                hungUp("CHANNEL_UNPARK"));
        List<LegSequence.Line> simulator = List.of(
                answered("CHANNEL_EXECUTE", "Application", COLLECT),
                answered("PLAYBACK_START"),
                hungUp("CHANNEL_HANGUP"),
                hungUp("PLAYBACK_STOP", "Playback-Status", "done"),
                hungUp("CHANNEL_EXECUTE_COMPLETE", "Application", COLLECT),
                hungUp("PRIVATE_COMMAND"),
                hungUp("CHANNEL_UNPARK"));
        assertEquals(SimulatorDifferences.canonical(simulator), SimulatorDifferences.canonical(freeswitch));
    }

    /** Tries a caller who stays on the line lets run out are compared one by one. */
    @Test
    void theTriesOfACollectWhoseCallerStaysAreKept() {
        List<LegSequence.Line> oneTry = List.of(
                answered("CHANNEL_EXECUTE", "Application", COLLECT),
                answered("PLAYBACK_START"), answered("PLAYBACK_STOP", "Playback-Status", "done"),
                answered("CHANNEL_EXECUTE_COMPLETE", "Application", COLLECT));
        List<LegSequence.Line> threeTries = List.of(
                answered("CHANNEL_EXECUTE", "Application", COLLECT),
                answered("PLAYBACK_START"), answered("PLAYBACK_STOP", "Playback-Status", "done"),
                answered("PLAYBACK_START"), answered("PLAYBACK_STOP", "Playback-Status", "done"),
                answered("PLAYBACK_START"), answered("PLAYBACK_STOP", "Playback-Status", "done"),
                answered("CHANNEL_EXECUTE_COMPLETE", "Application", COLLECT));
        assertNotEquals(SimulatorDifferences.canonical(oneTry), SimulatorDifferences.canonical(threeTries));
    }

    /** A loopback transmitter hung up by its partner: its playback ended, already in hangup, before its CHANNEL_HANGUP (a clean-checkout run, 2026-12-04). */
    @Test
    void anEndingMarkedHangupBeforeTheLegsHangupIsTheSameAsOneAfterIt() {
        assertEquals(SimulatorDifferences.canonical(simulatorCutSilence()), SimulatorDifferences.canonical(freeswitchCutSilence(true, "PLAYBACK ERROR")));
    }

    /** An A leg whose CHANNEL_CREATE was written after its answer (a clean-checkout run, 2026-12-04) is the same as one written before. */
    @Test
    void anALegCreatedAnsweredIsTheSameAsOneCreatedRinging() {
        List<LegSequence.Line> freeswitch = List.of(
                line("CHANNEL_UUID", "Answer-State", "ringing", "Call-Direction", "outbound"),
                line("CHANNEL_CREATE", "Answer-State", "answered", "Call-Direction", "outbound"),
                line("CHANNEL_ORIGINATE", "Answer-State", "answered", "Call-Direction", "outbound"),
                line("CHANNEL_ANSWER", "Answer-State", "answered", "Call-Direction", "outbound"));
        List<LegSequence.Line> simulator = List.of(
                line("CHANNEL_UUID", "Answer-State", "ringing", "Call-Direction", "outbound"),
                line("CHANNEL_CREATE", "Answer-State", "ringing", "Call-Direction", "outbound"),
                line("CHANNEL_ORIGINATE", "Answer-State", "ringing", "Call-Direction", "outbound"),
                line("CHANNEL_ANSWER", "Answer-State", "answered", "Call-Direction", "outbound"));
        assertEquals(SimulatorDifferences.canonical(simulator), SimulatorDifferences.canonical(freeswitch));
    }

    /** A loopback transmitter's endless playback cut by its partner's hang-up, ended still answered and FILE PLAYED just before the hang-up (a clean-checkout run, 2026-12-04). */
    @Test
    void aCutPlaybackThatSaysFilePlayedIsTheSameAsOneThatSaysPlaybackError() {
        assertEquals(SimulatorDifferences.canonical(simulatorCutSilence()), SimulatorDifferences.canonical(freeswitchCutSilence(false, "FILE PLAYED")));
    }

    private static final String SILENCE = "silence_stream://-1";

    /** A line of a leg in one answer state. */
    private interface LineAt {
        LegSequence.Line of(String name, String... kv);
    }

    /** A loopback transmitter's endless playback cut by its partner's hang-up, as FreeSWITCH wrote it: ended (in hangup, or still answered) before the leg's CHANNEL_HANGUP. */
    private static List<LegSequence.Line> freeswitchCutSilence(boolean endedInHangup, String response) {
        LineAt ending = endedInHangup ? SimulatorDifferencesTest::hungUp : SimulatorDifferencesTest::answered;
        return List.of(
                answered("PLAYBACK_START"),
                ending.of("PLAYBACK_STOP", "Playback-Status", "done"),
                ending.of("CHANNEL_EXECUTE_COMPLETE", "Application", "playback", "Application-Data", SILENCE, "Application-Response", response),
                hungUp("CHANNEL_HANGUP"),
                hungUp("CHANNEL_HANGUP_COMPLETE"));
    }

    /** The same as the simulator writes it: the hang-up first, then the playback's end, PLAYBACK ERROR. */
    private static List<LegSequence.Line> simulatorCutSilence() {
        return List.of(
                answered("PLAYBACK_START"),
                hungUp("CHANNEL_HANGUP"),
                hungUp("PLAYBACK_STOP", "Playback-Status", "done"),
                hungUp("CHANNEL_EXECUTE_COMPLETE", "Application", "playback", "Application-Data", SILENCE, "Application-Response", "PLAYBACK ERROR"),
                hungUp("CHANNEL_HANGUP_COMPLETE"));
    }
}
