package org.stationd.script;

/**
 * What a failed handler did wrong, in the script's terms.
 *
 * @param message  what went wrong, e.g. {@code TypeError: Cannot read property 'x' of null}
 * @param location {@code file:line} (or {@code file:line:column}) in the script, or null if unknown
 */
public record ScriptFailure(String message, String location) {}
