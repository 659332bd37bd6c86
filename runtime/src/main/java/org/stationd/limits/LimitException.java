package org.stationd.limits;

/**
 * A program's argument or resource refused by a documented limit ({@link Limits}). An
 * {@link IllegalArgumentException}, so the program sees it at its script line like any bad argument;
 * {@link #kind} names the counter it is counted under ({@code switch}, {@code store}, {@code publish},
 * {@code subscribe}, {@code data}).
 */
public final class LimitException extends IllegalArgumentException {
    private final String kind;

    public LimitException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
