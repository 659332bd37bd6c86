package org.stationd.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.testing.Show;

/** programs/playlist.groovy: running order, missing media skipped, next episode, transmitter drop and resume, no media at all. */
class PlaylistTest {
    @TempDir
    Path dir;

    static Show.Builder bench(Path dir, String settings) throws Exception {
        return Show.in(dir).program(Path.of(System.getProperty("stationd.home"), "programs", "playlist.groovy"))
                .media("jingle.wav", 0.3).media("stories-1.wav", 0.4).media("stories-3.wav", 0.4)
                .media("ad-market.wav", 0.3).media("music-1.wav", 0.6)
                .station("kla", s -> s.program("playlist.groovy").transmitter("user/3001").sms("7100").settings(settings));
    }

    static final String SETTINGS = "{ jingle: jingle.wav, series: [stories-1.wav, stories-2.wav, stories-3.wav], "
            + "ads: [ad-market.wav, ad-missing.wav], music: [music-1.wav], readSms: 2 }";

    @Test
    void airsTheRunningOrderSkipsMissingMediaAndResumesAfterATransmitterDrop() throws Exception {
        try (Show show = bench(dir, SETTINGS).start()) {
            show.await("music plays", () -> show.aired("kla").contains("music-1.wav"));
            assertEquals(List.of("jingle.wav", "stories-1.wav", "ad-market.wav", "ad-missing.wav", "music-1.wav"),
                    show.aired("kla").subList(0, 5), show.aired("kla").toString());
            assertTrue(show.logged("kla", "skipped ad-missing.wav: the file is missing or unreadable"), show.lines().toString());
            assertEquals(0, show.station("kla").station().getStore().get("lastEpisode"), "episode 1 aired");

            // the transmitter drops: the station redials it and the show goes on
            String tx = show.station("kla").station().getTransmitter().getId();
            int before = show.aired("kla").size();
            show.sim().hangup(tx, "NORMAL_CLEARING");
            show.awaitState("kla", "reconnecting");
            show.await("back on air", () -> show.lines().stream().filter(l -> l.equals("kla state playing")).count() == 2);
            show.await("playing again", () -> show.aired("kla").size() > before + 1);
            assertTrue(show.lines().stream().filter(l -> l.startsWith("kla call dialling user/3001")).count() >= 2, show.lines().toString());
            assertTrue(show.errors().isEmpty(), show.errors().toString());
        }
    }

    @Test
    void theNextShowPlaysTheEpisodeAfterTheLastOneAiredAndWrapsAround() throws Exception {
        try (Show show = bench(dir, SETTINGS).start()) {
            show.station("kla").station().getStore().put("lastEpisode", 1);   // episode 2 aired last time
            show.host().swap("kla", "playlist.groovy");                // a new airing
            show.await("episode 3", () -> show.aired("kla").contains("stories-3.wav"));
            show.await("remembered", () -> Integer.valueOf(2).equals(show.station("kla").station().getStore().get("lastEpisode")));
            // an approved voice-board message airs in the running order; a pending one does not
            Path greeting = dir.resolve("greeting-1.wav");
            org.stationd.media.Wav.write(greeting, org.stationd.media.Wav.melody(0.3, new int[] {330}), org.stationd.media.Wav.RATE);
            org.stationd.storage.DbRecordings board = new org.stationd.storage.DbRecordings(show.host().database(), "kla", java.time.Instant::now);
            board.setStatus(board.save(greeting.toString(), "greeting", 3, "256700000066", 0.3).id(), "approved");
            board.save(dir.resolve("pending.wav").toString(), "ad", 3, "256700000067", 0.3);
            show.text("256700000055", "7100", "greetings to everyone in Kampala");
            show.await("text stored", () -> show.lines().contains("kla call text from 256700000055"));
            show.host().swap("kla", "playlist.groovy");
            show.await("wrapped around to episode 1", () -> show.aired("kla").contains("stories-1.wav"));
            show.await("the text is read on air after the ads",
                    () -> show.aired("kla").contains("say:A message from 256700000055: greetings to everyone in Kampala"));
            show.await("the approved greeting aired", () -> show.aired("kla").contains("greeting-1.wav"));
            assertTrue(!show.aired("kla").contains("pending.wav"), show.aired("kla").toString());
            List<String> aired = show.aired("kla");
            assertTrue(aired.indexOf("stories-3.wav") < aired.indexOf("stories-1.wav"), aired.toString());
        }
    }

    /** Music goes round its list, saying what plays; one track that cannot play is skipped, the show goes on with the next. */
    @Test
    void musicGoesRoundItsListTrackAfterTrack() throws Exception {
        try (Show show = bench(dir, "{ music: [music-1.wav, music-gone.wav, music-2.wav] }").media("music-2.wav", 0.4).virtualTime().start()) {
            show.await("music round twice", () -> show.aired("kla").stream().filter("music-2.wav"::equals).count() == 2);
            assertEquals(List.of("music-1.wav", "music-gone.wav", "music-2.wav", "music-1.wav", "music-gone.wav", "music-2.wav"),
                    show.aired("kla").subList(0, 6), show.aired("kla").toString());
            assertTrue(show.logged("kla", "on air: music music-2.wav"), show.lines().toString());
        }
    }

    @Test
    void aShowWithNothingToPlayEndsAsNoMedia() throws Exception {
        try (Show show = bench(dir, "{ jingle: gone.wav, series: [lost.wav], ads: [], music: [] }").start()) {
            show.awaitState("kla", "off-air");
            show.await("reported", () -> "no_media".equals(show.station("kla").reportedStatus()));
            assertTrue(show.logged("kla", "skipped gone.wav"), show.lines().toString());
            assertTrue(show.logged("kla", "skipped lost.wav"), show.lines().toString());
            show.await("transmitter hung up", () -> show.station("kla").station().getTransmitter() == null);
        }
    }

    @Test
    void anUnreachableTransmitterEndsTheAiringAsFailedAndTextsTheOperators() throws Exception {
        Show.Builder b = Show.in(dir).program(Path.of(System.getProperty("stationd.home"), "programs", "playlist.groovy"))
                .media("jingle.wav", 0.3).phone("3006", "busy").phone("3007", "unreachable")
                .station("kla", s -> s.program("playlist.groovy").transmitter("user/3006", "user/3007").sms("7100")
                        .operators("256700000099").settings("{ jingle: jingle.wav }"));
        try (Show show = b.start()) {
            show.awaitState("kla", "off-air");
            show.await("reported failed", () -> "failed".equals(show.station("kla").reportedStatus()));
            assertTrue(show.lines().stream().anyMatch(l -> l.startsWith("kla call dialling user/3006")), show.lines().toString());
            assertTrue(show.lines().stream().anyMatch(l -> l.startsWith("kla call dialling user/3007")), "fell back to the second number");
            show.await("operator texted", () -> show.apiCommands("kla").stream().anyMatch(c -> c.startsWith("chat sms|7100|256700000099|")));
            assertTrue(show.aired("kla").isEmpty(), show.aired("kla").toString());
        }
    }
}
