package org.stationd.api;

/**
 * A handler failed: what the program's error handler gets.
 *
 * @param state    the state whose handler failed
 * @param handler  which handler: {@code enter}, {@code dtmf}, {@code timeout}…
 * @param message  what went wrong
 * @param location script file:line where it went wrong, if known
 */
public record ProgramError(String state, String handler, String message, String location) {
    public String getState() { return state; }
    public String getHandler() { return handler; }
    public String getMessage() { return message; }
    public String getLocation() { return location; }
}
