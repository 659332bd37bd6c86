package org.stationd.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.stationd.esl.session.ApiResponse;
import org.stationd.switchlink.SwitchLink;

/** 27 stations dialling at once go out 10 a second, in order, on the host's clock; other commands are not held. */
class OriginatePacerTest {
    @Test
    void originatesGoOutAtMostTenASecondInOrderAndNothingElseWaits() {
        VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-12-01T08:00:00Z"));
        RecordingLink switchEdge = new RecordingLink();
        SwitchLink link = new OriginatePacer(10, clock).pace(switchEdge);
        List<CompletableFuture<ApiResponse>> jobs = new ArrayList<>();
        for (int i = 1; i <= 27; i++) {
            jobs.add(link.bgapi("originate {origination_uuid=u" + i + "}loopback/tx" + i + "/stations &park()"));
        }
        link.api("conference shared-news list");

        assertEquals(List.of("u1"), switchEdge.originated(), "the first at once, the others wait their turn");
        assertTrue(switchEdge.commands.contains("api conference shared-news list"), "other commands are not paced");
        clock.advance(Duration.ofMillis(950));
        assertEquals(10, switchEdge.originated().size(), "ten in the first second");
        clock.advance(Duration.ofMillis(1700));
        assertEquals(27, switchEdge.originated().size());
        assertEquals(java.util.stream.IntStream.rangeClosed(1, 27).mapToObj(i -> "u" + i).toList(), switchEdge.originated(), "in the order asked");

        // the job's answer reaches whoever asked, even for an originate that was held back
        assertFalse(jobs.get(26).isDone());
        switchEdge.originates.get("u27").complete(new ApiResponse("+OK u27\n"));
        assertEquals("+OK u27\n", jobs.get(26).join().body());

        // after a quiet spell the next originate goes at once
        clock.advance(Duration.ofSeconds(5));
        link.bgapi("originate {origination_uuid=late}loopback/tx1/stations &park()");
        assertEquals("late", switchEdge.originated().get(27));
    }
}
