package org.stationd.esl.client;

/** FreeSWITCH refused our credentials ({@code -ERR invalid}): retrying will not help, fix the password. */
public final class EslAuthException extends RuntimeException {
    public EslAuthException(String message) {
        super(message);
    }
}
