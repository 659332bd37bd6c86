package org.stationd.cluster;

/** A station's command or write refused because its host no longer owns it (see {@link Fence}). */
public final class FencedException extends IllegalStateException {
    public FencedException(String message) {
        super(message);
    }
}
