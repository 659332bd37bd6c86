package org.stationd.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * What is on air when, after overlaps are resolved. The rule: at any moment the show with the
 * highest priority wins; between equal priorities, the one that started later wins (a special
 * programme put into a regular slot takes over). A show that is overtaken resumes when the other
 * ends, if its own slot is still open. Where nothing is planned the station's default program runs.
 */
public final class Timeline {
    /** A stretch of time with one show on air ({@code occurrence} null: the default program). */
    public record Segment(Instant start, Instant end, Occurrence occurrence) {}

    static final Comparator<Occurrence> WINNER = Comparator
            .comparingInt((Occurrence o) -> o.entry().priority())
            .thenComparing(Occurrence::start)
            .thenComparingLong(o -> o.entry().id());

    private Timeline() {}

    public static List<Segment> build(List<ScheduleEntry> entries, ZoneId zone, Instant from, Instant to) {
        List<Occurrence> all = new ArrayList<>();
        for (ScheduleEntry e : entries) {
            all.addAll(Expander.occurrences(e, zone, from, to));
        }
        TreeSet<Instant> cuts = new TreeSet<>(List.of(from, to));
        for (Occurrence o : all) {
            if (o.start().isAfter(from) && o.start().isBefore(to)) cuts.add(o.start());
            if (o.end().isAfter(from) && o.end().isBefore(to)) cuts.add(o.end());
        }
        List<Segment> out = new ArrayList<>();
        Instant prev = null;
        for (Instant cut : cuts) {
            if (prev != null) {
                Instant mid = prev;
                Occurrence winner = all.stream().filter(o -> o.covers(mid)).max(WINNER).orElse(null);
                Segment last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (last != null && last.occurrence() == winner) {
                    out.set(out.size() - 1, new Segment(last.start(), cut, winner));
                } else {
                    out.add(new Segment(prev, cut, winner));
                }
            }
            prev = cut;
        }
        return out;
    }

    /** Slots of {@code candidate} that would overlap other entries: what the operator is told when adding it. */
    public static List<String> conflicts(ScheduleEntry candidate, List<ScheduleEntry> others, ZoneId zone, Instant from, Instant to) {
        List<String> out = new ArrayList<>();
        // a new entry has no id yet; saved, it gets the highest, which wins a tie: judge it as saved
        ScheduleEntry asSaved = candidate.id() == 0 ? candidate.withId(Long.MAX_VALUE) : candidate;
        List<Occurrence> mine = Expander.occurrences(asSaved, zone, from, to);
        for (ScheduleEntry other : others) {
            for (Occurrence o : Expander.occurrences(other, zone, from, to)) {
                for (Occurrence m : mine) {
                    if (m.start().isBefore(o.end()) && o.start().isBefore(m.end())) {
                        boolean wins = WINNER.compare(m, o) > 0;
                        out.add(m.localStart() + " overlaps " + other.program() + " (entry " + other.id() + ") at " + o.localStart()
                                + ": " + (wins ? "the new show takes over" : other.program() + " keeps the air") + " during the overlap");
                        break;
                    }
                }
            }
        }
        return out;
    }
}
