package org.stationd.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.api.Call;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.live.LiveSwitch;
import org.stationd.testing.Show;

/**
 * The switch restarts under the stations: a playlist and two news relays on air on the real
 * FreeSWITCH, which is killed (a crash: calls vanish without a word) or stopped (SIGTERM: it hangs
 * them up with SYSTEM_SHUTDOWN) and started again. The host shows the switch down meanwhile, and
 * afterwards every station is back on air on a new transmitter call, and the switch holds exactly
 * the calls the stations hold.
 */
class SwitchRestartLiveTest {
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();

    /** FreeSWITCH starts in a few seconds; the client's reconnect backoff may add up to ~15 s more. */
    private static final Duration BACK = Duration.ofSeconds(75);
    private static final List<String> STATIONS = List.of("kla", "mbr", "jja");

    @TempDir
    Path dir;

    @Test
    void everyStationRecoversAfterACrash() throws Exception {
        try (Show show = onAir()) {
            Map<String, String> before = transmitters(show);
            FS.get().kill();
            show.await("status shows the switch down", () -> switchState(show).startsWith("down since"));
            FS.get().restart();
            backOnAir(show, before);
            assertTrue(show.lines().stream().anyMatch(l -> l.startsWith("kla call ") && l.contains("hangup SWITCH_RESTARTED")),
                    "the playlist's transmitter call ended as the switch restarted:\n" + String.join("\n", show.lines()));
        }
    }

    @Test
    void everyStationRecoversAfterAGracefulStop() throws Exception {
        try (Show show = onAir()) {
            Map<String, String> before = transmitters(show);
            long t0 = System.nanoTime();
            FS.get().stop();   // returns once FreeSWITCH has exited (it may linger with the socket open first)
            System.out.printf("FreeSWITCH took %d ms to stop with the stations on air%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            show.await("status shows the switch down", () -> switchState(show).startsWith("down since"));
            FS.get().restart();
            backOnAir(show, before);
            assertTrue(show.logged("kla", "the switch is away"), "the playlist was told the switch went away");
        }
    }

    private Show onAir() throws Exception {
        Show show = Show.in(dir).realSwitch(FS.get().url())
                .program(Show.programFile("playlist.groovy")).program(Show.programFile("news-relay.js"))
                .media("jingle.wav", 0.3).media("music-1.wav", 2).media("news.wav", 90)
                .station("kla", s -> s.program("playlist.groovy").transmitter("loopback/tx1/stations")
                        .settings("{ jingle: jingle.wav, music: [music-1.wav] }"))
                .station("mbr", s -> s.program("news-relay.js").group("news").transmitter("loopback/tx2/stations").settings("{ report: news.wav, seconds: 90 }"))
                .station("jja", s -> s.program("news-relay.js").group("news").transmitter("loopback/tx3/stations").settings("{ report: news.wav, seconds: 90 }"))
                .start();
        try {
            show.await("the playlist plays music", BACK, () -> show.aired("kla").contains("music-1.wav"));
            show.await("both news stations relay", BACK, () -> show.entered("mbr", "relaying") && show.entered("jja", "relaying"));
            assertEquals("up", switchState(show));
            assertTrue(show.errors().isEmpty(), errorLines(show));
            return show;
        } catch (Exception | Error e) {
            show.close();
            throw e;
        }
    }

    /**
     * Every station on air again on a new answered transmitter call, the switch up, and no call
     * stuck on either side. The news relays are checked up to their new transmitter call and
     * {@code relaying}: what the new master then plays ({@code report@@offset}) is issue 11's item 4.
     */
    private void backOnAir(Show show, Map<String, String> before) throws Exception {
        show.await("kla plays again", BACK, () -> count(show, "kla state playing") == 2);
        for (String news : List.of("mbr", "jja")) {
            show.await(news + " relays again on a new transmitter call", BACK,
                    () -> count(show, news + " state relaying") == 2 && count(show, news + " call answered") == 2);
        }
        show.await("status shows the switch up", BACK, () -> switchState(show).startsWith("up"));
        show.await("kla has a new transmitter call, answered", BACK, () -> {
            Call tx = show.station("kla").station().getTransmitter();
            return tx != null && !tx.getId().equals(before.get("kla"));
        });
        int aired = show.aired("kla").size();
        show.await("kla airs the next item", BACK, () -> show.aired("kla").size() > aired);
        show.await("the switch holds exactly the calls the stations hold", BACK, () -> {
            Set<String> held = new TreeSet<>();
            for (String st : STATIONS) {
                show.station(st).station().getCalls().stream().map(Call::getId).forEach(held::add);
            }
            return held.equals(aLegs());
        });
        // news-relay stops the shared room when its transmitter drops; after a crash the room died with the switch, which says so.
        // And a handler cut off by the 200 ms wall-clock guard while FreeSWITCH restarts on a starved machine is about speed, not
        // about the restart (the stations came back all the same: asserted above).
        List<String> errors = show.errors().stream().map(e -> e.message())
                .filter(m -> !m.contains("Conference shared-news not found") && !m.startsWith("ran longer than")).toList();
        assertTrue(errors.isEmpty(), errorLines(show));
    }

    /** The uuids of the switch's call legs the stations placed (the {@code -a} side of each loopback call). */
    private static Set<String> aLegs() {
        try (EslClient fs = EslClient.connect(FS.get().options())) {
            JsonNode rows = new ObjectMapper().readTree(fs.api("show channels as json").get(10, TimeUnit.SECONDS).body()).path("rows");
            Set<String> out = new TreeSet<>();
            for (JsonNode row : rows) {
                if (row.path("name").asText().endsWith("-a")) out.add(row.path("uuid").asText());
            }
            return out;
        } catch (Exception e) {
            return Set.of("(cannot ask the switch: " + e.getMessage() + ")");
        }
    }

    private static Map<String, String> transmitters(Show show) {
        Map<String, String> out = new HashMap<>();
        for (String st : STATIONS) {
            out.put(st, show.station(st).station().getTransmitter().getId());
        }
        return out;
    }

    private static String switchState(Show show) {
        try {
            return String.valueOf(show.host().status().get("switchState"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String errorLines(Show show) {
        return String.join("\n", show.lines().stream().filter(l -> l.contains(" error ")).toList()) + "\n"
                + show.errors().stream().map(e -> e.handler() + " in " + e.state() + ": " + e.message()).toList();
    }

    private static long count(Show show, String line) {
        return show.lines().stream().filter(line::equals).count();
    }
}
