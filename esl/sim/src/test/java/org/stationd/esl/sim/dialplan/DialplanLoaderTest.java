package org.stationd.esl.sim.dialplan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stationd.esl.sim.app.AppCall;
import org.stationd.esl.sim.channel.HangupCause;

class DialplanLoaderTest {

    @Test
    void builtInDefaultHasTheCapturesContext() {
        Dialplan d = DialplanLoader.defaults();
        assertEquals(List.of(new AppCall("park", "")), d.lookup("stations", "park").apps());
        assertEquals(List.of(new AppCall("answer", ""), new AppCall("park", "")), d.lookup("stations", "answer_park").apps());
        assertEquals(List.of(new AppCall("answer", ""), new AppCall("conference", "news@news")), d.lookup("stations", "news").apps());
        assertEquals("socket", d.lookup("stations", "outbound_socket").apps().get(0).name());
        assertNull(d.lookup("stations", "does_not_exist"));
        assertEquals("park", d.lookup("stations", "5551234").apps().get(0).name(), "numbers park via a pattern");
        assertEquals(HangupCause.USER_BUSY, d.user("1003").failCause());
        assertEquals(-1, d.user("1002").answerAfterMillis());
        assertEquals(10_000, d.user("1005").hangupAfterMillis());
        assertEquals(HangupCause.USER_BUSY, d.gateway("pstn").behaviourFor("5550100").failCause());
        assertEquals(3000, d.gateway("pstn").behaviourFor("anything").answerAfterMillis());
        assertTrue(d.conferenceProfile("news").kickedSound().endsWith("kicked.wav"));
        assertEquals("vm", d.setting("hostname", "x"));
    }

    @Test
    void bundledStationsIsTheRealSwitchsContext() {
        Dialplan d = Dialplan.bundledStations();
        assertEquals(List.of(new AppCall("answer", ""), new AppCall("playback", "silence_stream://-1")), d.lookup("stations", "tx12").apps());
        assertEquals(List.of(new AppCall("hangup", "USER_BUSY")), d.lookup("stations", "busy").apps());
        assertEquals(List.of(new AppCall("ring_ready", ""), new AppCall("sleep", "600000")), d.lookup("stations", "ring_noanswer").apps());
        assertEquals(List.of(new AppCall("answer", ""), new AppCall("park", "")), d.lookup("stations", "answer_park").apps());
        assertEquals(List.of(new AppCall("answer", ""), new AppCall("conference", "news@default")), d.lookup("stations", "news").apps());
        assertEquals(List.of(new AppCall("answer", ""), new AppCall("echo", "")), d.lookup("stations", "echo").apps());
        assertEquals(List.of(new AppCall("park", "")), d.lookup("stations", "256414000001").apps(), "a listener's call parks");
        assertNull(d.lookup("stations", "txt"), "not a transmitter, not a number: no route");
        assertEquals("local_stream://moh", d.conferenceProfile("default").mohSound());
        assertEquals("none", d.setting("speech_modules", "*"));
    }

    @Test
    void explicitApplicationsAndPatterns() {
        Dialplan d = DialplanLoader.parse("""
                contexts:
                  radio:
                    jingle: { apps: ["answer", "playback /sounds/jingle.wav", {hangup: NORMAL_CLEARING}] }
                    "^9(\\\\d+)$": { apps: ["bridge user/$1"] }
                sounds:
                  /usr/local/freeswitch/share/freeswitch/sounds: snd
                """, Path.of("/base"));
        assertEquals(List.of(new AppCall("answer", ""), new AppCall("playback", "/sounds/jingle.wav"), new AppCall("hangup", "NORMAL_CLEARING")),
                d.lookup("radio", "jingle").apps());
        assertEquals(new AppCall("bridge", "user/1000"), d.lookup("radio", "91000").apps().get(0));
        assertEquals(Path.of("/base/snd"), d.sounds().get("/usr/local/freeswitch/share/freeswitch/sounds"));
    }

    @Test
    void mistakesSayWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DialplanLoader.parse("contexts:\n  radio:\n    x: { behaviour: dance }\n", null));
        assertTrue(e.getMessage().contains("contexts.radio.x"), e.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> DialplanLoader.parse("users:\n  \"1\": { cause: NOT_A_CAUSE }\n", null));
        assertTrue(c.getMessage().contains("users.1.cause"), c.getMessage());
    }
}
