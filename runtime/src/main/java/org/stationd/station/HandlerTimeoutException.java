package org.stationd.station;

import java.time.Duration;

/** A handler ran past its time limit and was stopped. */
public final class HandlerTimeoutException extends RuntimeException {
    public HandlerTimeoutException(Duration limit, Throwable cause) {
        super("handler ran longer than " + limit.toMillis() + " ms and was stopped (an endless loop?)", cause);
    }
}
