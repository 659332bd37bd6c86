package org.stationd.esl.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.stationd.esl.dispatch.EventListener;
import org.stationd.esl.dispatch.Gap;
import org.stationd.esl.event.EslEvent;

/** A listener that keeps everything it is given (events and gaps, in delivery order) and the threads it ran on. */
public final class EventRecorder implements EventListener {
    /** An event or a gap, and the thread that delivered it. */
    public record Item(Object what, Thread thread) {}

    private final List<Item> items = new ArrayList<>();

    @Override
    public synchronized void onEvent(EslEvent event) {
        items.add(new Item(event, Thread.currentThread()));
        notifyAll();
    }

    @Override
    public synchronized void onGap(Gap gap) {
        items.add(new Item(gap, Thread.currentThread()));
        notifyAll();
    }

    public synchronized List<Item> items() {
        return List.copyOf(items);
    }

    public synchronized List<EslEvent> events() {
        return items.stream().filter(i -> i.what() instanceof EslEvent).map(i -> (EslEvent) i.what()).toList();
    }

    public synchronized List<Gap> gaps() {
        return items.stream().filter(i -> i.what() instanceof Gap).map(i -> (Gap) i.what()).toList();
    }

    /** Events by {@code Unique-ID} ({@code ""} for none), each in delivery order. */
    public synchronized Map<String, List<EslEvent>> eventsByChannel() {
        Map<String, List<EslEvent>> by = new LinkedHashMap<>();
        for (EslEvent e : events()) {
            by.computeIfAbsent(e.uniqueId() == null ? "" : e.uniqueId(), k -> new ArrayList<>()).add(e);
        }
        return by;
    }

    public void awaitEvents(int n, Duration timeout) throws InterruptedException {
        await(() -> events().size() >= n, timeout, n + " events");
    }

    public void awaitEvent(Predicate<EslEvent> p, Duration timeout) throws InterruptedException {
        await(() -> events().stream().anyMatch(p), timeout, "a matching event");
    }

    public void awaitGaps(int n, Duration timeout) throws InterruptedException {
        await(() -> gaps().size() >= n, timeout, n + " gaps");
    }

    public synchronized void await(java.util.function.BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + what + "; have " + items.size() + " items: " + summary());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private String summary() {
        List<String> s = items.stream().map(i -> i.what().toString()).toList();
        return s.size() <= 20 ? s.toString() : s.subList(0, 10) + " … " + s.subList(s.size() - 10, s.size());
    }
}
