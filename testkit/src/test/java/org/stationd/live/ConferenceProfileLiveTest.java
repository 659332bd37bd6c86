package org.stationd.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.live.LiveSwitch;
import org.stationd.testing.Show;

/**
 * docs/freeswitch/conference.conf.xml, installed as an operator would (into the switch's
 * autoload_configs, then reloadxml; mod_conference reads a profile when a conference is created),
 * makes the {@code stationd} profile keyless and silent by itself: a member who joins without
 * stationd's per-call {@code conference_controls=none} presses * 2 # 0 and stays in, unmuted,
 * hearing; the keys arrive as DTMF; nothing but the show plays (no alone sound, no hold music,
 * no enter tone).
 */
class ConferenceProfileLiveTest {
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();

    @Test
    void theOperatorsProfileHasNoCallerControlsAndNoSounds() throws Exception {
        Files.copy(Show.home().resolve("docs/freeswitch/conference.conf.xml"),
                FS.get().dir().resolve("conf/autoload_configs/conference.conf.xml"), StandardCopyOption.REPLACE_EXISTING);
        List<EslEvent> events = new CopyOnWriteArrayList<>();
        try (EslClient fs = EslClient.connect(FS.get().options())) {
            fs.addListener(events::add);
            fs.events(EventFormat.PLAIN, "DTMF", "CUSTOM", "conference::maintenance").get(10, TimeUnit.SECONDS);
            assertTrue(NewsRelayLiveTest.api(fs, "reloadxml").startsWith("+OK"));
            String host = UUID.randomUUID().toString();
            fs.bgapi("originate {origination_uuid=" + host + "}loopback/tx9/stations &conference(room@stationd)").result().get(30, TimeUnit.SECONDS);
            fs.bgapi("originate loopback/tx1/stations &conference(room@stationd)").result().get(30, TimeUnit.SECONDS);
            await(() -> NewsRelayLiveTest.api(fs, "conference room count").equals("2"), "two members");

            String farEnd = NewsRelayLiveTest.api(fs, "uuid_getvar " + host + " other_loopback_leg_uuid");
            NewsRelayLiveTest.api(fs, "uuid_send_dtmf " + farEnd + " *2#0");
            await(() -> events.stream().filter(e -> e.is("DTMF") && host.equals(e.uniqueId())).count() == 4, "the four keys as DTMF");

            String list = NewsRelayLiveTest.api(fs, "conference room list");
            String hostLine = list.lines().filter(l -> l.contains(host)).findFirst().orElse("");
            assertTrue(hostLine.contains(";hear|speak"), "still in, hearing and speaking: " + list);
            List<String> acted = events.stream().map(e -> String.valueOf(e.header("Action")))
                    .filter(List.of("mute-member", "deaf-member", "kick-member", "del-member", "volume-level")::contains).toList();
            assertEquals(List.of(), acted, "no caller control acted");
            assertEquals(List.of(), events.stream().filter(e -> "play-file".equals(e.header("Action"))).map(e -> e.header("File")).toList(),
                    "nothing played into the conference by the profile");
            NewsRelayLiveTest.api(fs, "hupall");
        }
    }

    private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("waited 30 s for " + what + "\n" + FS.get().logTail());
            Thread.sleep(20);
        }
    }
}
