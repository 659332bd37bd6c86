package org.stationd.api;

/** A program's reaction to an event. Engines adapt closures and JS functions to this. */
@FunctionalInterface
public interface Handler {
    void handle(Event event) throws Exception;
}
