package org.stationd.api;

import java.util.Locale;

/**
 * What a program can react to. The handler name in scripts is the camel-case name:
 * {@code on.playbackDone { e -> … }} in Groovy, {@code playbackDone(e) { … }} in JavaScript.
 */
public enum EventKind {
    /** A call the station placed was answered. {@code e.call} */
    ANSWERED("answered"),
    /** A call the station placed did not connect. {@code e.call}, {@code e.cause} (e.g. {@code USER_BUSY}) */
    FAILED("failed"),
    /** A call ended. {@code e.call}, {@code e.cause} */
    HANGUP("hangup"),
    /** A key was pressed. {@code e.call}, {@code e.digit} */
    DTMF("dtmf"),
    /** {@code call.play}/{@code call.say} finished. {@code e.call}, {@code e.file}, {@code e.status} ({@code done}, {@code stopped}, {@code failed}) */
    PLAYBACK_DONE("playbackDone"),
    /**
     * {@code call.record} finished. {@code e.call}, {@code e.file}, {@code e.seconds}, {@code e.status}
     * ({@code done}, {@code empty}, {@code failed}: the switch could not record, {@code e.cause} says why)
     */
    RECORDING_DONE("recordingDone"),
    /** {@code call.collect} finished. {@code e.call}, {@code e.digits}, {@code e.status} ({@code ok}, {@code timeout}, {@code invalid}) */
    DIGITS("digits"),
    /** Two calls were bridged. {@code e.call}, {@code e.other} */
    BRIDGED("bridged"),
    /** A bridge ended. {@code e.call}, {@code e.other} */
    UNBRIDGED("unbridged"),
    /** A call joined a conference. {@code e.call}, {@code e.conference} */
    CONFERENCE_JOINED("conferenceJoined"),
    /** A call left a conference. {@code e.call}, {@code e.conference} */
    CONFERENCE_LEFT("conferenceLeft"),
    /** {@code conference.play} finished. {@code e.conference}, {@code e.file} */
    CONFERENCE_PLAYBACK_DONE("conferencePlaybackDone"),
    /** Someone dialled one of the station's lines. {@code e.call}, {@code e.line} */
    INCOMING_CALL("incomingCall"),
    /** A text message arrived at the station's SMS number. {@code e.from}, {@code e.text} */
    SMS("sms"),
    /** A ZeroMQ message on a topic the program subscribed to. {@code e.topic}, {@code e.data} */
    MESSAGE("message"),
    /** A timer set with {@code station.after/every/at} fired. {@code e.timer} */
    TIMER("timer"),
    /** The scheduled slot ends soon: wrap up. {@code e.seconds} (left in the slot) */
    WRAP_UP("wrapUp"),
    /** Any FreeSWITCH event, by name, for advanced use: {@code on.esl('CHANNEL_PROGRESS') { e -> e.headers … }} */
    ESL("esl");

    private final String handlerName;

    EventKind(String handlerName) {
        this.handlerName = handlerName;
    }

    /** The name scripts use for the handler. */
    public String handlerName() {
        return handlerName;
    }

    public static EventKind byHandlerName(String name) {
        for (EventKind k : values()) {
            if (k.handlerName.equals(name)) {
                return k;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
