package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console of `./stationd run`: a line per change for a few stations, a summary for many; call events only on request. */
class ConsoleListenerTest {
    private static List<String> lines(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aFewStationsGetALinePerChangeButNoLinePerCallEvent() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ConsoleListener c = new ConsoleListener(new PrintStream(b, true, StandardCharsets.UTF_8), 2);
        c.programLoaded("kla", "playlist.groovy", "3f9a2c1e77");
        c.stateChanged("kla", "playlist.groovy", null, "dialling");
        c.callEvent("kla", "5b1d0000-1111", "answered");
        c.callEvent("kla", "5b1d0000-1111", "dtmf 1");
        c.stateChanged("kla", "playlist.groovy", "dialling", "playing");
        List<String> l = lines(b);
        assertEquals(3, l.size(), l.toString());
        assertTrue(l.get(0).endsWith("kla          program playlist.groovy on air (version 3f9a2c1e)"), l.get(0));
        assertTrue(l.get(2).endsWith("kla          playlist.groovy: dialling → playing"), l.get(2));
    }

    @Test
    void manyStationsAreSummedUpNotALineEach() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ConsoleListener c = new ConsoleListener(new PrintStream(b, true, StandardCharsets.UTF_8), 1_000);
        for (int i = 0; i < 1_000; i++) {
            c.programLoaded("s" + i, "onair.groovy", "v1");
            c.stateChanged("s" + i, "onair.groovy", null, "dialling");
            if (i < 998) c.stateChanged("s" + i, "onair.groovy", "dialling", "on-air");
        }
        assertEquals("1,000 stations: 2 onair.groovy dialling, 998 onair.groovy on-air", c.summaryLine());
        long end = System.nanoTime() + 60_000_000_000L;
        while (lines(b).isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        List<String> l = lines(b);
        assertEquals(1, l.size(), l.toString());
        assertTrue(l.get(0).endsWith("  1,000 stations: 2 onair.groovy dialling, 998 onair.groovy on-air"), l.get(0));
    }
}
