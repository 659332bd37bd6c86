package org.stationd.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId KAMPALA = ZoneId.of("Africa/Kampala");

    static ScheduleEntry entry(long id, String program, String start, Duration d, String rrule, int priority, String... exdates) {
        return new ScheduleEntry(id, "s", program, Map.of(), LocalDateTime.parse(start), d,
                rrule == null ? null : Recurrence.parse(rrule),
                Set.copyOf(java.util.Arrays.stream(exdates).map(LocalDateTime::parse).toList()), priority);
    }

    static List<Instant> starts(ScheduleEntry e, ZoneId zone, String from, String to) {
        return Expander.occurrences(e, zone, Instant.parse(from), Instant.parse(to)).stream().map(Occurrence::start).toList();
    }

    @Test
    void aMorningShowStaysAtEightLocalAcrossLondonsSpringChange() {
        ScheduleEntry e = entry(1, "breakfast", "2026-03-01T08:00", Duration.ofHours(1), "FREQ=DAILY", 0);
        assertEquals(List.of(Instant.parse("2026-03-28T08:00:00Z"), Instant.parse("2026-03-29T07:00:00Z"), Instant.parse("2026-03-30T07:00:00Z")),
                starts(e, LONDON, "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z"));
    }

    @Test
    void aStartTimeThatDoesNotExistMovesForwardByTheGap() {
        // New York, 8 March 2026: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist that day
        ScheduleEntry e = entry(1, "night", "2026-03-01T02:30", Duration.ofMinutes(30), "FREQ=DAILY", 0);
        List<Occurrence> os = Expander.occurrences(e, NEW_YORK, Instant.parse("2026-03-07T00:00:00Z"), Instant.parse("2026-03-10T00:00:00Z"));
        assertEquals(List.of(Instant.parse("2026-03-07T07:30:00Z"), Instant.parse("2026-03-08T07:30:00Z"), Instant.parse("2026-03-09T06:30:00Z")),
                os.stream().map(Occurrence::start).toList());
        assertEquals("2026-03-08T03:30-04:00[America/New_York]", os.get(1).start().atZone(NEW_YORK).toString());
        assertEquals(LocalDateTime.parse("2026-03-08T02:30"), os.get(1).localStart());
    }

    @Test
    void aStartTimeThatHappensTwiceAirsOnceAtTheFirst() {
        // New York, 1 November 2026: 01:00-02:00 happens twice; the show airs at 01:30 EDT only
        ScheduleEntry e = entry(1, "late", "2026-10-30T01:30", Duration.ofMinutes(20), "FREQ=DAILY", 0);
        assertEquals(List.of(Instant.parse("2026-10-31T05:30:00Z"), Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-02T06:30:00Z")),
                starts(e, NEW_YORK, "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z"));
        // London goes back on 25 October 2026: the same rule there
        ScheduleEntry l = entry(2, "late", "2026-10-20T01:30", Duration.ofMinutes(20), "FREQ=DAILY", 0);
        assertEquals(List.of(Instant.parse("2026-10-24T00:30:00Z"), Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z")),
                starts(l, LONDON, "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z"));
    }

    @Test
    void weeklyDaysCountUntilAndExceptionDates() {
        ScheduleEntry mwf = entry(1, "talk", "2026-11-02T18:00", Duration.ofHours(1), "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=5", 0, "2026-11-04T18:00");
        // COUNT counts the excepted Wednesday too (RFC 5545): Mo2, We4 (skipped), Fr6, Mo9, We11
        assertEquals(List.of("2026-11-02T18:00", "2026-11-06T18:00", "2026-11-09T18:00", "2026-11-11T18:00"),
                Expander.occurrences(mwf, KAMPALA, Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"))
                        .stream().map(o -> o.localStart().toString()).toList());
        ScheduleEntry biweekly = entry(2, "farm", "2026-11-03T07:15", Duration.ofMinutes(30), "FREQ=WEEKLY;INTERVAL=2;UNTIL=20261201", 0);
        assertEquals(List.of("2026-11-03T07:15", "2026-11-17T07:15", "2026-12-01T07:15"),
                Expander.occurrences(biweekly, KAMPALA, Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"))
                        .stream().map(o -> o.localStart().toString()).toList());
        ScheduleEntry twice = entry(3, "news", "2026-11-02T00:00", Duration.ofMinutes(10), "FREQ=DAILY;BYHOUR=7,19;BYMINUTE=0;COUNT=3", 0);
        assertEquals(List.of("2026-11-02T07:00", "2026-11-02T19:00", "2026-11-03T07:00"),
                Expander.occurrences(twice, KAMPALA, Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"))
                        .stream().map(o -> o.localStart().toString()).toList());
    }

    @Test
    void monthlyByMonthDaySkipsShortMonthsAndCountsFromTheEnd() {
        ScheduleEntry on31 = entry(1, "review", "2026-01-31T10:00", Duration.ofHours(1), "FREQ=MONTHLY;BYMONTHDAY=31", 0);
        assertEquals(List.of("2026-01-31T10:00", "2026-03-31T10:00", "2026-05-31T10:00"),
                Expander.occurrences(on31, KAMPALA, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-06-15T00:00:00Z"))
                        .stream().map(o -> o.localStart().toString()).toList());
        ScheduleEntry last = entry(2, "review", "2026-01-01T10:00", Duration.ofHours(1), "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", 0);
        assertEquals(List.of("2026-01-31T10:00", "2026-02-28T10:00", "2026-03-31T10:00"),
                Expander.occurrences(last, KAMPALA, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"))
                        .stream().map(o -> o.localStart().toString()).toList());
        ScheduleEntry firstMondays = entry(3, "council", "2026-01-01T09:00", Duration.ofHours(1), "FREQ=MONTHLY;BYDAY=MO;COUNT=6", 0);
        assertEquals(6, Expander.occurrences(firstMondays, KAMPALA, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")).size());
    }

    @Test
    void overlapsGoToHigherPriorityThenTheLaterStartAndGapsToTheDefault() {
        ScheduleEntry music = entry(1, "music", "2026-11-22T08:00", Duration.ofHours(4), null, 0);
        ScheduleEntry special = entry(2, "special", "2026-11-22T09:00", Duration.ofHours(1), null, 0);
        ScheduleEntry news = entry(3, "news", "2026-11-22T09:30", Duration.ofMinutes(15), null, 5);
        ScheduleEntry talk = entry(4, "talk", "2026-11-22T09:40", Duration.ofMinutes(30), null, 0);
        List<Timeline.Segment> t = Timeline.build(List.of(music, special, news, talk), KAMPALA,
                Instant.parse("2026-11-22T04:00:00Z"), Instant.parse("2026-11-22T10:00:00Z"));
        List<String> shown = t.stream().map(s -> s.start().atZone(KAMPALA).toLocalTime() + "-" + s.end().atZone(KAMPALA).toLocalTime() + " "
                + (s.occurrence() == null ? "(default)" : s.occurrence().entry().program())).toList();
        assertEquals(List.of("07:00-08:00 (default)", "08:00-09:00 music", "09:00-09:30 special", "09:30-09:45 news",
                "09:45-10:10 talk", "10:10-12:00 music", "12:00-13:00 (default)"), shown);
        assertNull(t.get(0).occurrence());
    }

    @Test
    void addingAnOverlappingEntryTellsTheOperatorWhatHappens() {
        ScheduleEntry music = entry(1, "music", "2026-11-22T08:00", Duration.ofHours(4), "FREQ=DAILY", 0);
        ScheduleEntry special = entry(2, "special", "2026-11-23T09:00", Duration.ofHours(1), null, 0);
        List<String> c = Timeline.conflicts(special, List.of(music), KAMPALA, Instant.parse("2026-11-22T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));
        assertEquals(List.of("2026-11-23T09:00 overlaps music (entry 1) at 2026-11-23T08:00: the new show takes over during the overlap"), c);
        ScheduleEntry low = entry(3, "filler", "2026-11-23T09:00", Duration.ofHours(1), null, -1);
        assertTrue(Timeline.conflicts(low, List.of(music), KAMPALA, Instant.parse("2026-11-22T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"))
                .get(0).endsWith("music keeps the air during the overlap"));
    }

    @Test
    void badRulesSayWhatIsWrong() {
        assertEquals("FREQ must be DAILY, WEEKLY or MONTHLY, got 'YEARLY'", assertThrows(IllegalArgumentException.class, () -> Recurrence.parse("FREQ=YEARLY")).getMessage());
        assertEquals("BYDAY takes MO,TU,WE,TH,FR,SA,SU, got 'XX'", assertThrows(IllegalArgumentException.class, () -> Recurrence.parse("FREQ=WEEKLY;BYDAY=XX")).getMessage());
        assertEquals("rrule may have COUNT or UNTIL, not both", assertThrows(IllegalArgumentException.class, () -> Recurrence.parse("FREQ=DAILY;COUNT=2;UNTIL=20261231")).getMessage());
        assertEquals("BYHOUR must be 0..23, got 24", assertThrows(IllegalArgumentException.class, () -> Recurrence.parse("FREQ=DAILY;BYHOUR=24")).getMessage());
    }
}
