package org.stationd.script;

import org.stationd.api.ProgramError;

/** A handler ran past its time limit and was stopped. */
public final class HandlerTimeoutException extends HandlerException {
    private static final long serialVersionUID = 1L;

    private final boolean programCancelled;

    public HandlerTimeoutException(ProgramError error, boolean programCancelled, Throwable cause) {
        super(error, cause);
        this.programCancelled = programCancelled;
    }

    /**
     * True if the script ignored the gentle stop and the engine had to cancel the program as a
     * whole (a JS context closed): its handlers will fail from now on, so reload it.
     */
    public boolean programCancelled() {
        return programCancelled;
    }
}
