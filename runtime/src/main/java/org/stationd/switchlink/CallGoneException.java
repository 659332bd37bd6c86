package org.stationd.switchlink;

/**
 * The switch refused a command for a call because the call no longer exists there
 * ({@code -ERR invalid session id}): the command lost a race with the caller's hangup, which the
 * station hears as its own event. Not a program's mistake.
 */
public final class CallGoneException extends IllegalStateException {
    public CallGoneException(String message) {
        super(message);
    }

    /** The reply FreeSWITCH gives a sendmsg to a uuid it has no session for. */
    static boolean isReply(String replyText) {
        return replyText != null && replyText.startsWith("-ERR invalid session id");
    }

    /** Whether a failed command's cause (perhaps wrapped by a future) says the call had gone. */
    public static boolean in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CallGoneException) {
                return true;
            }
        }
        return false;
    }
}
