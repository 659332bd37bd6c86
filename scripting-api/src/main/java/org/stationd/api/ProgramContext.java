package org.stationd.api;

import java.util.Map;

/**
 * What a handler sees besides the event: in scripts these are globals ({@code station},
 * {@code data}, {@code go}, {@code state}, {@code log}).
 */
public interface ProgramContext {
    Station getStation();

    /**
     * Program data: a map of JSON-like values that survives hot reloads of the program. It is
     * measured after each handler: over 1 MiB (as JSON) it is emptied and the program gets a
     * {@link ProgramError} naming the station, so a growing hoard never takes the host's memory.
     * <pre>{@code
     * data.episode = (data.episode ?: 0) + 1              // Groovy
     * data.episode = (data.episode || 0) + 1;             // JavaScript
     * }</pre>
     */
    Map<String, Object> getData();

    /**
     * Moves to another state after the current handler returns: the current state's {@code exit}
     * runs, then the new state's {@code enter}.
     * <pre>{@code
     * go 'live'                                           // Groovy
     * go('live');                                         // JavaScript
     * }</pre>
     */
    void go(String state);

    /** The current state's name. */
    String getState();

    Log getLog();
}
