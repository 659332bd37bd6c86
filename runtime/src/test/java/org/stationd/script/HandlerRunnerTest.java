package org.stationd.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.stationd.api.ProgramError;

/** The runner with plain Java handlers: limits, interrupt hygiene, error mapping. */
class HandlerRunnerTest {
    static final HandlerRunner runner = new HandlerRunner();

    @AfterAll
    static void close() {
        runner.close();
    }

    @Test
    void aQuickHandlerRunsOnTheCallingThread() throws Exception {
        Thread[] ran = new Thread[1];
        runner.invoke(e -> ran[0] = Thread.currentThread(), null, Duration.ofMillis(200));
        assertEquals(Thread.currentThread(), ran[0]);
    }

    @Test
    void aBlockingHandlerIsStoppedAtTheWallClockBoundAndTheFlagCleared() {
        try (HandlerRunner shortBound = new HandlerRunner(Duration.ofMillis(300))) {
            HandlerTimeoutException e = assertThrows(HandlerTimeoutException.class,
                    () -> shortBound.invoke("live", "dtmf", ev -> Thread.sleep(600_000), null, Duration.ofMillis(100)));
            assertEquals("live", e.error().state());
            assertEquals("dtmf", e.error().handler());
            assertTrue(e.error().message().startsWith("was blocked for 300 ms (sleeping or waiting) and was stopped"), e.error().message());
            assertFalse(Thread.currentThread().isInterrupted());
        }
    }

    /** The limit is CPU time: with every core busy several times over, a handler that needs 80 ms of CPU still finishes. */
    @Test
    void aLoadedMachineStopsNoHealthyHandlerButStillStopsAnEndlessLoop() throws Exception {
        try (org.stationd.support.BusyCores load = new org.stationd.support.BusyCores(4)) {
            for (int i = 0; i < 3; i++) {
                runner.invoke(ev -> burnCpu(Duration.ofMillis(80)), null, Duration.ofMillis(200));
            }
            HandlerTimeoutException e = assertThrows(HandlerTimeoutException.class, () -> runner.invoke(ev -> {
                while (!Thread.currentThread().isInterrupted()) {
                    Math.sqrt(System.nanoTime());   // an endless loop that a stop ends
                }
            }, null, Duration.ofMillis(200)));
            assertTrue(e.error().message().startsWith("used more than 200 ms of CPU time"), e.error().message());
        }
    }

    /** Out of memory in a handler (an array larger than the JVM allows) is the handler's failure: reported, and the thread goes on. */
    @Test
    void aHandlerThatRunsOutOfMemoryFailsLikeAnyOther() throws Exception {
        HandlerException e = assertThrows(HandlerException.class,
                () -> runner.invoke("live", "dtmf", ev -> { long[] all = new long[Integer.MAX_VALUE]; }, null, Duration.ofMillis(200)));
        assertTrue(e.error().message().startsWith("ran out of memory (Requested array size exceeds VM limit) and was stopped"), e.error().message());
        assertTrue(e.getCause() instanceof OutOfMemoryError);
        runner.invoke(ev -> { }, null, Duration.ofMillis(200));
    }

    /** A handler that keeps what it allocates is stopped by its allocations long before the heap is gone (and its CPU limit). */
    @Test
    void aHandlerThatAllocatesWithoutEndIsStoppedBeforeTheHostRunsOutOfMemory() {
        java.util.List<byte[]> kept = new java.util.ArrayList<>();
        HandlerTimeoutException e = assertThrows(HandlerTimeoutException.class, () -> runner.invoke(ev -> {
            while (!Thread.currentThread().isInterrupted()) {
                kept.add(new byte[1 << 20]);
            }
        }, null, Duration.ofSeconds(60)));
        assertTrue(e.error().message().startsWith("allocated more than 256 MB and was stopped"), e.error().message());
        assertTrue(kept.size() < 2048, "stopped at " + kept.size() + " MB");
        kept.clear();
    }

    @Test
    void aHandlerThatIgnoresItsStopIsReportedStuckAndABlockedOneLetsItsPoolLendAThread() throws Exception {
        java.util.concurrent.CopyOnWriteArrayList<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean release = new java.util.concurrent.atomic.AtomicBoolean();
        try (HandlerRunner shortBound = new HandlerRunner(Duration.ofMillis(600))) {
            HostThread t = new HostThread(() -> {
                try {
                    shortBound.invoke(ev -> {
                        while (!release.get()) {
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException ignored) {
                                // a hostile handler swallows its stop
                            }
                        }
                    }, null, Duration.ofMillis(100));
                } catch (HandlerTimeoutException e) {
                    heard.add("stopped");
                } catch (HandlerException e) {
                    heard.add("failed " + e);
                }
            }, heard, stuck);
            t.start();
            assertTrue(stuck.await(60, java.util.concurrent.TimeUnit.SECONDS), heard.toString());
            assertEquals(List.of("blocked", "stuck"), List.copyOf(heard));
            release.set(true);
            t.join(60_000);
            assertEquals(List.of("blocked", "stuck", "unblocked", "stopped"), List.copyOf(heard));
        }
    }

    private static final class HostThread extends Thread implements HandlerRunner.Host {
        private final List<String> heard;
        private final java.util.concurrent.CountDownLatch stuck;

        HostThread(Runnable r, List<String> heard, java.util.concurrent.CountDownLatch stuck) {
            super(r, "host-thread");
            this.heard = heard;
            this.stuck = stuck;
        }

        @Override public void handlerBlocked() { heard.add("blocked"); }
        @Override public void handlerUnblocked() { heard.add("unblocked"); }
        @Override public void handlerStuck(Thread thread) {
            if (stuck.getCount() > 0) heard.add("stuck");
            stuck.countDown();
        }
    }

    /** Spins until this thread has used {@code cpu} of CPU time, however long that takes on the wall clock. */
    static void burnCpu(Duration cpu) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = mx.getCurrentThreadCpuTime() + cpu.toNanos();
        double x = 0;
        while (mx.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 1000; i++) x += Math.sqrt(i);
        }
        if (x < 0) throw new AssertionError();
    }


    @Test
    void aFailureBecomesAProgramError() {
        HandlerException e = assertThrows(HandlerException.class,
                () -> runner.invoke("intro", "enter", ev -> { throw new IllegalStateException("no transmitter"); }, null, Duration.ofSeconds(1)));
        ProgramError err = e.error();
        assertEquals("no transmitter", err.message());
        assertTrue(err.location().startsWith("HandlerRunnerTest.java:"), err.location());
        assertFalse(e instanceof HandlerTimeoutException);
    }

    @Test
    void theRaceBetweenFinishingAndTheWatchdogLeavesTheThreadClean() throws Exception {
        for (int i = 0; i < 50; i++) {
            try {
                runner.invoke(ev -> { }, null, Duration.ofNanos(1 + i * 1000L));
            } catch (HandlerTimeoutException e) {
                // either outcome is right when the limit is this short
            }
            assertFalse(Thread.currentThread().isInterrupted());
        }
        runner.invokeOnError(err -> assertNull(err.location()), new ProgramError("s", "h", "m", null), Duration.ofSeconds(1));
    }
}
