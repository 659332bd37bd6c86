package org.stationd.script.groovy.sandbox;

/**
 * The text a regular expression runs on, counting the characters the matcher reads: a pattern
 * that backtracks for minutes inside {@code java.util.regex} (where interrupts are not seen)
 * is stopped after {@link #STEPS} reads, and at the handler's limit, since this checks the
 * thread's interrupt flag as it goes.
 */
final class LimitedChars implements CharSequence {
    /** About a second of matching; a sane pattern reads each character a few times. */
    static final long STEPS = 10_000_000L;

    private final String text;
    private final int from;
    private final int to;
    private final long[] steps;

    LimitedChars(String text) {
        this(text, 0, text.length(), new long[1]);
    }

    private LimitedChars(String text, int from, int to, long[] steps) {
        this.text = text;
        this.from = from;
        this.to = to;
        this.steps = steps;
    }

    @Override
    public char charAt(int index) {
        long n = ++steps[0];
        if ((n & 0xFFFF) == 0) {
            if (n > STEPS) {
                throw new ProgramRefusal("a regular expression ran more than " + STEPS
                        + " steps on a text of " + text.length() + " characters and was stopped (it backtracks without end?)");
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new ProgramRefusal("a regular expression was stopped: the handler ran out of time");
            }
        }
        return text.charAt(from + index);
    }

    @Override
    public int length() {
        return to - from;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new LimitedChars(text, from + start, from + end, steps);
    }

    @Override
    public String toString() {
        return text.substring(from, to);
    }
}
