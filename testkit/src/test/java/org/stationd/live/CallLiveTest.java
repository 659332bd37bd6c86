package org.stationd.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.api.SmsMessage;
import org.stationd.cli.CallCommandTest;
import org.stationd.cli.CliRun;
import org.stationd.esl.live.LiveSwitch;
import org.stationd.programs.VoiceBoardTest;
import org.stationd.storage.DbSms;
import org.stationd.testing.Show;

/** {@code ./stationd call} on the real FreeSWITCH: the same script as on the simulator leaves a greeting and texts the station. */
class CallLiveTest {
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();

    @TempDir
    Path dir;

    @Test
    void theScriptedCallerLeavesAGreetingOnTheRealSwitch() throws Exception {
        try (Show show = VoiceBoardTest.withPrompts(Show.in(dir).realSwitch(FS.get().url()))
                .station("gulu", s -> s.program("voiceboard.groovy").transmitter("loopback/tx1/stations").line("ivr", "7009").sms("256700200009"))
                .start()) {
            CliRun r = CallCommandTest.call(CallCommandTest.SCRIPT, "call", "gulu", "--from", "256700000009", "--control", show.host().controlEndpoint());
            List<String> out = r.out().lines().toList();
            assertEquals(0, r.exit(), r.out() + r.err());
            for (String line : List.of("phone: answered", "gulu: plays voiceboard-days.wav", "phone: speak 1 s", "gulu: plays voiceboard-saved.wav")) {
                assertTrue(out.contains(line), "no '" + line + "' in:\n" + r.out());
            }
            assertTrue(out.stream().anyMatch(l -> l.startsWith("gulu: records voiceboard-")), r.out());
            assertTrue(out.stream().noneMatch(l -> l.startsWith("phone: hang up")), "the station hung up, not the phone:\n" + r.out());
            assertTrue(out.contains("phone: call ended"), r.out());
            show.await("the greeting is saved", () -> show.logged("gulu", "saved a greeting from 256700000009, valid 7 days"));
            List<SmsMessage> texts = new DbSms(show.host().database(), "gulu", "256700200009", java.time.Instant::now, cmd -> { }).recent(5);
            assertEquals(List.of("hello from the test phone"), texts.stream().map(SmsMessage::text).toList());
        }
    }
}
