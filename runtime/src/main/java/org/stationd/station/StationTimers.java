package org.stationd.station;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A station's named timers ({@code after}, {@code every}, {@code at}). Setting a name again
 * replaces the old timer; a replaced or cancelled timer never fires. Fired timers are handed to
 * the station's thread. Only used on that thread.
 */
final class StationTimers {
    private final Scheduler scheduler;
    private final ZoneId zone;
    private final Consumer<Runnable> onStationThread;
    private final Consumer<String> fired;
    private final Map<String, Timer> timers = new HashMap<>();

    private final class Timer {
        final String name;
        final Duration every;
        Scheduler.Cancellable pending;

        Timer(String name, Duration every) {
            this.name = name;
            this.every = every;
        }

        void arm(Duration delay) {
            pending = scheduler.schedule(delay, () -> onStationThread.accept(this::fire));
        }

        private void fire() {
            if (timers.get(name) != this) {
                return;   // cancelled or replaced while the firing was on its way
            }
            if (every != null) {
                arm(every);
            } else {
                timers.remove(name);
            }
            fired.accept(name);
        }
    }

    StationTimers(Scheduler scheduler, ZoneId zone, Consumer<Runnable> onStationThread, Consumer<String> fired) {
        this.scheduler = scheduler;
        this.zone = zone;
        this.onStationThread = onStationThread;
        this.fired = fired;
    }

    void after(double seconds, String name) {
        if (seconds < 0) {
            throw new IllegalArgumentException("after: seconds cannot be negative, got " + seconds);
        }
        set(name, Duration.ofMillis(Math.round(seconds * 1000)), null);
    }

    void every(double seconds, String name) {
        if (seconds < 0.05) {
            throw new IllegalArgumentException("every: the interval must be at least 0.05 s, got " + seconds);
        }
        Duration d = Duration.ofMillis(Math.round(seconds * 1000));
        set(name, d, d);
    }

    /** Next time the wall clock in the station's timezone shows {@code localTime} (e.g. {@code 18:30}). */
    void at(String localTime, String name) {
        LocalTime t;
        try {
            t = LocalTime.parse(localTime);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("at: '" + localTime + "' is not a time of day like 18:30");
        }
        ZonedDateTime now = ZonedDateTime.ofInstant(scheduler.now(), zone);
        ZonedDateTime next = now.with(t);
        if (!next.isAfter(now)) {
            next = now.plusDays(1).with(t);
        }
        set(name, Duration.between(now, next), null);
    }

    void cancel(String name) {
        Timer t = timers.remove(name);
        if (t != null && t.pending != null) {
            t.pending.cancel();
        }
    }

    /** Cancels every timer whose name {@code keep} refuses; returns their names. */
    java.util.List<String> cancelUnless(java.util.function.Predicate<String> keep) {
        java.util.List<String> gone = new java.util.ArrayList<>();
        for (String name : Map.copyOf(timers).keySet()) {
            if (!keep.test(name)) {
                cancel(name);
                gone.add(name);
            }
        }
        java.util.Collections.sort(gone);
        return gone;
    }

    void cancelAll() {
        for (String name : Map.copyOf(timers).keySet()) {
            cancel(name);
        }
    }

    private void set(String name, Duration delay, Duration every) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a timer needs a name: station.after(30, 'news')");
        }
        cancel(name);
        Timer t = new Timer(name, every);
        timers.put(name, t);
        t.arm(delay);
    }
}
