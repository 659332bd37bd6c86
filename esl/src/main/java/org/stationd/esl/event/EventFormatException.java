package org.stationd.esl.event;

/** A frame said it carries an event, but what it carries cannot be read as one. */
public final class EventFormatException extends RuntimeException {
    public EventFormatException(String message) {
        super(message);
    }

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
