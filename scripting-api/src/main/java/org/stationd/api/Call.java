package org.stationd.api;

import java.util.Map;

/**
 * One call leg: the transmitter phone, a listener, the show's host, a guest. Every action returns
 * at once; what happened arrives as an event ({@code playbackDone}, {@code digits}, {@code hangup}…).
 *
 * <p>Each action is a call verb run by {@link #verb}: its method here only names the verb and its
 * arguments (checked against the verb's schema in the runtime's {@code specs.json}), so an action
 * is added with its verb class, its schema entry and one such method (docs/adding-a-verb.md).
 */
public interface Call {
    /**
     * Runs the call verb {@code name} with {@code args}, as the methods below do: an unknown verb,
     * option or value is an error at the script's line.
     * <pre>{@code
     * call.verb('play', [file: 'jingle.wav'])            // Groovy
     * call.verb('play', {file: 'jingle.wav'});           // JavaScript
     * }</pre>
     */
    void verb(String name, Map<String, Object> args);

    /** The call's id (FreeSWITCH's channel uuid). */
    String getId();

    /** Caller's number: {@code e.call.from}. */
    String getFrom();

    /** Dialled number. */
    String getTo();

    /** {@code inbound} (someone called the station) or {@code outbound} (the station called). */
    String getDirection();

    /** {@code ringing}, {@code answered} or {@code ended}. */
    String getState();

    /** For incoming calls: the station line's name from stations.yaml ({@code call-in}, {@code ivr}…); else null. */
    String getLine();

    /** Channel variables FreeSWITCH reported for this call. */
    Map<String, String> getVariables();

    /**
     * Answers an incoming call.
     * <pre>{@code
     * on.incomingCall { e -> e.call.answer() }          // Groovy
     * incomingCall(e) { e.call.answer(); }               // JavaScript
     * }</pre>
     */
    default void answer() { verb("answer", Map.of()); }

    /**
     * Hangs up with {@code NORMAL_CLEARING}.
     * <pre>{@code
     * call.hangup()                                      // Groovy and JavaScript alike
     * }</pre>
     */
    default void hangup() { hangup("NORMAL_CLEARING"); }

    /**
     * Hangs up with a cause, e.g. {@code USER_BUSY}.
     * <pre>{@code
     * call.hangup('USER_BUSY')                           // Groovy
     * call.hangup('USER_BUSY');                          // JavaScript
     * }</pre>
     */
    default void hangup(String cause) { verb("hangup", Map.of("cause", cause)); }

    /**
     * Plays a file from the station's media folder (or an absolute path), or a tone such as
     * {@code tone_stream://%(500,0,440)}. {@code playbackDone} follows.
     * <pre>{@code
     * call.play('jingle.wav')                            // Groovy
     * call.play('jingle.wav');                           // JavaScript
     * }</pre>
     */
    default void play(String fileOrTone) { verb("play", Map.of("file", fileOrTone)); }

    /**
     * Speaks text with the switch's text-to-speech. {@code playbackDone} follows. At most 4 KiB
     * (UTF-8) of text; line breaks are read as spaces, and <code>${</code> is refused (the switch
     * would expand it).
     * <pre>{@code
     * call.say("You are on air")                         // Groovy
     * call.say('You are on air');                        // JavaScript
     * }</pre>
     */
    default void say(String text) { verb("say", Map.of("text", text)); }

    /** Stops what is playing on this call; its {@code playbackDone} comes with status {@code stopped}. */
    default void stopPlayback() { verb("stop", Map.of()); }

    /**
     * Records the caller to a file, up to {@code maxSeconds}; # ends early. {@code recordingDone} follows.
     * <pre>{@code
     * call.record('greeting.wav', 60)                    // Groovy
     * call.record('greeting.wav', 60);                   // JavaScript
     * }</pre>
     */
    default void record(String file, int maxSeconds) { verb("record", Map.of("file", file, "maxSeconds", maxSeconds)); }

    /**
     * Collects digits. Options: {@code min} (1), {@code max} (1), {@code timeout} seconds (5),
     * {@code terminator} ({@code #}), {@code prompt} (file played first), {@code tries} (1),
     * {@code invalid} (file played on a wrong entry), {@code regex}. {@code digits} follows.
     * <pre>{@code
     * call.collect(min: 1, max: 2, timeout: 10, prompt: 'days.wav')           // Groovy
     * call.collect({min: 1, max: 2, timeout: 10, prompt: 'days.wav'});        // JavaScript
     * }</pre>
     */
    default void collect(Map<String, Object> options) { verb("collect", options == null ? Map.of() : options); }

    /**
     * Connects this call to another; {@code bridged} follows, {@code unbridged} when one side leaves.
     * <pre>{@code
     * host.bridge(e.call)                                // Groovy
     * host.bridge(e.call);                               // JavaScript
     * }</pre>
     */
    default void bridge(Call other) { verb("bridge", Map.of("other", other)); }

    /**
     * Puts the call into a conference; {@code conferenceJoined} follows.
     * <pre>{@code
     * call.join(station.conference('studio'))            // Groovy
     * call.join(station.conference('studio'));           // JavaScript
     * }</pre>
     */
    default void join(Conference conference) { verb("join", Map.of("conference", conference)); }

    /** Takes the call out of its conference or bridge and parks it. */
    default void leave() { verb("leave", Map.of()); }

    /**
     * Sends the call to another extension of the dialplan.
     * <pre>{@code
     * call.transfer('ivr')                               // Groovy
     * call.transfer('ivr');                              // JavaScript
     * }</pre>
     */
    default void transfer(String destination) { verb("transfer", Map.of("destination", destination)); }

    /**
     * Sets a channel variable on the call. The name is letters, digits and {@code _}, never one
     * that makes the switch run a command ({@code api_on_answer}, {@code execute_on_*}…); the
     * value is one line without <code>${</code>.
     */
    default void setVariable(String name, String value) { verb("set", Map.of("name", name, "value", value)); }
}
