package org.stationd.esl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A switch that never comes back: the client keeps trying at a bounded rate and says so once a minute, on a clock the test moves. */
class OutageReportTest {
    private static final EslClientOptions DEFAULTS = EslClientOptions.of("127.0.0.1", 8021, "ClueCon");

    @Test
    void saysItOncePerMinuteHoweverOftenItTries() {
        long[] now = {0};
        OutageReport report = new OutageReport(() -> now[0], OutageReport.INTERVAL);
        Backoff backoff = new Backoff(DEFAULTS.reconnectMin(), DEFAULTS.reconnectMax());
        report.lost();
        List<String> said = new ArrayList<>();
        int attempts = 0;
        long hour = Duration.ofHours(1).toNanos();
        while (now[0] < hour) {
            now[0] += Duration.ofMillis(backoff.delayMillis(attempts)).toNanos();
            attempts++;
            String line = report.failed("127.0.0.1:8021", "Connection refused");
            if (line != null) said.add(line);
        }
        assertTrue(said.size() >= 58 && said.size() <= 60, said.size() + " lines in an hour");
        assertTrue(attempts <= 60 * 60 / 15 + 10, attempts + " attempts in an hour: the backoff must not spin");
        assertEquals("FreeSWITCH at 127.0.0.1:8021 still unreachable after 1 min", said.get(0).substring(0, said.get(0).indexOf(" (")));
        assertTrue(said.get(said.size() - 1).contains("after 59 min") || said.get(said.size() - 1).contains("after 60 min"), said.get(said.size() - 1));
    }

    @Test
    void aNewOutageStartsItsOwnMinute() {
        long[] now = {0};
        OutageReport report = new OutageReport(() -> now[0], OutageReport.INTERVAL);
        report.lost();
        now[0] = Duration.ofSeconds(61).toNanos();
        assertTrue(report.failed("fs:8021", "refused").contains("after 1 min (1 attempts"));
        report.restored();
        report.lost();
        now[0] += Duration.ofSeconds(30).toNanos();
        assertNull(report.failed("fs:8021", "refused"), "30 s into a new outage: nothing yet");
    }

    @Test
    void backoffSettlesBetweenHalfAndAllOfItsMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
        for (int attempt = 8; attempt < 200; attempt++) {
            long d = backoff.delayMillis(attempt);
            assertTrue(d >= 15_000 && d <= 30_000, "attempt " + attempt + ": " + d + " ms");
        }
        assertTrue(backoff.delayMillis(0) <= 200, "the first retry is quick");
    }

    @Test
    void theWatchdogNoticesASilentSwitchWithinTwoHeartbeats() {
        Duration heartbeat = Duration.ofSeconds(20);
        assertTrue(DEFAULTS.idleTimeout().compareTo(heartbeat) > 0, "a healthy switch's heartbeat keeps the link quiet");
        assertTrue(DEFAULTS.idleTimeout().plus(DEFAULTS.commandTimeout()).compareTo(heartbeat.multipliedBy(2)) < 0,
                "silence plus the probe's timeout: " + DEFAULTS.idleTimeout().plus(DEFAULTS.commandTimeout()));
    }
}
