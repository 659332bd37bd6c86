package org.stationd.script.groovy;

import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.stationd.script.SourceText;

/**
 * Groovy's parser reports most mistakes inside a closure at the closure's opening brace: a stray
 * {@code )} three levels deep in {@code program { state('x') { enter { … } } }} comes out as
 * "1:9 Unexpected input: '{'", which tells a volunteer nothing. When that happens this parses
 * the block's contents on their own, and again inside, until it finds the real position.
 */
final class SyntaxErrorRefiner {
    private static final int MAX_DEPTH = 32;

    record Position(int line, int column, String message) {}

    private SyntaxErrorRefiner() {}

    static Position refine(String text, Position reported) {
        Position p = reported;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            int open = index(text, p.line(), p.column());
            if (open < 0 || open >= text.length() || text.charAt(open) != '{' || !p.message().startsWith("Unexpected input: '{")) {
                break;
            }
            int close = matchingBrace(text, open);
            if (close < 0) {
                close = text.length();  // the block never closes: look at everything after it
            }
            String inner = text.substring(open + 1, close);
            String prefix = switchBody(text, open) ? "switch (0) {" : "";
            String suffix = prefix.isEmpty() ? "" : "}";
            inner = blankClosureParameters(inner);
            SyntaxException e = parse(prefix + inner + suffix);
            if (e == null) {
                break;  // the contents parse: the block itself is wrong where it stands
            }
            int at = index(prefix + inner + suffix, e.getLine(), e.getStartColumn()) - prefix.length();
            if (at < 0 || at > inner.length()) {
                break;
            }
            int[] pos = SourceText.position(text, open + 1 + at);
            p = new Position(pos[0], pos[1], e.getOriginalMessage());
        }
        return new Position(p.line(), p.column(), tidy(text, p));
    }

    /** "Unexpected input: '{\n  state(…' " quotes whole blocks; quote the token at the position instead. */
    private static String tidy(String text, Position p) {
        String m = p.message().strip();
        if (!m.startsWith("Unexpected input: '")) return m;
        int i = index(text, p.line(), p.column());
        if (i < 0 || i >= text.length()) return "Unexpected end of file";
        int end = i + 1;
        if (Character.isJavaIdentifierPart(text.charAt(i))) {
            while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) end++;
        }
        return "Unexpected input: '" + text.substring(i, end) + "'";
    }

    private static SyntaxException parse(String snippet) {
        CompilationUnit cu = new CompilationUnit(new CompilerConfiguration());
        cu.addSource("snippet.groovy", snippet);
        try {
            cu.compile(Phases.CONVERSION);
            return null;
        } catch (MultipleCompilationErrorsException e) {
            if (e.getErrorCollector().getErrorCount() > 0
                    && e.getErrorCollector().getErrors().get(0) instanceof SyntaxErrorMessage s) {
                return s.getCause();
            }
            return null;
        }
    }

    /** {@code { e -> …}}: the parameters are not a statement on their own; keep positions, drop them. */
    private static String blankClosureParameters(String inner) {
        int arrow = inner.indexOf("->");
        if (arrow < 0) return inner;
        String params = inner.substring(0, arrow);
        if (!params.matches("[\\s\\w,.<>\\[\\]]*")) return inner;
        return params.replaceAll("[^\\n]", " ") + "  " + inner.substring(arrow + 2);
    }

    /** Whether the brace at {@code open} starts a switch body: {@code switch (x) {}. */
    private static boolean switchBody(String text, int open) {
        int i = open - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) i--;
        if (i < 0 || text.charAt(i) != ')') return false;
        int depth = 0;
        for (; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == ')') depth++;
            else if (c == '(' && --depth == 0) break;
        }
        i--;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) i--;
        return i >= 5 && text.startsWith("switch", i - 5);
    }

    /** The brace closing the one at {@code open}, skipping strings and comments; -1 if none. */
    static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) return -1;
                i = end + 1;
            } else if (c == '\'' || c == '"') {
                String q = text.startsWith("" + c + c + c, i) ? "" + c + c + c : "" + c;
                int j = i + q.length();
                while (j < text.length() && !text.startsWith(q, j)) {
                    if (text.charAt(j) == '\\') j++;
                    if (q.length() == 1 && j < text.length() && text.charAt(j) == '\n') break;
                    j++;
                }
                i = j + q.length() - 1;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Index of a 1-based line and column, or -1. */
    private static int index(String text, int line, int column) {
        int l = 1, i = 0;
        while (l < line) {
            int nl = text.indexOf('\n', i);
            if (nl < 0) return -1;
            i = nl + 1;
            l++;
        }
        return i + column - 1;
    }
}
