package org.stationd.esl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.sim.support.SimHarness.named;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.sim.support.Prompts;
import org.stationd.esl.sim.support.SimHarness;

/** A listener rings a station; the station software answers, prompts, and collects digits, over the real client. */
class IncomingCallScenarioTest {

    @Test
    void answeredPromptedDigitsCollected() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            String uuid = h.sim.placeCall("5551234", "1000");
            EslEvent park = h.await(named("CHANNEL_PARK", uuid));
            assertEquals("inbound", park.header("Call-Direction"));
            assertEquals("RINGING", park.header("Channel-Call-State"));
            assertEquals("ringing", park.header("Answer-State"));
            assertEquals("5551234", park.header("Caller-Caller-ID-Number"));
            assertEquals("1000", park.header("Caller-Destination-Number"));

            assertEquals("+OK\n", h.api("uuid_answer " + uuid));
            h.await(named("CHANNEL_ANSWER", uuid));
            h.client.sendmsg(uuid, SendMsg.execute("play_and_get_digits",
                    "1 4 3 5000 # " + Prompts.STATIONS + "prompt.wav " + Prompts.STATIONS + "invalid.wav choice \\d+").eventUuid("pagd-1")).join();
            h.advance(Duration.ofMillis(40));
            h.await(e -> e.is("PLAYBACK_START") && uuid.equals(e.uniqueId()));
            // the listener presses 4, 2, # one second into the prompt
            h.advance(Duration.ofSeconds(1));
            h.sim.pressDigits(uuid, "42#", Duration.ofMillis(300));
            h.advance(Duration.ofSeconds(2));
            EslEvent stop = h.await(named("PLAYBACK_STOP", uuid));
            assertEquals("break", stop.header("Playback-Status"), "a digit cuts the prompt short");
            EslEvent done = h.await(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && "pagd-1".equals(e.header("Application-UUID")));
            assertEquals("play_and_get_digits", done.header("Application"));
            assertEquals("42", done.variable("choice"));
            assertEquals("success", done.variable("read_result"));
            assertEquals("#", done.variable("read_terminator_used"));
            assertEquals(3, h.events(named("DTMF", uuid)).size());
            assertEquals("42", h.api("uuid_getvar " + uuid + " choice"));

            h.sim.hangup(uuid, "NORMAL_CLEARING");
            h.advance(Duration.ofMillis(100));
            assertEquals("NORMAL_CLEARING", h.await(named("CHANNEL_HANGUP_COMPLETE", uuid)).header("Hangup-Cause"));
            h.await(named("CHANNEL_DESTROY", uuid));
        }
    }

    @Test
    void invalidInputThenTimeoutFails() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            String uuid = h.sim.placeCall("5550000", "2000");
            h.await(named("CHANNEL_PARK", uuid));
            h.api("uuid_answer " + uuid);
            h.client.sendmsg(uuid, SendMsg.execute("play_and_get_digits",
                    "2 2 2 3000 # " + Prompts.STATIONS + "prompt.wav " + Prompts.STATIONS + "invalid.wav pick [12][0-9]").eventUuid("pagd-2")).join();
            h.advance(Duration.ofSeconds(4));      // prompt (3.42 s) and a bit
            h.sim.pressDigits(uuid, "99");          // matches no regexp: the invalid prompt plays, second try
            h.advance(Duration.ofSeconds(2));
            assertTrue(h.events(e -> e.is("PLAYBACK_START") && e.header("Playback-File-Path").endsWith("invalid.wav")).size() == 1);
            h.advance(Duration.ofSeconds(10));     // second prompt, then nothing: timeout
            EslEvent done = h.await(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && "pagd-2".equals(e.header("Application-UUID")));
            assertEquals("timeout", done.variable("read_result"));
            assertEquals("99", done.variable("pick_invalid"));
            assertEquals(null, done.variable("pick"));
            assertFalse(h.sim.calls().isEmpty(), "the call is still up");
        }
    }

    @Test
    void recordIntoAMissingFolderHangsUp() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            String uuid = h.sim.placeCall("5551112", "1000");
            h.await(named("CHANNEL_PARK", uuid));
            h.api("uuid_answer " + uuid);
            h.client.sendmsg(uuid, SendMsg.execute("record", Prompts.FS_SOUNDS + "/no-such-folder/msg.wav 30").eventUuid("rec")).join();
            h.advance(Duration.ofMillis(20));
            EslEvent hangup = h.await(named("CHANNEL_HANGUP", uuid));
            assertEquals("DESTINATION_OUT_OF_ORDER", hangup.header("Hangup-Cause"));
            h.await(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && "rec".equals(e.header("Application-UUID")));
            assertTrue(h.events(named("RECORD_START", uuid)).isEmpty(), "nothing was recorded");
            assertFalse(java.nio.file.Files.exists(h.sounds().resolve("no-such-folder")), "FreeSWITCH creates no folder");
        }
    }

    @Test
    void recordWritesAWavOfTheRecordedLength() throws Exception {
        try (SimHarness h = SimHarness.start()) {
            String uuid = h.sim.placeCall("5551111", "1000");
            h.await(named("CHANNEL_PARK", uuid));
            h.api("uuid_answer " + uuid);
            // FreeSWITCH records only into a folder that exists (see recordIntoAMissingFolderHangsUp)
            java.nio.file.Files.createDirectories(h.sounds().resolve("messages"));
            h.client.sendmsg(uuid, SendMsg.execute("record", Prompts.FS_SOUNDS + "/messages/msg1.wav 30").eventUuid("rec")).join();
            h.advance(Duration.ofMillis(20));
            h.await(named("RECORD_START", uuid));
            h.advance(Duration.ofMillis(4000));
            h.sim.pressDigits(uuid, "*");
            h.advance(Duration.ofMillis(100));
            EslEvent stop = h.await(named("RECORD_STOP", uuid));
            assertTrue(stop.header("Record-File-Path").endsWith("msg1.wav"));
            h.await(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && "rec".equals(e.header("Application-UUID")));
            java.nio.file.Path wav = h.sounds().resolve("messages/msg1.wav");
            long ms = org.stationd.esl.sim.media.Wav.durationMillis(wav);
            assertTrue(ms >= 4000 && ms <= 4100, "recorded " + ms + " ms");

            // record_session through uuid_record: media bug until stopped
            assertEquals("+OK Success\n", h.api("uuid_record " + uuid + " start " + Prompts.FS_SOUNDS + "/messages/msg2.wav"));
            h.await(named("MEDIA_BUG_START", uuid));
            h.advance(Duration.ofSeconds(2));
            assertEquals("+OK Success\n", h.api("uuid_record " + uuid + " stop all"));
            h.await(named("MEDIA_BUG_STOP", uuid));
            assertEquals(2000, org.stationd.esl.sim.media.Wav.durationMillis(h.sounds().resolve("messages/msg2.wav")));
        }
    }
}
