package org.stationd.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recorded folders read as a replay's own: only where a path begins, longest folder first, never twice. */
class RecordedPathsTest {
    private static Map<String, Object> load(String media, String recordings) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("k", "load");
        r.put("media", media);
        r.put("recordings", recordings);
        return r;
    }

    @Test
    void mapsFoldersWhereAPathBeginsAndNowhereElse() {
        RecordedPaths p = RecordedPaths.of(load("/a/programs/media", "/a/data/recordings"), Path.of("/b/media"), Path.of("/b/rec"));
        assertEquals("/b/media/jingle.wav", p.translate("/a/programs/media/jingle.wav"));
        assertEquals("1 1 3 10000 # /b/media/x.wav /b/media/invalid.wav var [123] 10000",
                p.translate("1 1 3 10000 # /a/programs/media/x.wav /a/programs/media/invalid.wav var [123] 10000"));
        assertEquals("conference kla play /b/media/news.wav@@8000", p.translate("conference kla play /a/programs/media/news.wav@@8000"));
        assertEquals("{a=b}/b/rec/gulu/v-1.wav 60", p.translate("{a=b}/a/data/recordings/gulu/v-1.wav 60"));
        assertEquals("/b/media", p.translate("/a/programs/media"));
        // a longer folder name, or the folder inside another path, is not the recorded folder
        assertEquals("/a/programs/media2/x.wav", p.translate("/a/programs/media2/x.wav"));
        assertEquals("/c/a/programs/media/x.wav", p.translate("/c/a/programs/media/x.wav"));
        assertEquals("tone_stream://%(500,0,800)", p.translate("tone_stream://%(500,0,800)"));
    }

    @Test
    void nestedFoldersMapLongestFirstAndTranslatedTextIsNotTranslatedAgain() {
        RecordedPaths p = RecordedPaths.of(load("/a/data", "/a/data/recordings"), Path.of("/b/data"), Path.of("/a/data/x"));
        assertEquals("/a/data/x/gulu/1.wav", p.translate("/a/data/recordings/gulu/1.wav"));
        assertEquals("/b/data/jingle.wav", p.translate("/a/data/jingle.wav"));
    }

    @Test
    void aLogWithoutFoldersMapsNothing() {
        Map<String, Object> old = new LinkedHashMap<>();
        old.put("k", "load");
        RecordedPaths p = RecordedPaths.of(old, Path.of("/b/media"), Path.of("/b/rec"));
        assertTrue(p.isEmpty());
        String s = "/a/programs/media/x.wav";
        assertSame(s, p.translate(s));
    }

    @Test
    void relocateRenamesEachStationsFoldersInEveryField() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("st", "gulu");
        out.put("k", "sendmsg");
        out.put("headers", Map.of("execute-app-arg", "/tmp/j1/programs/media/w.wav"));
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("st", "kla");
        other.put("k", "api");
        other.put("cmd", "conference kla play /tmp/j1/programs/media/w.wav");   // kla has no load record: left as it is
        Map<String, Object> l = load("/tmp/j1/programs/media", "/tmp/j1/data/recordings");
        l.put("st", "gulu");
        List<Map<String, Object>> moved = RecordedPaths.relocate(List.of(l, out, other), "programs/media", "data/recordings");
        assertEquals("programs/media", moved.get(0).get("media"));
        assertEquals("data/recordings", moved.get(0).get("recordings"));
        assertEquals(Map.of("execute-app-arg", "programs/media/w.wav"), moved.get(1).get("headers"));
        assertEquals("conference kla play /tmp/j1/programs/media/w.wav", moved.get(2).get("cmd"));
        // and a replay reads the relative names as its own folders
        RecordedPaths p = RecordedPaths.of(moved.get(0), Path.of("/srv/st/programs/media"), Path.of("/srv/st/data/recordings"));
        assertEquals("1 # /srv/st/programs/media/w.wav", p.translate("1 # programs/media/w.wav"));
    }
}
