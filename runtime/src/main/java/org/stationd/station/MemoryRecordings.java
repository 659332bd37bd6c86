package org.stationd.station;

import java.util.ArrayList;
import java.util.List;
import org.stationd.api.Recording;
import org.stationd.api.Recordings;

/** Voice-board recordings kept in memory (replays and tests); saved ones stay pending. */
public final class MemoryRecordings implements Recordings {
    private final List<Recording> saved = new ArrayList<>();

    @Override
    public synchronized Recording save(String file, String category, int days, String caller, Double seconds) {
        Recording r = new Recording(saved.size() + 1, file, category, caller, seconds, System.currentTimeMillis() + days * 86_400_000L, "pending");
        saved.add(r);
        return r;
    }

    @Override
    public synchronized List<Recording> playable() {
        return List.of();
    }
}
