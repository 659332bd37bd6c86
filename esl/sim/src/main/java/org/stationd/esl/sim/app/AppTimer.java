package org.stationd.esl.sim.app;

import org.stationd.esl.sim.clock.SimClock;
import org.stationd.esl.sim.clock.SimTimer;

/**
 * A timer that can be paused while a nested application runs (a sendmsg playback inside a
 * playback), and knows how long it has actually run: how far a prompt got before a hangup.
 */
public final class AppTimer {
    private final SimClock clock;
    private final Runnable task;
    private final long totalMillis;
    private long remainingMillis;
    private long startedAtMicros;
    private SimTimer timer;
    private boolean fired;
    private boolean cancelled;

    AppTimer(SimClock clock, long millis, Runnable task) {
        this.clock = clock;
        this.task = task;
        this.totalMillis = Math.max(0, millis);
        this.remainingMillis = this.totalMillis;
    }

    void start() {
        if (fired || cancelled || timer != null) {
            return;
        }
        startedAtMicros = clock.nowMicros();
        timer = clock.schedule(remainingMillis, () -> {
            timer = null;
            if (!cancelled) {
                fired = true;
                remainingMillis = 0;
                task.run();
            }
        });
    }

    void pause() {
        if (timer != null) {
            timer.cancel();
            timer = null;
            remainingMillis = Math.max(0, remainingMillis - (clock.nowMicros() - startedAtMicros) / 1000);
        }
    }

    public void cancel() {
        pause();
        cancelled = true;
    }

    /** Milliseconds this timer has run so far (all of it once fired). */
    public long elapsedMillis() {
        if (fired) {
            return totalMillis;
        }
        long running = timer != null ? (clock.nowMicros() - startedAtMicros) / 1000 : 0;
        return Math.min(totalMillis, totalMillis - remainingMillis + running);
    }

    public boolean isDone() {
        return fired || cancelled;
    }
}
