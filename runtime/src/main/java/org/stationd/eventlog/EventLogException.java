package org.stationd.eventlog;

/** An event log cannot be read: names the file and line. */
public final class EventLogException extends RuntimeException {
    public EventLogException(String file, long line, String message) {
        super(file + ":" + line + ": " + message);
    }
}
