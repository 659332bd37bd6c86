package org.stationd.esl.session;

/** The connection closed before the answer we were waiting for arrived. */
public final class EslConnectionClosedException extends RuntimeException {
    public EslConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
