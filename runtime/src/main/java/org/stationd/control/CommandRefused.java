package org.stationd.control;

/**
 * An operator's command that cannot be done, with a message written for the operator. Only this
 * message reaches a reply: any other exception from a command is logged and answered with a plain
 * "internal error", so no Java text (and nothing about the host's files) leaks to a client.
 */
public final class CommandRefused extends IllegalArgumentException {
    public CommandRefused(String message) {
        super(message);
    }
}
