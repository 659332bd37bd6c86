package org.stationd.esl.session;

/** FreeSWITCH did not answer a command (or a background job did not finish) within its time limit. */
public final class EslTimeoutException extends RuntimeException {
    public EslTimeoutException(String message) {
        super(message);
    }
}
