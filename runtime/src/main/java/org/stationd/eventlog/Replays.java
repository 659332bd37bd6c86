package org.stationd.eventlog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.stationd.api.ProgramError;
import org.stationd.config.StationConfig;
import org.stationd.station.MemoryStore;
import org.stationd.station.StationListener;

/** What strict and stimulus replays both set a station up from, as the log recorded it. */
final class Replays {
    private Replays() {}

    /** The station's stored values when the show first went on air, their paths read as this replay's folders. */
    @SuppressWarnings("unchecked")
    static MemoryStore storeAtLoad(List<Map<String, Object>> records, Path mediaDir, Path recordingsDir) {
        MemoryStore store = new MemoryStore();
        records.stream().filter(r -> "load".equals(r.get("k")) && r.get("store") instanceof Map<?, ?>).findFirst()
                .ifPresent(r -> ((Map<String, Object>) RecordedPaths.of(r, mediaDir, recordingsDir).translateAll(r.get("store")))
                        .forEach(store::put));
        return store;
    }

    /** The settings a load record carries (the station's, with the schedule entry's over them), else the station's own. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> settings(Map<String, Object> load, StationConfig config) {
        return load != null && load.get("settings") instanceof Map<?, ?> m ? (Map<String, Object>) m : config.settings();
    }

    /** Collects the program's errors as lines stamped with the replay's clock. */
    static StationListener errorsInto(List<String> errors, Supplier<Instant> clock) {
        return new StationListener() {
            @Override
            public void programError(String station, String program, ProgramError e) {
                errors.add(clock.get() + " " + e.handler() + " in " + e.state() + ": " + e.message()
                        + (e.location() == null ? "" : " at " + e.location()));
            }
        };
    }
}
