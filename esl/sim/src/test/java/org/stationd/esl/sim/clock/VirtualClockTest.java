package org.stationd.esl.sim.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    @Test
    void timersFireInDueOrderThenSchedulingOrder() {
        try (VirtualClock c = new VirtualClock(Instant.EPOCH)) {
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            c.run(() -> {
                c.schedule(30, () -> order.add("c@30"));
                c.schedule(10, () -> order.add("a@10"));
                c.schedule(10, () -> order.add("b@10"));
                c.schedule(10, () -> c.execute(() -> order.add("immediate after b")));
            });
            c.advance(Duration.ofMillis(20));
            assertEquals(List.of("a@10", "b@10", "immediate after b"), order);
            assertEquals(20_000, c.nowMicros());
            c.advance(Duration.ofMillis(20));
            assertEquals("c@30", order.get(3));
        }
    }

    @Test
    void timeStandsStillUntilMoved() {
        try (VirtualClock c = new VirtualClock(Instant.EPOCH)) {
            List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            c.run(() -> c.schedule(1000, () -> seen.add(c.nowMicros())));
            c.drain(Duration.ofSeconds(1));
            assertEquals(List.of(), seen);
            c.advanceMillis(999);
            assertEquals(List.of(), seen);
            c.advanceMillis(1);
            assertEquals(List.of(1_000_000L), seen);
        }
    }

    @Test
    void runUntilIdleIgnoresBackgroundTimers() {
        try (VirtualClock c = new VirtualClock(Instant.EPOCH)) {
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            c.run(() -> {
                scheduleHeartbeat(c, order);
                c.schedule(60_000, () -> order.add("timeout"));
            });
            Duration moved = c.runUntilIdle();
            assertEquals(Duration.ofSeconds(60), moved);
            // at 60 s the timeout (scheduled first) fires before the third heartbeat (scheduled at 40 s)
            assertEquals(List.of("hb", "hb", "timeout", "hb"), order);
            assertEquals(0, c.pendingTimers());
        }
    }

    private static void scheduleHeartbeat(VirtualClock c, List<String> order) {
        c.scheduleBackground(20_000, () -> {
            order.add("hb");
            scheduleHeartbeat(c, order);
        });
    }

    @Test
    void cancelledTimersDoNotFire() {
        try (VirtualClock c = new VirtualClock(Instant.EPOCH)) {
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            SimTimer[] t = new SimTimer[1];
            c.run(() -> t[0] = c.schedule(10, () -> order.add("x")));
            t[0].cancel();
            c.runUntilIdle();
            assertEquals(List.of(), order);
        }
    }
}
