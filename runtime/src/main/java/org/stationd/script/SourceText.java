package org.stationd.script;

/** Line and column arithmetic on script text, for positions engines only know in part. */
public final class SourceText {
    private SourceText() {}

    /** 1-based column of the first non-blank character of a 1-based line; 1 if unknown. */
    public static int firstNonBlankColumn(String text, int line) {
        int start = lineStart(text, line);
        if (start < 0) return 1;
        for (int i = start; i < text.length() && text.charAt(i) != '\n'; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return i - start + 1;
            }
        }
        return 1;
    }

    /** {line, column}, both 1-based, of a character index. */
    public static int[] position(String text, int index) {
        int line = 1, lineStart = 0;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, index - lineStart + 1};
    }

    /** The line number in a {@code file:line} or {@code file:line:column} location; 0 if none. */
    public static int lineOf(String location) {
        if (location == null) return 0;
        String[] parts = location.split(":");
        for (int i = 1; i < parts.length; i++) {
            try {
                return Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                // a drive letter or odd file name: try the next part
            }
        }
        return 0;
    }

    /** Index where a 1-based line starts, or -1. */
    static int lineStart(String text, int line) {
        if (line < 1) return -1;
        int l = 1;
        for (int i = 0; i < text.length(); i++) {
            if (l == line) return i;
            if (text.charAt(i) == '\n') l++;
        }
        return l == line ? text.length() : -1;
    }
}
