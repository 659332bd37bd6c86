package org.stationd.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.dispatch.EventListener;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.live.LegRecorder;
import org.stationd.esl.live.LegSequence;
import org.stationd.esl.live.LiveSwitch;
import org.stationd.programs.VoiceBoardTest;
import org.stationd.testing.Listener;
import org.stationd.testing.Show;

/**
 * Simulator fidelity for the shipped programs: the same short session of a program runs on the
 * real FreeSWITCH and on the simulator with the bundled {@code stations} context
 * ({@link Show.Builder#bundledDialplan}); an observer subscribed to every event on each switch
 * files them per call leg by role (transmitter and listener calls numbered in the order they are
 * created, never by uuid), and the sequences must be equal but for the esl differential test's
 * {@code SimulatorDifferences}. Both sequences are written to {@code target/differential/program-<name>.txt}.
 */
class ProgramDifferentialTest {
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();

    private static final long WAIT_MS = 30_000;

    @TempDir
    Path dir;

    /** The bench of one program, the same on both switches. */
    @FunctionalInterface
    interface Bench {
        Show.Builder setUp(Show.Builder b) throws Exception;
    }

    /** What happens on air, driven by events only; the session ends when the stations stop. */
    @FunctionalInterface
    interface Session {
        void run(Show show, Observer legs) throws Exception;
    }

    @Test
    void playlist() throws Exception {
        compare("playlist", b -> b.program(Show.programFile("playlist.groovy"))
                        .media("jingle.wav", 0.3).media("stories-1.wav", 0.4).media("ad-market.wav", 0.3).media("music-1.wav", 60)
                        .station("kla", s -> s.program("playlist.groovy").transmitter("loopback/tx1/stations")
                                .settings("{ jingle: jingle.wav, series: [stories-1.wav], ads: [ad-market.wav], music: [music-1.wav] }")),
                (show, legs) -> {
                    // the last item is a minute long: the session stops while it plays, whatever the machine's speed
                    legs.await(e -> "play-file".equals(e.header("Action")) && fileIs(e.header("File"), "music-1.wav"), "music-1.wav playing");
                });
    }

    @Test
    void voiceBoard() throws Exception {
        compare("voiceboard", b -> VoiceBoardTest.withPrompts(b)
                        .station("gulu", s -> s.program("voiceboard.groovy").transmitter("loopback/tx1/stations").line("ivr", "7009")),
                (show, legs) -> {
                    Listener caller = show.listener("256700000001").calls(show.line("gulu", "ivr"));
                    // each key is pressed once the prompt asking for it has played out, and the caller hangs up at the next question
                    legs.awaitPlayed("listener1.b", "voiceboard-category.wav");
                    caller.presses("2");
                    legs.awaitPlayed("listener1.b", "voiceboard-days.wav");
                    caller.hangsUp();
                    legs.await(e -> e.is("CHANNEL_DESTROY") && e.uniqueId().equals(legs.recorder.uuidOf("listener1.b")), "the station's leg ends");
                });
    }

    @Test
    void talkShow() throws Exception {
        compare("talkshow", b -> b.program(Show.programFile("talkshow.js"))
                        .media("talkshow-ready.wav", 0.3).media("talkshow-queued.wav", 0.3).media("hold.wav", 0.5)
                        .media("talkshow-offair.wav", 0.3).media("goodbye.wav", 0.3)
                        .station("kla", s -> s.program("talkshow.js").transmitter("loopback/tx1/stations").line("call-in", "256414000001")
                                .settings("{ host: loopback/tx9/stations, mode: queue }")),
                (show, legs) -> {
                    Listener host = show.answered("kla", "loopback/tx9/stations");
                    legs.awaitPlayed("tx9.a", "talkshow-ready.wav");
                    host.presses("1");
                    // the transmitter, then the host join the show (the host's "you are on air" fails: no TTS on either switch)
                    legs.await(e -> "add-member".equals(e.header("Action")) && e.uniqueId() != null
                            && e.uniqueId().equals(legs.recorder.uuidOf("tx9.a")), "the host in the show");
                });
    }

    @Test
    void newsRelay() throws Exception {
        compare("news-relay", b -> b.program(Show.programFile("news-relay.js")).media("news.wav", 1)
                        .station("s01", s -> s.program("news-relay.js").group("news").transmitter("loopback/tx1/stations").settings("{ report: news.wav }"))
                        .station("s02", s -> s.program("news-relay.js").group("news").transmitter("loopback/tx2/stations").settings("{ report: news.wav }")),
                (show, legs) -> {
                    // the report ends the session by itself: every station hangs its transmitter up
                    show.await("both done", () -> show.entered("s01", "done") && show.entered("s02", "done"));
                    for (String leg : List.of("tx1.a", "tx1.b", "tx2.a", "tx2.b")) {
                        String uuid = legs.recorder.awaitUuid(leg, WAIT_MS);
                        legs.await(e -> e.is("CHANNEL_DESTROY") && uuid.equals(e.uniqueId()), leg + " ends");
                    }
                });
    }

    private static boolean fileIs(String path, String name) {
        return path != null && (path.equals(name) || path.endsWith("/" + name));
    }

