package org.stationd.limits;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** One station's count of refusals by kind ({@code switch}, {@code store}, {@code publish}, {@code log}, …), for {@code status}. */
public final class Refusals {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public void count(String kind, long n) {
        counts.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(n);
    }

    /** Counts the refusal, then hands it back to be thrown. */
    public LimitException counted(LimitException e) {
        count(e.kind(), 1);
        return e;
    }

    public long get(String kind) {
        AtomicLong n = counts.get(kind);
        return n == null ? 0 : n.get();
    }

    /** A sorted copy, kinds with no refusal left out. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
