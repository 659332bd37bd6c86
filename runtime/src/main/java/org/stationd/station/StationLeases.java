package org.stationd.station;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The leases a station's program holds, named within its {@link ProgramScope}. The lease table
 * holds each for {@link #TTL} at most, and the host renews it while the program runs and wants it:
 * a lease taken for an hour lapses within seconds when its host dies. Unloading the program (swap,
 * stop, quarantine) gives every lease up at once; a hot reload keeps them with the state and data.
 */
final class StationLeases {
    /** The longest a lease outlives the host that renews it. */
    static final Duration TTL = Duration.ofSeconds(15);
    /** Renewals while a lease is wanted for longer than the table holds it: well inside the TTL. */
    static final Duration RENEW = Duration.ofSeconds(5);

    /** A lease: until when the program wants it, and until when the table holds it. */
    private record Held(Instant wanted, Instant row) {}

    private final LeaseService table;
    private final String holder;
    private final ProgramScope scope;
    private final Scheduler scheduler;
    private final Consumer<Runnable> onStationThread;
    private final Consumer<String> warn;
    private final Map<String, Held> held = new LinkedHashMap<>();
    private Scheduler.Cancellable renewal;

    StationLeases(LeaseService table, String holder, ProgramScope scope, Scheduler scheduler,
                  Consumer<Runnable> onStationThread, Consumer<String> warn) {
        this.table = table;
        this.holder = holder;
        this.scope = scope;
        this.scheduler = scheduler;
        this.onStationThread = onStationThread;
        this.warn = warn;
    }

    /** Takes or renews the program's lease {@code name} for {@code wanted}; true if it holds it afterwards. */
    synchronized boolean claim(String name, Duration wanted) {
        String q = scope.lease(name);
        Instant now = scheduler.now();
        Duration row = wanted.compareTo(TTL) < 0 ? wanted : TTL;
        if (!table.claim(q, holder, row)) {
            held.remove(q);
            return false;
        }
        held.put(q, new Held(now.plus(wanted), now.plus(row)));
        if (row.compareTo(wanted) < 0 && renewal == null) {
            renewal = scheduler.schedule(RENEW, () -> onStationThread.accept(this::renew));
        }
        return true;
    }

    synchronized void release(String name) {
        String q = scope.lease(name);
        held.remove(q);
        table.release(q, holder);
    }

    /** The program is unloaded: every lease it holds goes at once (a failing table only delays that to the TTL). */
    synchronized void releaseAll() {
        if (renewal != null) {
            renewal.cancel();
            renewal = null;
        }
        for (String q : List.copyOf(held.keySet())) {
            try {
                table.release(q, holder);
            } catch (RuntimeException e) {
                warn.accept("lease " + q + " not released (" + e.getMessage() + "); it lapses within " + TTL.toSeconds() + " s");
            }
        }
        held.clear();
    }

    /** Extends each lease wanted for longer than the table holds it, up to the program's wish. */
    private synchronized void renew() {
        renewal = null;
        Instant now = scheduler.now();
        boolean again = false;
        for (Map.Entry<String, Held> e : List.copyOf(held.entrySet())) {
            Held h = e.getValue();
            if (!h.wanted.isAfter(h.row)) continue;   // the table already holds it as long as wanted
            Duration left = Duration.between(now, h.wanted);
            Duration row = left.compareTo(TTL) < 0 ? left : TTL;
            boolean kept;
            try {
                kept = !row.isNegative() && !row.isZero() && table.renew(e.getKey(), holder, row);
            } catch (RuntimeException ex) {
                warn.accept("lease " + e.getKey() + " not renewed (" + ex.getMessage() + "); trying again in " + RENEW.toSeconds() + " s");
                again = true;
                continue;
            }
            if (kept) {
                held.put(e.getKey(), new Held(h.wanted, now.plus(row)));
                again |= now.plus(row).isBefore(h.wanted);
            } else {
                held.remove(e.getKey());
            }
        }
        if (again) {
            renewal = scheduler.schedule(RENEW, () -> onStationThread.accept(this::renew));
        }
    }
}