    private void compare(String name, Bench bench, Session session) throws Exception {
        List<String> realErrors = new ArrayList<>();
        List<String> simErrors = new ArrayList<>();
        LegSequence real = run(bench.setUp(Show.in(dir.resolve("real")).realSwitch(FS.get().url())), session, "FreeSWITCH", realErrors);
        LegSequence simulated = run(bench.setUp(Show.in(dir.resolve("sim")).bundledDialplan()), session, "simulator", simErrors);
        assertEquals(realErrors, simErrors, "what the programs were told went wrong, on FreeSWITCH and on the simulator");
        Path report = Path.of("target", "differential", "program-" + name + ".txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "== FreeSWITCH\n" + real + "\n== simulator\n" + simulated);
        List<String> diffs = LegSequence.differences(real, simulated);
        if (!diffs.isEmpty()) {
            fail(diffs.size() + " unexplained difference(s) in the " + name + " session (both sequences in " + report.toAbsolutePath() + "):\n  "
                    + String.join("\n  ", diffs));
        }
    }

    /**
     * Runs the session; what the stations heard as errors from the switch is added to {@code errors}
     * (with uuids written as roles), to be compared too.
     */
    private static LegSequence run(Show.Builder bench, Session session, String where, List<String> errors) throws Exception {
        Observer[] observer = new Observer[1];
        bench.beforeStations(options -> observer[0] = new Observer(options));
        try (Show show = bench.start()) {
            try {
                session.run(show, observer[0]);
                show.stopStations();   // hangs up the stations' calls: the switch ends every leg
                observer[0].recorder.awaitAllDestroyed(WAIT_MS);
            } catch (AssertionError e) {
                throw new AssertionError("on " + where + ": " + e.getMessage() + "\nso far:\n"
                        + LegSequence.of(observer[0].recorder, bench.dir(), List.of()) + "\nthe stations said:\n  " + String.join("\n  ", show.lines())
                        + ("FreeSWITCH".equals(where) ? "\n" + FS.get().logTail() : ""), e);
            } finally {
                observer[0].close();   // before the show closes its switch
            }
            errors.addAll(show.errors().stream().map(e -> e.handler() + ": " + e.message()).toList());
        } finally {
            if (observer[0] != null) {
                observer[0].close();
            }
        }
        LegSequence legs = LegSequence.of(observer[0].recorder, bench.dir().toAbsolutePath(), List.of());
        for (int i = 0; i < errors.size(); i++) {
            String e = errors.get(i).replace(bench.dir().toAbsolutePath().toString(), "<media>");
            for (var r : observer[0].recorder.roles().entrySet()) {
                e = e.replace(r.getValue(), "<" + r.getKey() + ">");
            }
            errors.set(i, e);
        }
        return legs;
    }

    /**
     * Every event of one switch, on a connection of its own subscribed to ALL. A loopback call's A
     * leg is named when its final channel name ({@code loopback/<dest>-a}) first shows: a phone that
     * answers ({@code tx<N>}: a transmitter, a talk show's host) by its number, {@code tx<N>.a}, and
     * {@code tx<N>#2.a} when dialled again; a listener ({@code listener<n>.a}) by the order the
     * listeners' calls appear; the recorder finds each B leg.
     */
    static final class Observer implements EventListener, AutoCloseable {
        private static final Pattern A_LEG = Pattern.compile("loopback/([^/]+)-a");
        final LegRecorder recorder = new LegRecorder();
        private final EslClient client;
        private final Set<String> named = new HashSet<>();
        private final Map<String, Integer> calls = new HashMap<>();
        private boolean closed;

        Observer(EslClientOptions options) throws Exception {
            client = EslClient.connect(options.withDispatch(1, 100_000));
            client.addListener(this);
            client.events(EventFormat.PLAIN, "ALL").get(10, TimeUnit.SECONDS);
        }

        @Override
        public void onEvent(EslEvent e) {
            String uuid = e.uniqueId();
            String channel = e.header("Channel-Name");
            if (uuid != null && channel != null && !named.contains(uuid)) {
                Matcher m = A_LEG.matcher(channel);
                if (m.matches()) {
                    named.add(uuid);
                    String dest = m.group(1);
                    String kind = dest.matches("tx\\d+") ? dest : "listener";
                    int n = calls.merge(kind, 1, Integer::sum);
                    recorder.expectCall(kind.equals("listener") ? kind + n : n == 1 ? kind : kind + "#" + n, uuid);
                }
            }
            recorder.onEvent(e);
        }

        EslEvent await(Predicate<EslEvent> p, String what) throws InterruptedException {
            return recorder.await(p, 1, WAIT_MS, what);
        }

        /** A prompt played to its end (PLAYBACK_STOP) on the leg {@code role}. */
        void awaitPlayed(String role, String file) throws InterruptedException {
            String uuid = recorder.awaitUuid(role, WAIT_MS);
            await(e -> e.is("PLAYBACK_STOP") && uuid.equals(e.uniqueId()) && fileIs(e.header("Playback-File-Path"), file),
                    file + " played on " + role);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                client.close();
            }
        }
    }
}
