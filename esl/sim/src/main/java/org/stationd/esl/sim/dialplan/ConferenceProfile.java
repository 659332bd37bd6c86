package org.stationd.esl.sim.dialplan;

/**
 * A conference profile's sounds and rate. The captures' "news" profile plays a short tone when a
 * member joins (not for the first), another when one leaves, and a file to a kicked member.
 * FreeSWITCH's shipped "default" profile also has an alone sound (played when one member is left)
 * and hold music (played while one member is alone and nothing else plays), and its members' keys
 * act on them ({@code caller_controls: default}: mute, deaf, volume, energy, leave); null: none.
 */
public record ConferenceProfile(String name, String enterSound, String exitSound, String kickedSound, int rate,
                                String aloneSound, String mohSound, String callerControls) {

    public ConferenceProfile(String name, String enterSound, String exitSound, String kickedSound, int rate) {
        this(name, enterSound, exitSound, kickedSound, rate, null, null, null);
    }

    public static ConferenceProfile defaults(String name) {
        return new ConferenceProfile(name, "tone_stream://%(200,0,500,600,700)", "tone_stream://%(500,0,300,200,100,50,25)", null, 16000);
    }

    /** A profile the switch's configuration does not have: mod_conference's built-in settings, no sounds, 8 kHz. */
    public static ConferenceProfile builtIn(String name) {
        return new ConferenceProfile(name, null, null, null, 8000);
    }
}
