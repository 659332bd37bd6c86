package org.stationd.api;

/**
 * The program's log; every line is tagged with station, program and state.
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
