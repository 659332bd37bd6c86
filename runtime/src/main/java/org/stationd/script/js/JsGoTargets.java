package org.stationd.script.js;

import java.util.ArrayList;
import java.util.List;
import org.stationd.script.SourceText;

/**
 * Finds {@code go('literal')} calls in JavaScript source, skipping comments and strings, so a
 * misspelt target is reported at load time with its position, as Groovy's compiler check does.
 * A scan rather than a parse: GraalJS exposes no syntax tree. Targets built at run time
 * ({@code go(next)}) are checked when called.
 */
final class JsGoTargets {
    record GoTarget(String state, int line, int column) {}

    private JsGoTargets() {}

    static List<GoTarget> scan(String text) {
        List<GoTarget> found = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                i = skipString(text, i);
            } else if (c == 'g' && text.startsWith("go", i) && boundaryBefore(text, i)) {
                i = matchGo(text, i, found);
            } else {
                i++;
            }
        }
        return found;
    }

    private static int skipString(String text, int start) {
        char q = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == q) return i + 1;
            if (c == '\n' && q != '`') return i;  // unterminated: the parser reports it
            i++;
        }
        return i;
    }

    private static boolean boundaryBefore(String text, int i) {
        if (i == 0) return true;
        char p = text.charAt(i - 1);
        return !Character.isJavaIdentifierPart(p) && p != '.';
    }

    /** At "go": if it is go('x') record it; returns where to continue. */
    private static int matchGo(String text, int i, List<GoTarget> found) {
        int j = skipSpace(text, i + 2);
        if (j >= text.length() || text.charAt(j) != '(') return i + 2;
        j = skipSpace(text, j + 1);
        if (j >= text.length() || (text.charAt(j) != '\'' && text.charAt(j) != '"')) return i + 2;
        int quote = j;
        int end = skipString(text, quote);
        if (end > text.length() || text.charAt(end - 1) != text.charAt(quote)) return i + 2;
        String literal = text.substring(quote + 1, end - 1);
        int k = skipSpace(text, end);
        if (k < text.length() && text.charAt(k) == ')' && literal.indexOf('\\') < 0) {
            int[] pos = SourceText.position(text, quote);
            found.add(new GoTarget(literal, pos[0], pos[1]));
        }
        return end;
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        return i;
    }
}
