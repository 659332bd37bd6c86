package org.stationd.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.schedule.Recurrence;
import org.stationd.schedule.ScheduleEntry;
import org.stationd.storage.postgres.LivePostgres;

/** Schedule entries and airings, in H2's PostgreSQL mode and on a real PostgreSQL server. */
class ScheduleStoreTest {
    @RegisterExtension
    static final LivePostgres PG = new LivePostgres();

    @TempDir
    Path dir;

    private Database open(String kind) throws Exception {
        return TestDatabases.open(kind, dir, PG);
    }

    static ScheduleEntry show(String program, String start, String rule) {
        return new ScheduleEntry(0, "kla", program, Map.of("series", "stories"), LocalDateTime.parse(start), Duration.ofHours(1),
                rule == null ? null : Recurrence.parse(rule), Set.of(LocalDateTime.parse("2026-12-25T08:00")), 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2-pg", "postgresql"})
    void configEntriesKeepTheirIdsWhenUnchangedAndLiveEntriesStay(String kind) throws Exception {
        try (Database db = open(kind)) {
            ScheduleStore store = new ScheduleStore(db);
            List<String> rules = new ArrayList<>(List.of("FREQ=DAILY", "FREQ=WEEKLY;BYDAY=SA"));
            assertArrayEquals(new int[] {2, 0}, store.syncFromConfig("kla", List.of(show("playlist.groovy", "2026-11-23T08:00", rules.get(0)),
                    show("talkshow.js", "2026-11-28T18:00", rules.get(1))), rules));
            long firstId = store.list("kla").get(0).entry().id();
            ScheduleEntry live = store.add(show("news-relay.js", "2026-11-23T12:00", null), null, "live");
            assertArrayEquals(new int[] {0, 0}, store.syncFromConfig("kla", List.of(show("playlist.groovy", "2026-11-23T08:00", rules.get(0)),
                    show("talkshow.js", "2026-11-28T18:00", rules.get(1))), rules));
            assertEquals(firstId, store.list("kla").get(0).entry().id());
            // the talk show moves to Sunday in the file: only that entry is replaced
            List<String> rules2 = List.of("FREQ=DAILY", "FREQ=WEEKLY;BYDAY=SU");
            assertArrayEquals(new int[] {1, 1}, store.syncFromConfig("kla", List.of(show("playlist.groovy", "2026-11-23T08:00", rules2.get(0)),
                    show("talkshow.js", "2026-11-29T18:00", rules2.get(1))), rules2));
            List<ScheduleStore.Stored> all = store.list("kla");
            assertEquals(3, all.size());
            assertEquals(firstId, all.get(0).entry().id());
            assertEquals(Set.of(LocalDateTime.parse("2026-12-25T08:00")), all.get(0).entry().exceptions());
            assertEquals(Map.of("series", "stories"), all.get(0).entry().settings());
            assertEquals(2, all.get(0).entry().priority());
            assertTrue(all.stream().anyMatch(s -> s.entry().id() == live.id() && s.source().equals("live")));
            assertTrue(store.remove("kla", live.id()));
            assertFalse(store.remove("kla", live.id()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2-pg", "postgresql"})
    void airingsAreRecordedOpenedAndClosed(String kind) throws Exception {
        try (Database db = open(kind)) {
            Airings a = new Airings(db);
            Instant ps = Instant.parse("2026-11-23T05:00:00Z");
            long id = a.begin("kla", 7L, "playlist.groovy", "abc", ps, ps.plusSeconds(3600), ps.plusSeconds(90), "late", "started 90 s late");
            assertTrue(a.exists("kla", 7L, ps));
            assertEquals(1, a.open("kla").size());
            a.end(id, ps.plusSeconds(3600), "late", null);
            assertTrue(a.open("kla").isEmpty());
            Airings.Airing row = a.forStation("kla").get(0);
            assertEquals("late", row.status());
            assertEquals("started 90 s late", row.reason());
            assertEquals(ps.plusSeconds(3600), row.actualEnd());
            long missed = a.begin("kla", 8L, "talkshow.js", null, ps, ps.plusSeconds(60), null, "missed", "host down");
            assertNull(a.forStation("kla").stream().filter(r -> r.id() == missed).findFirst().orElseThrow().actualStart());
        }
    }

    /** A host starting thousands of stations reads every schedule and every open airing at once: the same as station by station. */
    @ParameterizedTest
    @ValueSource(strings = {"h2-pg", "postgresql"})
    void everyStationAtOnceIsWhatEachStationReadsAlone(String kind) throws Exception {
        try (Database db = open(kind)) {
            ScheduleStore store = new ScheduleStore(db);
            store.syncFromConfig("kla", List.of(show("playlist.groovy", "2026-11-23T08:00", "FREQ=DAILY")), java.util.Collections.singletonList("FREQ=DAILY"));
            store.add(new ScheduleEntry(0, "gulu", "talkshow.js", Map.of(), LocalDateTime.parse("2026-11-23T09:00"), Duration.ofHours(1), null, Set.of(), 0), null, "live");
            store.add(new ScheduleEntry(0, "gulu", "news.js", Map.of(), LocalDateTime.parse("2026-11-23T07:00"), Duration.ofHours(1), null, Set.of(), 0), null, "live");
            Map<String, List<ScheduleStore.Stored>> all = store.listAll();
            assertEquals(Set.of("kla", "gulu"), all.keySet());
            assertEquals(store.list("kla"), all.get("kla"));
            assertEquals(store.list("gulu"), all.get("gulu"));
            assertEquals("news.js", all.get("gulu").get(0).entry().program(), "in their order, earliest first");

            Airings airings = new Airings(db);
            Instant t = Instant.parse("2026-11-23T08:00:00Z");
            long open = airings.begin("kla", null, "playlist.groovy", "v1", t, t.plusSeconds(3600), t, "aired", null);
            long ended = airings.begin("gulu", null, "talkshow.js", "v1", t, t.plusSeconds(3600), t, "aired", null);
            airings.end(ended, t.plusSeconds(60), "aired", null);
            Map<String, List<Airings.Airing>> opens = airings.openAll();
            assertEquals(Set.of("kla"), opens.keySet());
            assertEquals(airings.open("kla"), opens.get("kla"));
            assertEquals(open, opens.get("kla").get(0).id());
        }
    }
}
