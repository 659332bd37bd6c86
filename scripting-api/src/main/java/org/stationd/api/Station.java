package org.stationd.api;

import java.util.List;
import java.util.Map;

/**
 * The station the program runs on: its phone lines, its conference, timers, storage, messages.
 * In scripts it is the global {@code station}.
 */
public interface Station {
    /** The id from stations.yaml, e.g. {@code kampala-fm}. */
    String getId();

    String getName();

    /** The station's timezone, e.g. {@code Africa/Kampala}. */
    String getTimezone();

    /**
     * The program settings from stations.yaml (or the schedule entry): a free map.
     * <pre>{@code
     * def series = station.settings.series                // Groovy
     * const series = station.settings.series;             // JavaScript
     * }</pre>
     */
    Map<String, Object> getSettings();

    /**
     * The time now on the station's clock, in its timezone. In a replay it is the replay's
     * (virtual) time, so a show that reads the clock replays the same on every run. JavaScript's
     * {@code Date} follows the same clock.
     * <pre>{@code
     * if (station.now.hour >= 22) go 'night'              // Groovy
     * if (new Date().getHours() >= 22) go('night');       // JavaScript (Date is in the host's zone)
     * }</pre>
     * Added in API version 1 (the default is the host's wall clock).
     */
    default java.time.ZonedDateTime getNow() {
        return java.time.ZonedDateTime.now(java.time.ZoneId.of(getTimezone()));
    }

    /** Line name → number, e.g. {@code call-in → +256414000001}. */
    Map<String, String> getLines();

    /** The calls the station has now. */
    List<Call> getCalls();

    /**
     * Calls the transmitter phone, trying each configured number in order (SIP first, then the
     * SIMs) and redialling if it drops. {@code answered} comes once one connects; {@code failed}
     * only when every number failed.
     * <pre>{@code
     * def tx = station.dialTransmitter()                  // Groovy
     * const tx = station.dialTransmitter();               // JavaScript
     * }</pre>
     */
    Call dialTransmitter();

    /** The transmitter call if it is up, else null. */
    Call getTransmitter();

    /**
     * Ends the transmitter call, also one still ringing (a redial after a drop), and stops
     * redialling it: what a show does when it is over. Nothing happens when there is none.
     * <pre>{@code
     * station.hangupTransmitter()                         // Groovy
     * station.hangupTransmitter();                        // JavaScript
     * }</pre>
     */
    void hangupTransmitter();

    /**
     * Calls a number through the station's gateway. {@code answered} or {@code failed} follows.
     * Options: {@code timeout} seconds (30), {@code callerId}, {@code variables} (a map).
     * The number and every value go to the switch as they are, so each is checked first and an
     * argument that could change the command is refused (docs/programs.md, "Limits"): the number
     * is one destination (letters, digits, {@code + * # . _ @ : / ; = % -}); a caller id or
     * variable value is one word without {@code , { } [ ] < > ' " \}, {@code ^^} or <code>${</code>;
     * variable names are letters, digits and {@code _}, and none that makes the switch run a
     * command ({@code api_on_answer}, {@code execute_on_*}, {@code *_hook}…) or that stationd sets.
     * <pre>{@code
     * def host = station.originate('+256700000009', [timeout: 45])    // Groovy
     * const host = station.originate('+256700000009', {timeout: 45}); // JavaScript
     * }</pre>
     */
    Call originate(String number, Map<String, Object> options);

    Call originate(String number);

    /**
     * The conference of that name (created when the first call joins). Names are per station
     * unless they start with {@code shared:}, which all stations of the host share.
     */
    Conference conference(String name);

    /**
     * Fires a {@code timer} event named {@code name} after the given seconds.
     * <pre>{@code
     * station.after(300, 'break-over')                     // Groovy
     * station.after(300, 'break-over');                    // JavaScript
     * }</pre>
     */
    void after(double seconds, String name);

    /** Fires a {@code timer} event every given seconds until cancelled. */
    void every(double seconds, String name);

    /** Fires a {@code timer} event at a local time of day in the station's timezone, e.g. {@code "18:30"}. */
    void at(String localTime, String name);

    /** Cancels a timer by name. */
    void cancel(String name);

    /** The persistent key-value store (a value at most 64 KiB as JSON). */
    KeyValueStore getStore();

    /**
     * Publishes a message on a topic of the station's group ({@code group:} in stations.yaml; a
     * station in no group has topics of its own): programs of the group that subscribed hear it.
     * The topic is text of 1 to 256 characters; the message at most 64 KiB as JSON, else it is
     * refused and not sent.
     * <pre>{@code
     * station.publish('news/ready', [file: 'news.wav'])            // Groovy
     * station.publish('news/ready', {file: 'news.wav'});           // JavaScript
     * }</pre>
     */
    void publish(String topic, Object data);

    /**
     * Subscribes to the station's group's topics starting with {@code topic} (text of 1 to 256
     * characters; not null): {@code message} events follow.
     */
    void subscribe(String topic);

    /** The station's SMS number. */
    Sms getSms();

    /** The station's voice board recordings. */
    Recordings getRecordings();

    /**
     * Claims (or renews) a token of the station's group for this station for the given seconds
     * (at most 3600; a name of 1 to 100 characters). Exactly one station of the group holds it at a time, across every host that
     * shares the database; renew it before it runs out, or another station may take it. It is
     * given up when the program leaves the station, and lapses within 15 s if its host dies.
     * <pre>{@code
     * if (station.lease('news-master', 10)) studio.play('news.wav')       // Groovy
     * if (station.lease('news-master', 10)) studio.play('news.wav');      // JavaScript
     * }</pre>
     */
    boolean lease(String name, double seconds);

    /** Gives a token up at once, if this station holds it. */
    void releaseLease(String name);

    /**
     * Tells the schedule how this airing went, when it was not simply fine: {@code no_media}
     * (nothing to play), {@code failed} (could not go on air). Recorded with the airing.
     * <pre>{@code
     * station.reportStatus('no_media', 'no episode files found')        // Groovy
     * station.reportStatus('no_media', 'no episode files found');       // JavaScript
     * }</pre>
     */
    void reportStatus(String status, String reason);
}
