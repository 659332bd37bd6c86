package org.stationd.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.api.ProgramError;
import org.stationd.api.Recording;
import org.stationd.esl.live.LiveSwitch;
import org.stationd.programs.VoiceBoardTest;
import org.stationd.storage.DbRecordings;
import org.stationd.testing.Listener;
import org.stationd.testing.Show;

/**
 * programs/voiceboard.groovy on the real FreeSWITCH: a listener's call parked for the station, the
 * menu, keys, a recording FreeSWITCH writes; and what the real switch does when it cannot record or
 * speak (it has no text-to-speech module), as the program must hear it.
 */
class VoiceBoardLiveTest {
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();

    /** What the tone the voice board plays before recording looks like in the station's lines: the record follows it. */
    private static final String RECORDING_NEXT = "gulu call playbackDone tone_stream://%(500,0,800) done";

    @TempDir
    Path dir;

    private Show.Builder voiceBoard() throws Exception {
        return VoiceBoardTest.withPrompts(Show.in(dir).realSwitch(FS.get().url()))
                .station("gulu", s -> s.program("voiceboard.groovy").transmitter("loopback/tx1/stations").line("ivr", "7009"));
    }

    private static boolean asked(Show show, String prompt, int times) {
        return show.aired("gulu").stream().filter(prompt::equals).count() >= times;
    }

    /** Calls the IVR line, picks a category and days, and waits until the board is recording. */
    private static Listener callAndStartRecording(Show show, String from, String category, String days) throws InterruptedException {
        return show.listener(from).calls(show.line("gulu", "ivr"))
                .when("the welcome is over and the category is asked", () -> show.lines().contains("gulu call playbackDone voiceboard-welcome.wav done"))
                .waits(Duration.ofMillis(400)).presses(category)
                .when("days asked", () -> asked(show, "voiceboard-days.wav", 1)).waits(Duration.ofMillis(400)).presses(days + "#")
                .when("recording", () -> show.lines().contains(RECORDING_NEXT));
    }

    @Test
    void aListenerRecordsListensAndSavesAGreetingThatFreeSwitchWrote() throws Exception {
        try (Show show = voiceBoard().start()) {
            callAndStartRecording(show, "256700000001", "2", "7")
                    .speaks(Duration.ofMillis(1500)).presses("#")
                    .when("menu", () -> asked(show, "voiceboard-menu.wav", 1)).waits(Duration.ofMillis(400)).presses("1")
                    .when("menu again after listening", () -> asked(show, "voiceboard-menu.wav", 2)).waits(Duration.ofMillis(400)).presses("2");
            show.await("saved", () -> show.logged("gulu", "saved a greeting from 256700000001, valid 7 days"));
            show.await("the caller is hung up", () -> show.lines().contains("gulu call hangup NORMAL_CLEARING"));

            assertTrue(show.lines().stream().anyMatch(l -> l.matches("gulu call recordingDone voiceboard-[0-9a-f]{8}-1\\.wav done")), show.lines().toString());
            List<String> aired = show.aired("gulu");
            assertEquals(List.of("voiceboard-welcome.wav", "voiceboard-category.wav", "voiceboard-days.wav", "tone_stream://%(500,0,800)"),
                    aired.subList(0, 4), aired.toString());
            assertEquals("voiceboard-saved.wav", aired.get(aired.size() - 1), aired.toString());

            List<Recording> all = new DbRecordings(show.host().database(), "gulu", Instant::now).all();
            assertEquals(1, all.size(), all.toString());
            Recording r = all.get(0);
            assertEquals("greeting", r.category());
            assertEquals("256700000001", r.caller());
            assertEquals("pending", r.status());
            assertEquals(dir.resolve("data/recordings/gulu").toAbsolutePath(), Path.of(r.file()).getParent(), r.file());
            assertTrue(r.seconds() != null && r.seconds() >= 1.0, "about 1.5 s were spoken: " + r.seconds());
            assertVoice(Path.of(r.file()), 1.0);
            assertTrue(show.errors().isEmpty(), show.errors() + "\n" + FS.get().logTail());
        }
    }

    @Test
    void aCallerWhoHangsUpWhileRecordingLeavesNothing() throws Exception {
        try (Show show = voiceBoard().start()) {
            callAndStartRecording(show, "256700000002", "1", "3").speaks(Duration.ofMillis(800)).hangsUp();
            // FreeSWITCH may end the record before it says the call hung up (the parked loopback leg hangs up after its
            // record returns): the board then heard the recording and asked its menu of a caller already gone
            show.await("the board noticed the hangup while recording, or at its menu after the recording", () ->
                    show.logged("gulu", "caller 256700000002 hung up while recording; nothing saved")
                    || show.lines().stream().anyMatch(l -> l.matches("gulu call recordingDone voiceboard-[0-9a-f]{8}-1\\.wav done"))
                            && show.lines().contains("gulu call hangup NORMAL_CLEARING"));
            show.station("gulu").awaitIdle(Duration.ofSeconds(10));
            assertTrue(new DbRecordings(show.host().database(), "gulu", Instant::now).all().isEmpty());
            assertTrue(show.errors().isEmpty(), show.errors() + "\n" + FS.get().logTail());
        }
    }

    /** A program that answers, records {@code settings.file} for up to 2 s and says how it went. */
    private static final String RECORDER = """
            program {
                apiVersion 1
                name 'recorder'
                state('open') {
                    on.incomingCall { e -> e.call.answer() }
                    on.answered { e -> e.call.record(station.settings.file, 2) }
                    on.recordingDone { e ->
                        log.info("recorded: ${e.status} ${e.cause}")
                        if (e.status == 'done') e.call.hangup()
                    }
                }
            }
            """;

