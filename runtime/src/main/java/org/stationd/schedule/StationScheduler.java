package org.stationd.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.station.ProgramFactory;
import org.stationd.station.Scheduler;
import org.stationd.station.StationContext;

/**
 * Puts a station's schedule on air: at a slot's start it loads the show, {@code warning} before
 * the end the show gets {@code wrapUp}, at the end it is unloaded (teardown runs, calls are hung
 * up) and the next show or the default program follows. A show never runs past its slot.
 *
 * <p>After a restart or outage, a show whose slot is still open starts late if no more than
 * {@code grace} has passed since its start (recorded {@code late}); otherwise it is recorded
 * {@code missed} and the default program covers the rest of the slot. Slots cut short by a
 * higher-priority show are recorded {@code cut}; everything runs on the station's thread.
 */
public final class StationScheduler {
    public static final Duration DEFAULT_WARNING = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);
    static final Duration HORIZON = Duration.ofDays(2);
    static final Duration ON_TIME = Duration.ofSeconds(2);

    private final StationContext station;
    private final Supplier<List<ScheduleEntry>> entries;
    private final ProgramResolver programs;
    private final AiringLog airings;
    private final Scheduler clock;
    private final Duration warning;
    private final Duration grace;
    private final String defaultProgram;
    private Occurrence current;
    private boolean onDefault;
    private long airingId = -1;
    private Scheduler.Cancellable boundary;
    private Scheduler.Cancellable wrapUp;
    private long generation;

    public StationScheduler(StationContext station, Supplier<List<ScheduleEntry>> entries, ProgramResolver programs, AiringLog airings,
                            Scheduler clock, Duration warning, Duration grace, String defaultProgram) {
        this.station = station;
        this.entries = entries;
        this.programs = programs;
        this.airings = airings;
        this.clock = clock;
        this.warning = warning;
        this.grace = grace;
        this.defaultProgram = defaultProgram;
    }

    /** Looks at the schedule again (at start, at every boundary, after every edit). Station thread. */
    public void replan() {
        cancelTimers();
        Instant now = clock.now();
        List<ScheduleEntry> list = entries.get();
        List<Timeline.Segment> timeline = Timeline.build(list, station.config().timezone(), now.minus(Duration.ofDays(1)), now.plus(HORIZON));
        Timeline.Segment seg = timeline.stream().filter(s -> !now.isBefore(s.start()) && now.isBefore(s.end())).findFirst().orElse(null);
        recordMissed(timeline, now);
        Occurrence wanted = seg == null ? null : seg.occurrence();
        if (!same(wanted, current) || (wanted == null && !onDefault)) {
            switchTo(wanted, now);
        }
        if (seg != null) {
            long gen = ++generation;
            boundary = clock.schedule(Duration.between(now, seg.end()), () -> station.submit(() -> {
                if (gen == generation) replan();
            }));
            if (current != null && seg.end().equals(current.end())) {
                Instant warnAt = seg.end().minus(warning);
                if (warnAt.isAfter(now)) {
                    wrapUp = clock.schedule(Duration.between(now, warnAt), () -> station.submit(() -> {
                        if (gen == generation) {
                            station.tap("in", "sched", Map.of("event", "wrapUp", "seconds", warning.toSeconds()));
                            station.deliver(Event.of(EventKind.WRAP_UP).seconds((double) warning.toSeconds()).build());
                        }
                    }));
                }
            }
        }
    }

    private void switchTo(Occurrence next, Instant now) {
        closeCurrent(now, next, false);
        current = null;
        onDefault = false;
        if (next != null) {
            Duration lateBy = Duration.between(next.start(), now);
            boolean late = lateBy.compareTo(ON_TIME) > 0;
            // a slot that already aired (cut in by another show, or the host died during it) resumes whatever the grace
            boolean resuming = late && airings.exists(station.id(), next.entry().id(), next.start());
            if (late && !resuming && lateBy.compareTo(grace) > 0) {
                if (!airings.exists(station.id(), next.entry().id(), next.start())) {
                    airings.begin(station.id(), next.entry().id(), next.entry().program(), null, next.start(), next.end(), null, "missed",
                            "started " + lateBy.toMinutes() + " min after its slot began, past the grace of " + grace.toMinutes() + " min");
                }
                current = next;   // the slot is spoken for; the default program covers it
                loadDefault();
                return;
            }
            ProgramFactory f;
            try {
                f = programs.resolve(next.entry().program());
                String refused = ShowSettings.refusal(f, station.config().settings(), next.entry().settings());
                if (refused != null) throw new IllegalArgumentException("not aired: " + refused);
            } catch (Exception e) {
                station.log("error", "schedule entry " + next.entry().id() + " (" + next.entry().program() + "): " + e.getMessage());
                airingId = airings.begin(station.id(), next.entry().id(), next.entry().program(), null, next.start(), next.end(), now, "failed", e.getMessage());
                airings.end(airingId, now, "failed", null);
                airingId = -1;
                current = next;
                loadDefault();
                return;
            }
            station.tap("in", "sched", Map.of("event", "start", "program", f.name(), "entry", next.entry().id(), "end", next.end().toString()));
            station.load(f, next.entry().settings());
            String status = late ? "late" : "ok";
            String reason = resuming ? "resumed " + lateBy.toSeconds() + " s into its slot" : late ? "started " + lateBy.toSeconds() + " s late" : null;
            airingId = airings.begin(station.id(), next.entry().id(), f.name(), f.version(), next.start(), next.end(), now, status, reason);
            current = next;
            return;
        }
        loadDefault();
    }

    private void loadDefault() {
        onDefault = true;
        if (defaultProgram == null) {
            station.unload();
            return;
        }
        try {
            station.load(programs.resolve(defaultProgram));
        } catch (Exception e) {
            station.unload();
        }
    }

    /** {@code moving}: the station goes on on another host of a cluster (its named leases stay its own). */
    private void closeCurrent(Instant now, Occurrence next, boolean moving) {
        if (airingId < 0 || current == null) {
            return;
        }
        String reported = station.reportedStatus();
        String status;
        String reason = null;
        if (now.isBefore(current.end().minus(ON_TIME))) {
            status = "cut";
            reason = next == null ? "ended early" : "cut by " + next.entry().program() + " (entry " + next.entry().id() + ")";
        } else if (reported != null && !reported.equals("ok")) {
            status = reported;
            reason = station.reportedReason();
        } else {
            status = "ok";
        }
        station.tap("in", "sched", Map.of("event", "end", "program", current.entry().program(), "entry", current.entry().id(), "status", status));
        station.unload(moving);
        airings.end(airingId, now, status, reason);
        airingId = -1;
    }

    /** Slots that ended while nobody ran them (the host was down) are written down as missed. */
    private void recordMissed(List<Timeline.Segment> timeline, Instant now) {
        for (Timeline.Segment s : timeline) {
            Occurrence o = s.occurrence();
            if (o != null && !s.end().isAfter(now) && s.end().equals(o.end()) && !same(o, current)
                    && !airings.exists(station.id(), o.entry().id(), o.start())) {
                airings.begin(station.id(), o.entry().id(), o.entry().program(), null, o.start(), o.end(), null, "missed", "the host was not running during the slot");
            }
        }
    }

    private static boolean same(Occurrence a, Occurrence b) {
        if (a == null || b == null) return a == b;
        return a.entry().id() == b.entry().id() && a.start().equals(b.start());
    }

    private void cancelTimers() {
        generation++;
        if (boundary != null) boundary.cancel();
        if (wrapUp != null) wrapUp.cancel();
        boundary = null;
        wrapUp = null;
    }

    /** Stops scheduling; the current airing is closed as it stands. Station thread. */
    public void stop() {
        stop(false);
    }

    /** {@code moving}: the station goes on on another host of a cluster. */
    public void stop(boolean moving) {
        cancelTimers();
        closeCurrent(clock.now(), null, moving);
    }

    public Occurrence current() {
        return current;
    }
}
