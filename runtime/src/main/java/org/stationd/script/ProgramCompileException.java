package org.stationd.script;

/**
 * A script that cannot become a program: a syntax error, or a mistake found while reading its
 * definition (unknown handler, duplicate state, {@code go} to a state that does not exist…).
 * The message is {@code file:line:column: what is wrong}, e.g.
 * {@code playlist.groovy:12:5: unexpected token: }}. The running version stays on air.
 */
public final class ProgramCompileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param line   1-based; 0 when unknown
     * @param column 1-based; 0 when unknown
     */
    public ProgramCompileException(String file, int line, int column, String problem, Throwable cause) {
        super(format(file, line, column, problem), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public ProgramCompileException(String file, int line, int column, String problem) {
        this(file, line, column, problem, null);
    }

    private static String format(String file, int line, int column, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(problem).toString();
    }

    public String file() { return file; }
    public int line() { return line; }
    public int column() { return column; }
    /** What is wrong, without the position. */
    public String problem() { return problem; }
}