    @Test
    void aRecordWhoseFolderWasRemovedStillRecords() throws Exception {
        Show.Builder bench = Show.in(dir).realSwitch(FS.get().url()).program("recorder.groovy", RECORDER)
                .station("gulu", s -> s.program("recorder.groovy").transmitter("loopback/tx1/stations").line("ivr", "7009").settings("{ file: message.wav }"));
        try (Show show = bench.start()) {
            Path folder = dir.resolve("data/recordings/gulu");
            assertTrue(Files.isDirectory(folder), "the station makes its recordings folder when it starts");
            Files.delete(folder);   // an operator tidied up

            show.listener("256700000003").calls(show.line("gulu", "ivr")).speaks(Duration.ofMillis(2500));
            show.await("recorded", () -> show.logged("gulu", "recorded: done"));
            assertVoice(folder.resolve("message.wav"), 1.0);
            assertTrue(show.errors().isEmpty(), show.errors() + "\n" + FS.get().logTail());
        }
    }

    @Test
    void aRecordTheSwitchCannotOpenReachesTheProgramAsAFailure() throws Exception {
        Show.Builder bench = Show.in(dir).realSwitch(FS.get().url()).program("recorder.groovy", RECORDER)
                .station("gulu", s -> s.program("recorder.groovy").transmitter("loopback/tx1/stations").line("ivr", "7009")
                        .settings("{ file: blocker/message.wav }"));
        try (Show show = bench.start()) {
            // a file where the recording's folder should be: neither the host nor FreeSWITCH can make it
            Files.writeString(dir.resolve("data/recordings/gulu/blocker"), "not a folder");
            String caller = show.listener("256700000004").calls(show.line("gulu", "ivr")).callId();
            // FreeSWITCH cannot open the file, hangs the caller up, and the record ends without RECORD_START
            show.await("the program heard it failed", () -> show.logged("gulu", "recorded: failed DESTINATION_OUT_OF_ORDER"));
            assertTrue(show.lines().contains("gulu call hangup DESTINATION_OUT_OF_ORDER"), show.lines().toString());
            assertTrue(show.lines().contains("gulu call recordingDone message.wav failed DESTINATION_OUT_OF_ORDER"), show.lines().toString());
            List<String> why = show.errors().stream().map(e -> e.handler() + ": " + e.message()).toList();
            assertEquals(2, why.size(), why.toString());
            assertTrue(why.get(0).startsWith("record: station gulu cannot make its recordings folder " + dir.resolve("data/recordings/gulu/blocker")), why.get(0));
            String said = why.get(1).replaceFirst("call [0-9a-f-]{36}:", "call <the station's leg>:");
            assertEquals("record: station gulu, call <the station's leg>: the switch could not record " + dir.resolve("data/recordings/gulu/blocker/message.wav").toAbsolutePath()
                    + " (it could not open the file for writing and hung the call up: DESTINATION_OUT_OF_ORDER)", said);
            assertFalse(why.get(1).contains(caller), "the station's own leg, not the listener's: " + why.get(1));
        }
    }

    @Test
    void sayOnASwitchWithoutTextToSpeechReachesTheProgramAsAFailure() throws Exception {
        String sayer = """
                program {
                    apiVersion 1
                    name 'sayer'
                    state('open') {
                        on.incomingCall { e -> e.call.answer(); e.call.say('Welcome to the station') }
                        on.playbackDone { e -> log.info("said: ${e.status}"); e.call.hangup() }
                    }
                }
                """;
        Show.Builder bench = Show.in(dir).realSwitch(FS.get().url()).program("sayer.groovy", sayer)
                .station("gulu", s -> s.program("sayer.groovy").transmitter("loopback/tx1/stations").line("ivr", "7009"));
        try (Show show = bench.start()) {
            show.listener("256700000005").calls(show.line("gulu", "ivr"));
            show.await("the program heard how the say went", () -> show.lines().stream().anyMatch(l -> l.startsWith("gulu log said: ")));
            assertTrue(show.logged("gulu", "said: failed"), show.lines().toString());
            show.await("the switch ran the speak and refused it",
                    () -> readLog(FS.get().dir().resolve("log/freeswitch.log")).contains("Invalid speech module [flite]"));
            List<ProgramError> errors = show.errors();
            assertEquals(1, errors.size(), errors.toString());
            assertEquals("say", errors.get(0).handler());
            assertEquals("this switch has no text-to-speech module (flite); install mod_flite or use recorded prompts", errors.get(0).message());
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** A WAV FreeSWITCH wrote, at least {@code seconds} long, with the caller's tone in it (not silence). */
    private static void assertVoice(Path wav, double seconds) throws Exception {
        assertTrue(Files.isRegularFile(wav), "no recording at " + wav);
        File f = wav.toFile();
        try (AudioInputStream in = AudioSystem.getAudioInputStream(f)) {
            AudioFormat format = in.getFormat();
            assertEquals(16, format.getSampleSizeInBits(), format.toString());
            double length = in.getFrameLength() / format.getFrameRate();
            assertTrue(length >= seconds, wav + " is " + length + " s long");
            byte[] pcm = in.readAllBytes();
            int loud = 0;
            for (int i = 0; i + 1 < pcm.length; i += 2) {
                int sample = format.isBigEndian() ? (short) ((pcm[i] << 8) | (pcm[i + 1] & 0xff)) : (short) ((pcm[i + 1] << 8) | (pcm[i] & 0xff));
                if (Math.abs(sample) > 1000) loud++;
            }
            assertTrue(loud > format.getFrameRate() / 2, wav + " has the caller's voice in it: " + loud + " loud samples");
        }
    }
}
