package org.stationd.api;

/** The program's {@code onError}: runs after a handler threw or ran too long; the station stays on air. */
@FunctionalInterface
public interface ErrorHandler {
    void handle(ProgramError error) throws Exception;
}
