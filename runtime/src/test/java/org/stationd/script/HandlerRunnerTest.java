package org.stationd.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
    void aBlockingHandlerIsInterruptedAndTheFlagCleared() {
        long t0 = System.nanoTime();
        HandlerTimeoutException e = assertThrows(HandlerTimeoutException.class,
                () -> runner.invoke("live", "dtmf", ev -> Thread.sleep(10_000), null, Duration.ofMillis(100)));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2000);
        assertEquals("live", e.error().state());
        assertEquals("dtmf", e.error().handler());
        assertFalse(Thread.currentThread().isInterrupted());
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
