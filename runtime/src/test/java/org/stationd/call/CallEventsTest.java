package org.stationd.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stationd.api.Event;
import org.stationd.esl.event.EslEvent;

/**
 * What a program hears of a record or a say, from the events FreeSWITCH 1.10.12 sent (seen on the
 * bundled switch: a listener's parked loopback leg, answered, then {@code record}/{@code speak}).
 */
class CallEventsTest {
    private static final String LEG = "a09b6103-538a-4ffc-b422-410f021b412e";
    private final List<String> problems = new ArrayList<>();
    private final CallEvents events = new CallEvents(id -> null, name -> null, (what, why) -> problems.add(what + ": " + why));
    private final CallLeg call = new CallLeg(LEG, "gulu", "inbound", "256700000001", "7009", "ivr", null);

    private static EslEvent esl(String name, String... kv) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Event-Name", name);
        h.put("Unique-ID", LEG);
        for (int i = 0; i < kv.length; i += 2) {
            h.put(kv[i], kv[i + 1]);
        }
        return new EslEvent(EslEvent.Format.PLAIN, h, null);
    }

    private List<String> feed(EslEvent... in) {
        List<String> out = new ArrayList<>();
        for (EslEvent e : in) {
            for (Event ev : events.translate(call, e)) {
                out.add(ev.describe());
            }
        }
        return out;
    }

    private static EslEvent recordComplete(String app, String... more) {
        List<String> kv = new ArrayList<>(List.of("Application", "record", "Application-Data", "/rec/gulu/take.wav 60",
                "Application-Response", "_none_", "Application-UUID", app));
        kv.addAll(List.of(more));
        return esl("CHANNEL_EXECUTE_COMPLETE", kv.toArray(String[]::new));
    }

    @Test
    void aCallsVariablesAreThoseOfTheLatestEventThatCarriedThem() {
        feed(esl("CHANNEL_ANSWER", "variable_station_id", "gulu", "variable_read_result", "timeout"));
        assertEquals(Map.of("station_id", "gulu", "read_result", "timeout"), call.getVariables());
        feed(esl("DTMF", "DTMF-Digit", "5"));   // FreeSWITCH sends no variables with a key press: they stay as they were
        assertEquals(Map.of("station_id", "gulu", "read_result", "timeout"), call.getVariables());
        // each event that carries variables carries all of them: one unset is gone
        feed(esl("CHANNEL_EXECUTE_COMPLETE", "variable_station_id", "gulu", "variable_playback_status", "done"));
        assertEquals(Map.of("station_id", "gulu", "playback_status", "done"), call.getVariables());
    }

    @Test
    void aRecordTheSwitchCouldNotOpenFailsAndSaysWhichStationAndCall() {
        feed(esl("CHANNEL_ANSWER", "Answer-State", "answered"));
        call.expect("rec-1", new CallLeg.PendingOp("record", "/rec/gulu/take.wav", null));
        // FreeSWITCH: "Error Opening File" in its log, no RECORD_START, the call hung up before the record completes
        List<String> heard = feed(esl("CHANNEL_HANGUP", "Hangup-Cause", "DESTINATION_OUT_OF_ORDER", "Answer-State", "hangup"),
                recordComplete("rec-1", "Hangup-Cause", "DESTINATION_OUT_OF_ORDER"));
        assertEquals(List.of("hangup DESTINATION_OUT_OF_ORDER", "recordingDone take.wav failed DESTINATION_OUT_OF_ORDER"), heard);
        assertEquals(List.of("record: station gulu, call " + LEG + ": the switch could not record /rec/gulu/take.wav"
                + " (it could not open the file for writing and hung the call up: DESTINATION_OUT_OF_ORDER)"), problems);
    }

    @Test
    void aRecordThatRanIsDoneWithItsLengthInMilliseconds() {
        feed(esl("CHANNEL_ANSWER", "Answer-State", "answered"));
        call.expect("rec-2", new CallLeg.PendingOp("record", "/rec/gulu/take.wav", null));
        List<String> heard = feed(esl("RECORD_START", "Record-File-Path", "/rec/gulu/take.wav"),
                esl("RECORD_STOP", "Record-File-Path", "/rec/gulu/take.wav", "variable_record_seconds", "2", "variable_record_ms", "2440"));
        assertTrue(heard.isEmpty(), heard.toString());
        List<Event> done = events.translate(call, recordComplete("rec-2", "variable_record_seconds", "2", "variable_record_ms", "2440"));
        assertEquals("recordingDone take.wav done", done.get(0).describe());
        assertEquals(2.44, done.get(0).getSeconds(), 1e-9);
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void aSecondTakeThatCannotOpenFailsThoughTheChannelStillHasTheFirstTakesLength() {
        feed(esl("CHANNEL_ANSWER", "Answer-State", "answered"));
        call.expect("rec-1", new CallLeg.PendingOp("record", "/rec/gulu/take-1.wav", null));
        feed(esl("RECORD_START"), recordComplete("rec-1", "variable_record_ms", "2440"));
        call.expect("rec-2", new CallLeg.PendingOp("record", "/rec/gulu/take-2.wav", null));
        List<String> heard = feed(recordComplete("rec-2", "variable_record_ms", "2440"));
        assertEquals(List.of("recordingDone take-2.wav failed"), heard);
        assertEquals(1, problems.size(), problems.toString());
    }

    @Test
    void aCallerWhoLeftBeforeTheRecordBeganIsNoFaultOfTheSwitch() {
        feed(esl("CHANNEL_ANSWER", "Answer-State", "answered"));
        call.expect("rec-1", new CallLeg.PendingOp("record", "/rec/gulu/take.wav", null));
        List<String> heard = feed(esl("CHANNEL_HANGUP", "Hangup-Cause", "NORMAL_CLEARING"), recordComplete("rec-1", "Hangup-Cause", "NORMAL_CLEARING"));
        assertEquals(List.of("hangup NORMAL_CLEARING", "recordingDone take.wav failed NORMAL_CLEARING"), heard);
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void aSayOnASwitchWithoutItsSpeechEngineFailsThoughFreeSwitchEndsItLikeAGoodOne() {
        feed(esl("CHANNEL_ANSWER", "Answer-State", "answered"));
        call.expect("speak-1", new CallLeg.PendingOp("say", "hello there", null, "this switch has no text-to-speech module (flite); install mod_flite or use recorded prompts"));
        call.expect("speak-2", new CallLeg.PendingOp("say", "hello again", null));
        // what FreeSWITCH sent for speak(flite|kal|hello there) with no mod_flite: nothing says it failed
        List<String> heard = feed(
                esl("CHANNEL_EXECUTE_COMPLETE", "Application", "speak", "Application-Data", "flite|kal|hello there", "Application-Response", "_none_", "Application-UUID", "speak-1"),
                esl("CHANNEL_EXECUTE_COMPLETE", "Application", "speak", "Application-Data", "flite|kal|hello again", "Application-Response", "_none_", "Application-UUID", "speak-2"));
        assertEquals(List.of("playbackDone hello there failed", "playbackDone hello again done"), heard);
        assertEquals(List.of("say: this switch has no text-to-speech module (flite); install mod_flite or use recorded prompts"), problems);
    }

    /**
     * A call the station originated ({@code &park()}) is the program's once parked: FreeSWITCH runs the
     * park after its originate returns, and cuts off what a program started on the leg before (seen
     * on the bundled switch: a transmitter that joined its conference at CHANNEL_ANSWER left it at once).
     */
    @Test
    void anOriginatedCallIsAnsweredForTheProgramWhenItIsParked() {
        CallLeg placed = new CallLeg(LEG, "kla", "outbound", null, "loopback/tx1/stations", null, null);
        placed.awaitPark();
        List<String> heard = new ArrayList<>();
        for (EslEvent e : List.of(esl("CHANNEL_ANSWER", "Answer-State", "answered"))) {
            events.translate(placed, e).forEach(ev -> heard.add(ev.describe()));
        }
        assertTrue(heard.isEmpty(), "not yet: the leg has not run its park " + heard);
        assertTrue(placed.isAnswered(), "the call itself is answered (its record says when)");
        for (EslEvent e : List.of(esl("CHANNEL_EXECUTE", "Application", "park"), esl("CHANNEL_PARK", "Answer-State", "answered"),
                esl("CHANNEL_PARK", "Answer-State", "answered"))) {
            events.translate(placed, e).forEach(ev -> heard.add(ev.describe()));
        }
        assertEquals(List.of("answered"), heard, "once, when parked (a leg parked again later is not answered again)");
    }

    /** A caller's call is parked before the station hears of it: answering it is announced at its answer. */
    @Test
    void aCallersCallIsAnsweredAtItsAnswer() {
        assertEquals(List.of(), feed(esl("CHANNEL_PARK", "Answer-State", "ringing")));
        assertEquals(List.of("answered"), feed(esl("CHANNEL_ANSWER", "Answer-State", "answered")));
    }
}
