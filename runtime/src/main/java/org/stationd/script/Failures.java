package org.stationd.script;

/** Short, readable messages from exceptions: no package names, no wrapper noise. */
public final class Failures {
    private Failures() {}

    public static String message(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "ran out of memory (" + t.getMessage() + ") and was stopped; "
                    + "keep what a program stores small (a list or text that grows without end?)";
        }
        String m = t.getMessage();
        String type = t.getClass().getSimpleName();
        if (m == null || m.isBlank()) {
            return type;
        }
        // Messages that already say what they are (IllegalArgumentException from our own checks) read better bare.
        if (t instanceof IllegalArgumentException || t instanceof IllegalStateException
                || t instanceof UnsupportedOperationException || t instanceof SecurityException) {
            return m;
        }
        return type + ": " + m;
    }
}
