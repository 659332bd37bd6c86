package org.stationd.api;

/**
 * A handler failed: what the program's error handler gets.
 *
 * @param state    the state whose handler failed
 * @param handler  which handler: {@code enter}, {@code dtmf}, {@code timeout}…
 * @param message  what went wrong
 * @param location script file:line where it went wrong, if known
 * @param call     the call the failed handler was handling ({@code e.call}), or null: the program's
 *                 {@code onError} can still answer it, e.g. play an apology; if it does nothing, the
 *                 station plays its own apology and hangs up, so no caller is left in silence
 */
public record ProgramError(String state, String handler, String message, String location, Call call) {
    public ProgramError(String state, String handler, String message, String location) {
        this(state, handler, message, location, null);
    }

    /** The same error, about {@code c}. */
    public ProgramError onCall(Call c) {
        return new ProgramError(state, handler, message, location, c);
    }

    public Call getCall() { return call; }
    public String getState() { return state; }
    public String getHandler() { return handler; }
    public String getMessage() { return message; }
    public String getLocation() { return location; }
}
