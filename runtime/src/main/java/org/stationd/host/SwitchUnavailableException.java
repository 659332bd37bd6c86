package org.stationd.host;

/**
 * The real FreeSWITCH cannot be used at start-up: not reachable, or it refused the password. The
 * message is one line for the operator, saying what to check; no stack trace is meant to follow.
 */
public final class SwitchUnavailableException extends RuntimeException {
    public SwitchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
