package org.stationd.esl.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.event.EslEvent;

/** The bundled FreeSWITCH starts, answers auth and dials a transmitter phone of the stations context. */
class RealSwitchSmokeTest {
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();

    @Test
    void dialsATransmitterThatAnswers() throws Exception {
        BlockingQueue<EslEvent> events = new LinkedBlockingQueue<>();
        try (EslClient fs = EslClient.connect(FS.get().options())) {
            fs.addListener(events::add);
            fs.events(EventFormat.PLAIN, "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE").get(10, TimeUnit.SECONDS);
            String reply = fs.bgapi("originate {station_id=smoke}loopback/tx1/stations &park()").result().get(30, TimeUnit.SECONDS).text();
            assertTrue(reply.startsWith("+OK "), reply);
            String uuid = reply.substring(4).trim();
            EslEvent answer = next(events, "CHANNEL_ANSWER", uuid);
            assertEquals("smoke", answer.variable("station_id"));
            assertTrue(fs.api("uuid_kill " + uuid).get(10, TimeUnit.SECONDS).body().startsWith("+OK"));
            EslEvent hangup = next(events, "CHANNEL_HANGUP_COMPLETE", uuid);
            assertEquals("NORMAL_CLEARING", hangup.header("Hangup-Cause"));
        }
    }

    @Test
    void aMissingSharedFreeSwitchFailsLoudly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> org.stationd.esl.testing.Shared.find(RealFreeSwitch.DIR_PROPERTY, null, java.util.List.of(empty.resolve("checkout").toString()),
                        "freeswitch", p -> java.nio.file.Files.isExecutable(p.resolve("start"))));
        assertTrue(e.getMessage().contains("-D" + RealFreeSwitch.DIR_PROPERTY + "=DIR"), e.getMessage());
        assertTrue(e.getMessage().contains(empty.resolve("shared/freeswitch").toString()), e.getMessage());
    }

    private static EslEvent next(BlockingQueue<EslEvent> events, String name, String uuid) throws InterruptedException {
        while (true) {
            EslEvent e = events.poll(30, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no " + name + " for " + uuid + " within 30 s\n" + FS.get().logTail());
            }
            if (name.equals(e.name()) && uuid.equals(e.uniqueId())) {
                return e;
            }
        }
    }
}
