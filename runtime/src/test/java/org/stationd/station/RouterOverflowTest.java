package org.stationd.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.stationd.config.StationConfig;
import org.stationd.esl.event.EslEvent;

/**
 * A station whose queue is full loses the router's events: each is counted, the router never
 * waits (it runs on the event loop), and once the station has room it hears how many it lost
 * before its next event.
 */
class RouterOverflowTest {
    /** Threads that run only when the test says: the station's queue fills while they hold. */
    private static final class HeldPool implements Executor {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override public synchronized void execute(Runnable task) { tasks.add(task); }

        void runAll() {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = tasks.poll();
                }
                if (next == null) return;
                next.run();
            }
        }
    }

    @Test
    void aFullStationQueueLosesEventsCountedAndTheStationIsTold() {
        HeldPool pool = new HeldPool();
        List<String> logged = new CopyOnWriteArrayList<>();
        StationListener listener = new StationListener() {
            @Override public void log(String s, String p, String state, String level, String message) { logged.add(level + " " + message); }
        };
        StationConfig cfg = new StationConfig("full", "Radio Full", ZoneId.of("Africa/Kampala"), List.of(), Map.of(), null,
                Map.of(), "p", Map.of(), List.of(), List.of());
        Router router = new Router();
        StationContext station = new StationContext(cfg, StationServices.builder(new RecordingLink(), new VirtualScheduler(Instant.EPOCH), pool)
                .listener(listener).ttsVoice(null).owners(router).build());
        router.add(station);
        router.claim("call-1", station);

        int queued = 0;
        try {
            while (true) {
                station.submit(() -> { });
                queued++;
            }
        } catch (RejectedExecutionException full) {
            assertEquals(StationContext.QUEUE_LIMIT, queued, "the station's queue takes its limit, no more");
        }
        for (int i = 0; i < 3; i++) {
            router.onEvent(event("CHANNEL_PROGRESS"));   // returns at once: the event is lost, not waited for
        }
        assertEquals(3, router.rejected());
        pool.runAll();
        assertTrue(logged.isEmpty(), "told before it had room: " + logged);

        router.onEvent(event("CHANNEL_ANSWER"));
        pool.runAll();
        assertEquals(List.of("error 3 event(s) from the switch were lost: the station's queue was full; its calls may be out of step"), logged);
        assertEquals(3, router.rejected());
    }

    private static EslEvent event(String name) {
        return new EslEvent(EslEvent.Format.PLAIN, Map.of("Event-Name", name, "Unique-ID", "call-1"), null);
    }
}
