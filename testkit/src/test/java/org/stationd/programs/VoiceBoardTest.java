package org.stationd.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.api.Recording;
import org.stationd.storage.DbRecordings;
import org.stationd.testing.Listener;
import org.stationd.testing.Show;

/** programs/voiceboard.groovy through the simulated switch: a listener leaves a greeting; another hangs up while recording. */
public class VoiceBoardTest {
    @TempDir
    Path dir;

    /**
     * A caller on the IVR line picks a category and a number of days, records a message, and
     * chooses {@code menuChoice} at the menu (2 saves, 4 discards); returns once the call is over.
     */
    public static void callerLeavesAMessage(Show show, String category, String days, String menuChoice) throws InterruptedException {
        show.listener("256700000001").calls(show.line("gulu", "ivr"))
                .when("category asked", () -> show.aired("gulu").contains("voiceboard-category.wav")).waits(Duration.ofMillis(400)).presses(category)
                .when("days asked", () -> show.aired("gulu").contains("voiceboard-days.wav")).waits(Duration.ofMillis(400)).presses(days + "#")
                .when("recording", () -> show.lines().contains("gulu call playbackDone tone_stream://%(500,0,800) done"))
                .waits(Duration.ofMillis(800)).presses("#")
                .when("menu", () -> show.aired("gulu").contains("voiceboard-menu.wav")).waits(Duration.ofMillis(400)).presses(menuChoice);
        show.await("the call is over", () -> show.lines().contains("gulu call hangup NORMAL_CLEARING"));
    }

    public static Show.Builder bench(Path dir) throws Exception {
        return bench(Show.in(dir));
    }

    /** The voice board on the gulu station, its IVR line 7009, and its prompts. */
    static Show.Builder bench(Show.Builder b) throws Exception {
        return withPrompts(b).station("gulu", s -> s.program("voiceboard.groovy").transmitter("user/3001").line("ivr", "7009"));
    }

    /** The voice board program and its prompts on a bench (the live suite uses them on the real switch). */
    public static Show.Builder withPrompts(Show.Builder b) throws Exception {
        b.program(Show.programFile("voiceboard.groovy"));
        for (String prompt : List.of("voiceboard-welcome", "voiceboard-category", "voiceboard-days", "voiceboard-menu",
                "voiceboard-saved", "voiceboard-discarded", "invalid", "goodbye")) {
            b.media(prompt + ".wav", 0.3);
        }
        return b;
    }

    private static boolean asked(Show show, String prompt, int times) {
        return show.aired("gulu").stream().filter(prompt::equals).count() >= times;
    }

    @Test
    void aListenerRecordsListensAndSavesAGreetingThatWaitsForApproval() throws Exception {
        try (Show show = bench(dir).start()) {
            Listener caller = show.listener("256700000001").calls("7009");
            caller.when("category asked", () -> asked(show, "voiceboard-category.wav", 1)).waits(Duration.ofMillis(400)).presses("2")
                  .when("days asked", () -> asked(show, "voiceboard-days.wav", 1)).waits(Duration.ofMillis(400)).presses("7#")
                  .when("recording", () -> show.lines().stream().anyMatch(l -> l.equals("gulu call playbackDone tone_stream://%(500,0,800) done")))
                  .waits(Duration.ofMillis(1500)).presses("#")
                  .when("menu", () -> asked(show, "voiceboard-menu.wav", 1)).waits(Duration.ofMillis(400)).presses("1")
                  .when("menu again after listening", () -> asked(show, "voiceboard-menu.wav", 2)).waits(Duration.ofMillis(400)).presses("2");
            show.await("saved", () -> show.logged("gulu", "saved a greeting from 256700000001, valid 7 days"));
            show.await("the caller is hung up", () -> show.lines().contains("gulu call hangup NORMAL_CLEARING"));

            List<String> aired = show.aired("gulu");
            assertEquals(List.of("voiceboard-welcome.wav", "voiceboard-category.wav", "voiceboard-days.wav", "tone_stream://%(500,0,800)"),
                    aired.subList(0, 4), aired.toString());
            assertTrue(aired.get(aired.size() - 1).equals("voiceboard-saved.wav"), aired.toString());

            DbRecordings recordings = new DbRecordings(show.host().database(), "gulu", java.time.Instant::now);
            List<Recording> all = recordings.all();
            assertEquals(1, all.size(), all.toString());
            Recording r = all.get(0);
            assertEquals("greeting", r.category());
            assertEquals("256700000001", r.caller());
            assertEquals("pending", r.status());
            assertTrue(Files.size(Path.of(r.file())) > 44, "the switch wrote the recording: " + r.file());
            assertTrue(recordings.playable().isEmpty(), "not on air before an operator approves it");
            recordings.setStatus(r.id(), "approved");
            assertEquals(List.of(r.file()), recordings.playable().stream().map(Recording::file).toList());
        }
    }

    @Test
    void aCallerWhoHangsUpWhileRecordingLeavesNothing() throws Exception {
        try (Show show = bench(dir).start()) {
            Listener caller = show.listener("256700000002").calls("7009");
            caller.when("category asked", () -> asked(show, "voiceboard-category.wav", 1)).waits(Duration.ofMillis(400)).presses("1")
                  .when("days asked", () -> asked(show, "voiceboard-days.wav", 1)).waits(Duration.ofMillis(400)).presses("3#")
                  .when("recording", () -> show.lines().stream().anyMatch(l -> l.equals("gulu call playbackDone tone_stream://%(500,0,800) done")))
                  .waits(Duration.ofMillis(800)).hangsUp();
            show.await("noticed", () -> show.logged("gulu", "caller 256700000002 hung up while recording; nothing saved"));
            assertTrue(new DbRecordings(show.host().database(), "gulu", java.time.Instant::now).all().isEmpty());
            assertTrue(show.errors().isEmpty(), show.errors().toString());
        }
    }
}
