package org.stationd.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.live.LiveSwitch;
import org.stationd.testing.Listener;
import org.stationd.testing.Show;

/**
 * programs/talkshow.js on the real FreeSWITCH (mirrors TalkShowTest and TalkShowCallInTest): the
 * station calls the host, the host presses 1 and goes on air with the transmitter; a listener rings
 * the call-in line, waits with hold music, and goes on air on the host's 5; the host's keys in the
 * conference reach the program ({@code *2#} dials a guest), and do not mute, deafen or drop the host
 * as the {@code default} profile's caller controls would; the host hangs up, the show ends, and a
 * caller ringing then is turned away.
 */
class TalkShowLiveTest {
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();

    static final String LINE = "256414000001";

    @TempDir
    Path dir;

    @Test
    void hostAndCallerOnAirKeysReachTheShowAndTheShowEnds() throws Exception {
        Show.Builder bench = Show.in(dir).realSwitch(FS.get().url()).program(Show.programFile("talkshow.js"))
                .media("talkshow-ready.wav", 0.3).media("talkshow-queued.wav", 0.3).media("hold.wav", 0.5)
                .media("talkshow-offair.wav", 0.3).media("goodbye.wav", 0.3)
                .station("kla", s -> s.program("talkshow.js").transmitter("loopback/tx1/stations").line("call-in", LINE)
                        .settings("{ host: loopback/tx9/stations, mode: queue }"));
        try (Show show = bench.start(); EslClient fs = EslClient.connect(FS.get().options())) {
            Listener host = show.answered("kla", "loopback/tx9/stations");
            host.when("ready asked", () -> show.aired("kla").contains("talkshow-ready.wav")).presses("1");
            show.awaitState("kla", "on-air");
            show.await("host and transmitter in the show", () -> members(fs).size() == 2);

            // a caller waits in the queue with hold music; the host's 5 puts them on air
            Listener caller = show.listener("256700000022").calls(show.line("kla", "call-in"));
            show.await("queued", () -> show.aired("kla").contains("talkshow-queued.wav"));
            host.presses("5");
            show.await("caller on air", () -> show.logged("kla", "256700000022 is on air"));
            show.await("caller in the show", () -> members(fs).size() == 3);

            // keys pressed in the conference are the show's: *2# dials a guest, nobody is muted or dropped
            host.presses("*2#");
            show.await("the host dialled a guest", () -> show.lines().stream().anyMatch(l -> l.startsWith("kla call dialling sofia/gateway/pstn/2")));
            assertTrue(show.lines().containsAll(List.of("kla call dtmf *", "kla call dtmf 2", "kla call dtmf #")), show.lines().toString());
            List<String> members = members(fs);
            assertTrue(members.size() == 3 && members.stream().allMatch(m -> m.contains("hear|speak")),
                    "everyone still in the show, hearing and speaking: " + members);

            // the caller hangs up; the host hangs up and the show ends
            caller.hangsUp();
            show.await("the caller left", () -> show.station("kla").station().getCalls().stream().noneMatch(c -> caller.callId().equals(c.getId())));
            host.hangsUp();
            show.awaitState("kla", "off-air");
            show.await("every call of the show hung up", () -> show.station("kla").station().getCalls().isEmpty());

            // off air, a caller hears the message and is hung up
            show.listener("256700000033").calls(show.line("kla", "call-in"));
            show.await("turned away", () -> show.aired("kla").contains("talkshow-offair.wav"));
            show.await("the late caller hung up", () -> show.station("kla").station().getCalls().isEmpty());
            show.await("no call left on the switch", () -> NewsRelayLiveTest.api(fs, "show channels count").startsWith("0 total"));

            String log = Files.readString(FS.get().dir().resolve("log/freeswitch.log"));
            assertFalse(log.contains("conf-alone") || log.contains("local_stream://moh"), "the conference played its own sounds on air");
        }
    }

    /** The show's members as {@code conference kla-show list} gives them (id;name;uuid;…;flags;…). */
    private static List<String> members(EslClient fs) {
        String list = NewsRelayLiveTest.api(fs, "conference kla-show list");
        return list.startsWith("-ERR") || list.isEmpty() ? List.of() : Arrays.asList(list.split("\n"));
    }
}
