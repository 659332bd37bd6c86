package org.stationd.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.stationd.api.Call;
import org.stationd.api.Conference;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.esl.event.EslEvent;

/**
 * Turns what FreeSWITCH reports about a station's call into what the program hears: answered,
 * failed, hangup, dtmf, playbackDone, recordingDone, digits, bridged, conferenceJoined… Keeps the
 * call's state in step. What the switch could not do is also told to the operator, once, as an
 * error line. Runs on the station's thread.
 */
public final class CallEvents {
    /** The cause FreeSWITCH hangs a call up with when its record cannot open the file. */
    private static final String RECORD_OPEN_FAILED = "DESTINATION_OUT_OF_ORDER";

    private final Function<String, Call> callById;
    private final Function<String, Conference> conferenceBySwitchName;
    private final BiConsumer<String, String> problems;

    public CallEvents(Function<String, Call> callById, Function<String, Conference> conferenceBySwitchName) {
        this(callById, conferenceBySwitchName, (what, why) -> { });
    }

    /** {@code problems} hears what failed (the verb: {@code record}, {@code say}) and a sentence saying why. */
    public CallEvents(Function<String, Call> callById, Function<String, Conference> conferenceBySwitchName, BiConsumer<String, String> problems) {
        this.callById = callById;
        this.conferenceBySwitchName = conferenceBySwitchName;
        this.problems = problems;
    }

    /** The program events one ESL event of this call means (often none). */
    public List<Event> translate(CallLeg call, EslEvent e) {
        List<Event> out = new ArrayList<>(1);
        call.updateVariables(e);
        String name = e.name() == null ? "" : e.name();
        switch (name) {
            case "CHANNEL_ANSWER" -> {
                if (!call.isAnswered() && !call.isEnded()) {
                    call.answered();
                    if (!call.awaitingPark()) out.add(Event.of(EventKind.ANSWERED).call(call).build());
                }
            }
            case "CHANNEL_PARK" -> {
                if (call.parked() && call.isAnswered()) out.add(Event.of(EventKind.ANSWERED).call(call).build());
            }
            case "CHANNEL_HANGUP" -> hangup(call, e, out);
            case "DTMF" -> out.add(Event.of(EventKind.DTMF).call(call).digit(e.header("DTMF-Digit")).build());
            case "CHANNEL_EXECUTE_COMPLETE" -> executeComplete(call, e, out);
            case "RECORD_START" -> call.recordStarted();
            case "CHANNEL_BRIDGE" -> out.add(Event.of(EventKind.BRIDGED).call(call).other(otherLeg(e)).build());
            case "CHANNEL_UNBRIDGE" -> out.add(Event.of(EventKind.UNBRIDGED).call(call).other(otherLeg(e)).build());
            case "CUSTOM" -> conference(call, e, out);
            default -> { }
        }
        return out;
    }

    private void hangup(CallLeg call, EslEvent e, List<Event> out) {
        if (call.isEnded()) {
            return;
        }
        boolean neverAnswered = !call.isAnswered();
        call.ended();
        String cause = e.header("Hangup-Cause");
        if (neverAnswered && "outbound".equals(call.getDirection()) && !call.hangupRequested()) {
            if (call.claimFailureReport()) {
                out.add(Event.of(EventKind.FAILED).call(call).cause(cause).build());
            }
            return;
        }
        // a call the station originated that was never answered has failed, not hung up; say it once
        out.add(Event.of(EventKind.HANGUP).call(call).cause(cause).build());
    }

    private void executeComplete(CallLeg call, EslEvent e, List<Event> out) {
        CallLeg.PendingOp op = call.complete(e.header("Application-UUID"));
        if (op == null) {
            return;
        }
        String response = e.header("Application-Response");
        switch (op.kind()) {
            case "play", "say" -> {
                if (op.failure() != null) {
                    problems.accept(op.kind(), op.failure());
                }
                out.add(Event.of(EventKind.PLAYBACK_DONE).call(call).file(op.file())
                        .status(op.failure() != null ? "failed" : playbackStatus(response, e)).build());
            }
            case "record" -> out.add(recordingDone(call, op, e));
            case "collect" -> {
                String digits = e.variable(op.variable());
                String result = e.variable("read_result");
                String status = digits != null && !digits.isEmpty() ? "ok" : "timeout".equals(result) ? "timeout" : result == null ? "timeout" : "invalid";
                out.add(Event.of(EventKind.DIGITS).call(call).digits(digits == null ? "" : digits).status(status).build());
            }
            default -> { }
        }
    }

    /**
     * A record that began writing (RECORD_START) is done, or empty if it has no sound. One that never
     * began could not open its file: FreeSWITCH says so only in its log, and hangs the call up with
     * DESTINATION_OUT_OF_ORDER before the record completes. It failed; the operator hears why unless
     * the caller had simply gone before it began.
     */
    private Event recordingDone(CallLeg call, CallLeg.PendingOp op, EslEvent e) {
        Event.Builder done = Event.of(EventKind.RECORDING_DONE).call(call).file(op.file());
        String cause = e.header("Hangup-Cause");
        if (!call.takeRecordStart()) {
            if (cause == null || RECORD_OPEN_FAILED.equals(cause)) {
                problems.accept("record", "station " + call.stationId() + ", call " + call.getId() + ": the switch could not record "
                        + op.file() + " (it could not open the file for writing" + (cause == null ? "" : " and hung the call up: " + cause) + ")");
            }
            return done.status("failed").cause(cause).build();
        }
        String ms = e.variable("record_ms");
        String secs = e.variable("record_seconds");
        Double seconds = ms != null ? parseDouble(ms) : secs != null ? parseDouble(secs) : null;
        if (ms != null && seconds != null) {
            seconds = seconds / 1000;
        }
        return done.seconds(seconds).status(seconds == null || seconds > 0 ? "done" : "empty").build();
    }

    /** FreeSWITCH says FILE PLAYED when done; a cut-off playback has playback_status or a break. */
    private static String playbackStatus(String response, EslEvent e) {
        if (response == null) {
            return "done";
        }
        if (response.contains("ERROR") || response.contains("NOT FOUND") || response.startsWith("-ERR")) {
            return "failed";
        }
        String status = e.variable("playback_status");
        if ("BREAK".equalsIgnoreCase(status) || "PLAYBACK_BREAK".equalsIgnoreCase(status)) {
            return "stopped";
        }
        return "done";
    }

    private void conference(CallLeg call, EslEvent e, List<Event> out) {
        if (!"conference::maintenance".equals(e.subclass())) {
            return;
        }
        String action = e.header("Action");
        String confName = e.header("Conference-Name");
        Conference conf = confName == null ? null : conferenceBySwitchName.apply(confName);
        if ("add-member".equals(action)) {
            call.inConference(confName);
            out.add(Event.of(EventKind.CONFERENCE_JOINED).call(call).conference(conf).build());
        } else if ("del-member".equals(action)) {
            call.inConference(null);
            out.add(Event.of(EventKind.CONFERENCE_LEFT).call(call).conference(conf).build());
        }
    }

    private Call otherLeg(EslEvent e) {
        for (String h : new String[] {"Other-Leg-Unique-ID", "Bridge-B-Unique-ID", "Bridge-A-Unique-ID"}) {
            String id = e.header(h);
            if (id != null && !id.equals(e.uniqueId())) {
                Call c = callById.apply(id);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    private static Double parseDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /** A raw ESL event for programs that asked for it by name. */
    public static Event raw(CallLeg call, EslEvent e) {
        Map<String, String> headers = e.headers();
        return Event.of(EventKind.ESL).call(call).name(e.name()).headers(headers).build();
    }
}
