package org.stationd.script.groovy.sandbox;

/**
 * Something a program may not do, refused while it runs: {@code not allowed in a program:
 * java.io.File.getText}. The handler fails at that line; the host and the other stations run on.
 */
public final class ProgramRefusal extends SecurityException {
    private static final long serialVersionUID = 1L;

    ProgramRefusal(String message) {
        super(message);
    }

    static ProgramRefusal notAllowed(String what) {
        return new ProgramRefusal("not allowed in a program: " + what);
    }
}
