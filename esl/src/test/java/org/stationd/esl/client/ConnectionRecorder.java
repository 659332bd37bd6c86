package org.stationd.esl.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Keeps what a {@link ConnectionListener} is told, in order: {@code connected}, {@code reconnected}, {@code disconnected}. */
public final class ConnectionRecorder implements ConnectionListener {
    private final List<String> calls = new ArrayList<>();
    private final List<Throwable> causes = new ArrayList<>();

    @Override
    public synchronized void onConnected(boolean reconnect) {
        calls.add(reconnect ? "reconnected" : "connected");
        notifyAll();
    }

    @Override
    public synchronized void onDisconnected(Throwable cause) {
        calls.add("disconnected");
        causes.add(cause);
        notifyAll();
    }

    @Override
    public synchronized void onGaveUp(Throwable cause) {
        calls.add("gave up");
        causes.add(cause);
        notifyAll();
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The causes given to {@code onDisconnected} (null for an orderly close). */
    public synchronized List<Throwable> causes() {
        return new ArrayList<>(causes);
    }

    /** Waits until {@code call} was seen {@code times} times. */
    public synchronized void await(String call, int times, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (calls.stream().filter(call::equals).count() < times) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + times + " x " + call + "; calls so far: " + calls);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
