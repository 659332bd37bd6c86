package org.stationd.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The hand-written uuid scan finds, masks and translates exactly what the {@link UuidMap#UUID} pattern does. */
class UuidMapTest {
    private static final String[] PIECES = {"5b1d0c1e-0000-4000-8000-000000000001", "ABCDEF01-2345-6789-abcd-ef0123456789", "-", "0", "f", "g",
            " ", "uuid_broadcast ", "5b1d0c1e-0000-4000-8000-00000000000", "5b1d0c1e-0000-4000-8000", "5b1d0c1e0000-4000-8000-000000000001"};

    @Test
    void scansAsThePatternDoes() {
        Random random = new Random(13);
        for (int round = 0; round < 5000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(8); i > 0; i--) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String s = sb.toString();
            List<String> expected = new ArrayList<>();
            Matcher m = UuidMap.UUID.matcher(s);
            while (m.find()) expected.add(m.group());
            assertEquals(expected, UuidMap.find(s), s);
            assertEquals(UuidMap.UUID.matcher(s).replaceAll("#"), UuidMap.masked(s), s);
        }
    }

    @Test
    void pairsAndTranslates() {
        UuidMap map = new UuidMap();
        String recorded = "sendmsg 11111111-1111-4111-8111-111111111111 play x";
        String actual = "sendmsg 22222222-2222-4222-8222-222222222222 play x";
        assertTrue(map.unify(recorded, actual));
        assertFalse(map.unify("sendmsg 11111111-1111-4111-8111-111111111111 play y", actual));
        assertEquals("a 22222222-2222-4222-8222-222222222222 b 33333333-3333-4333-8333-333333333333",
                map.translate("a 11111111-1111-4111-8111-111111111111 b 33333333-3333-4333-8333-333333333333"));
    }

    /** A play's tag pairs like any uuid; a recording made before plays were tagged still matches, and its events name the tagged file. */
    @Test
    void playTagsPairAndARecordingWithoutThemStillMatches() {
        UuidMap map = new UuidMap();
        String recordedTagged = "api conference kla-studio play {stationd_play=11111111-1111-4111-8111-111111111111}/m/news.wav";
        String actual = "api conference kla-studio play {stationd_play=22222222-2222-4222-8222-222222222222}/m/news.wav";
        assertTrue(map.unify(recordedTagged, actual));
        assertEquals("{stationd_play=22222222-2222-4222-8222-222222222222}/m/news.wav",
                map.translate("{stationd_play=11111111-1111-4111-8111-111111111111}/m/news.wav"));

        UuidMap legacy = new UuidMap();
        assertFalse(legacy.unify("api conference kla-studio play /m/other.wav", actual));
        assertTrue(legacy.unify("api conference kla-studio play /m/news.wav", actual));
        assertEquals("{stationd_play=22222222-2222-4222-8222-222222222222}/m/news.wav", legacy.taggedFile("/m/news.wav"));
        assertEquals("/m/other.wav", legacy.taggedFile("/m/other.wav"));
        assertEquals(actual, legacy.taggedWords("api conference kla-studio play /m/news.wav"));
        assertEquals("api conference kla-studio play /m/news.wav", UuidMap.withoutPlayTags(actual));
    }
}
