package org.stationd.api;

import java.util.List;

/**
 * The station's voice board: recordings listeners left, waiting for approval, and the approved
 * ones that may air.
 *
 * <pre>{@code
 * station.recordings.save(e.file, 'greeting', 7, e.call.from, e.seconds)     // Groovy
 * station.recordings.playable().each { r -> studio.play(r.file) }
 *
 * station.recordings.save(e.file, 'greeting', 7, e.call.from, e.seconds);    // JavaScript
 * station.recordings.playable().forEach(r => studio.play(r.file));
 * }</pre>
 */
public interface Recordings {
    /** Stores a recording as {@code pending}; it may air for {@code days} days once approved. */
    Recording save(String file, String category, int days, String caller, Double seconds);

    /** Approved recordings that have not expired, oldest first. */
    List<Recording> playable();
}
