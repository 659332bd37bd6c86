package org.stationd.script.groovy;

/**
 * A mistake in the program's declaration ({@code on.dtfm}, a state declared twice…). Thrown
 * while the script's top level runs; the engine turns it into a compile error at that line.
 * Deliberately not a MissingMethodException, which Groovy's closure resolution would swallow
 * and retry on the owner.
 */
final class DslException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    DslException(String problem) {
        super(problem);
    }
}
