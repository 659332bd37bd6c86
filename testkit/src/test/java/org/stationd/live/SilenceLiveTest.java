package org.stationd.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.esl.live.LiveSwitch;
import org.stationd.silence.CallerNeverLeftInSilenceTest;
import org.stationd.silence.WrongNumber;
import org.stationd.testing.Show;

/** No caller left in silence, on the real FreeSWITCH: the same apology and the same refusal as on the simulator. */
class SilenceLiveTest {
    @RegisterExtension
    static final LiveSwitch FS = new LiveSwitch();

    @TempDir
    Path dir;

    @Test
    void aFailedHandlerLeavesTheApologyAndAWrongNumberIsRefused() throws Exception {
        Show.Builder b = Show.in(dir).realSwitch(FS.get().url());
        try (Show show = CallerNeverLeftInSilenceTest.bench(b, "fails.js", CallerNeverLeftInSilenceTest.FAILS_QUIETLY).start()) {
            CallerNeverLeftInSilenceTest.callerHears(show, "apology.wav");
            assertEquals("UNALLOCATED_NUMBER", WrongNumber.dial("127.0.0.1", FS.get().eslPort(), FS.get().options().password(), "7999"));
        }
    }
}
