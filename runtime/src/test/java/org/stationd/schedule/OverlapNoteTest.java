package org.stationd.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** schedule add's overlap note names the show that will win: a new entry tying an old one wins, as it will once saved. */
class OverlapNoteTest {
    private static final ZoneId KAMPALA = ZoneId.of("Africa/Kampala");

    @Test
    void aNewEntryThatTiesTakesOverAndTheNoteSaysSo() {
        LocalDateTime eight = LocalDateTime.of(2026, 12, 1, 8, 0);
        ScheduleEntry old = new ScheduleEntry(7, "kla", "playlist.groovy", Map.of(), eight, Duration.ofHours(1), null, null, 0);
        ScheduleEntry added = new ScheduleEntry(0, "kla", "talkshow.js", Map.of(), eight, Duration.ofHours(1), null, null, 0);
        var from = eight.minusDays(1).atZone(KAMPALA).toInstant();
        var to = eight.plusDays(1).atZone(KAMPALA).toInstant();
        List<String> notes = Timeline.conflicts(added, List.of(old), KAMPALA, from, to);
        assertEquals(List.of("2026-12-01T08:00 overlaps playlist.groovy (entry 7) at 2026-12-01T08:00: the new show takes over during the overlap"), notes);
        // and so it does once saved with the next id
        Timeline.Segment at = Timeline.build(List.of(old, added.withId(8)), KAMPALA, from, to).stream()
                .filter(s -> s.occurrence() != null).findFirst().orElseThrow();
        assertEquals("talkshow.js", at.occurrence().entry().program());

        ScheduleEntry lower = new ScheduleEntry(0, "kla", "talkshow.js", Map.of(), eight, Duration.ofHours(1), null, null, -1);
        assertEquals(List.of("2026-12-01T08:00 overlaps playlist.groovy (entry 7) at 2026-12-01T08:00: playlist.groovy keeps the air during the overlap"),
                Timeline.conflicts(lower, List.of(old), KAMPALA, from, to));
    }
}
