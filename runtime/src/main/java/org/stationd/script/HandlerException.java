package org.stationd.script;

import org.stationd.api.ProgramError;

/** A handler failed; {@link #error()} is what the program's {@code onError} and the log get. */
public class HandlerException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ProgramError error;

    public HandlerException(ProgramError error, Throwable cause) {
        super(describe(error), cause);
        this.error = error;
    }

    public ProgramError error() {
        return error;
    }

    static String describe(ProgramError e) {
        StringBuilder sb = new StringBuilder();
        if (e.location() != null) sb.append(e.location()).append(": ");
        if (e.handler() != null) {
            sb.append(e.handler());
            if (e.state() != null) sb.append(" in state '").append(e.state()).append('\'');
            sb.append(": ");
        }
        return sb.append(e.message()).toString();
    }
}
