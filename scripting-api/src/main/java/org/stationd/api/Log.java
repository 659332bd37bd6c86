package org.stationd.api;

/**
 * The program's log; every line is tagged with station, program and state. A station's program
 * logs at most 600 lines a minute (the rest are dropped, counted, and one warning says how many
 * when the minute ends) and each line at most 4096 characters (longer ones are cut).
 *
 * <pre>{@code
 * log.info("caller ${e.call.from} on air")           // Groovy
 * log.info(`caller ${e.call.from} on air`);          // JavaScript
 * }</pre>
 */
public interface Log {
    void info(String message);

    void warn(String message);

    void error(String message);

    void debug(String message);
}
