package org.stationd.esl.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stationd.esl.event.EslEvent;

class EventDispatcherTest {
    private static EslEvent event(String name, long seq) {
        return new EslEvent(EslEvent.Format.PLAIN, Map.of("Event-Name", name, "Unique-ID", "u1", "Event-Sequence", Long.toString(seq)), null);
    }

    @Test
    void closeStillDeliversWhatWasQueuedAndTasksRunInOrder() throws Exception {
        EventDispatcher d = new EventDispatcher("t", 1, 64, true);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        d.addListener(e -> {
            if (e.sequence() == 1) {
                awaitQuietly(release);
            }
            seen.add(e.name() + e.sequence());
        });
        for (int i = 1; i <= 5; i++) {
            d.dispatch(event("E", i));
        }
        CountDownLatch done = new CountDownLatch(1);
        d.execute(() -> {
            seen.add("task");
            done.countDown();
        });
        d.close();
        d.dispatch(event("E", 6));   // after close: counted as dropped, not delivered
        release.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("E1", "E2", "E3", "E4", "E5", "task"), seen);
        DispatchStats stats = d.stats();
        assertEquals(List.of(6L, 5L, 1L), List.of(stats.received(), stats.dispatched(), stats.dropped()));
    }

    @Test
    void aFailingListenerIsCountedAndTheOthersStillRun() throws Exception {
        EventDispatcher d = new EventDispatcher("t", 2, 16);
        CountDownLatch got = new CountDownLatch(1);
        d.addListener(e -> {
            throw new IllegalStateException("boom");
        });
        d.addListener(e -> got.countDown());
        d.dispatch(event("E", 1));
        assertTrue(got.await(10, TimeUnit.SECONDS));
        d.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (d.stats().dispatched() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, d.stats().listenerErrors());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
