package org.stationd.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.esl.live.LiveSwitch;
import org.stationd.testing.Show;

/** programs/playlist.groovy on the real FreeSWITCH: on air in its conference, a killed transmitter leg redialled. */
class PlaylistLiveTest {
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();

    @TempDir
    Path dir;

    /** One playlist station, kla, with short media, on the real switch at {@code url}; the log replay test records it too. */
    static Show.Builder bench(Path dir, String url) throws java.io.IOException {
        return Show.in(dir).realSwitch(url)
                .program(Show.programFile("playlist.groovy"))
                .media("jingle.wav", 0.3).media("stories-1.wav", 0.4).media("ad-market.wav", 0.3).media("music-1.wav", 0.6)
                .station("kla", s -> s.program("playlist.groovy").transmitter("loopback/tx1/stations")
                        .settings("{ jingle: jingle.wav, series: [stories-1.wav], ads: [ad-market.wav], music: [music-1.wav] }"));
    }

    @Test
    void airsTheRunningOrderAndResumesAfterTheTransmitterLegIsKilled() throws Exception {
        try (Show show = bench(dir, FS.get().url()).start()) {
            show.await("music plays", () -> show.aired("kla").contains("music-1.wav"));
            assertEquals(List.of("jingle.wav", "stories-1.wav", "ad-market.wav", "music-1.wav"), show.aired("kla").subList(0, 4),
                    show.aired("kla").toString());

            String tx = show.station("kla").station().getTransmitter().getId();
            int before = show.aired("kla").size();
            show.drop(tx);
            show.awaitState("kla", "reconnecting");
            show.await("back on air", () -> show.lines().stream().filter(l -> l.equals("kla state playing")).count() == 2);
            show.await("playing again", () -> show.aired("kla").size() > before + 1);
            assertTrue(show.errors().isEmpty(), show.errors() + "\n" + FS.get().logTail());
        }
    }
}
