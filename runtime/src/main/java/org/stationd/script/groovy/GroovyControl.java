package org.stationd.script.groovy;

import org.codehaus.groovy.runtime.InvokerInvocationException;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import org.stationd.script.Failures;
import org.stationd.script.ScriptControl;
import org.stationd.script.ScriptFailure;

/**
 * Stops and explains Groovy handlers. Stopping is a thread interrupt: every loop, closure and
 * method of a program is compiled with {@code ThreadInterrupt}, which checks the flag and throws.
 * The failing line is the first stack frame in the script's own file.
 */
final class GroovyControl implements ScriptControl {
    private final String fileName;

    GroovyControl(String fileName) {
        this.fileName = fileName;
    }

    @Override
    public boolean interrupt(Thread runner) {
        runner.interrupt();
        return true;
    }

    @Override
    public ScriptFailure describe(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof InvokerInvocationException || t instanceof ExceptionInInitializerError) && t.getCause() != null) {
            t = t.getCause();
        }
        return new ScriptFailure(message(t), location(t));
    }

    /** {@code file:line} of the innermost script frame, or null. */
    String location(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            for (StackTraceElement e : c.getStackTrace()) {
                if (fileName.equals(e.getFileName()) && e.getLineNumber() > 0) {
                    return fileName + ":" + e.getLineNumber();
                }
            }
        }
        return null;
    }

    private static String message(Throwable t) {
        // Groovy's own wording names generated classes (example$_run_closure1); say it plainly.
        if (t instanceof MissingPropertyException m) {
            return "no such property '" + m.getProperty() + "'";
        }
        if (t instanceof MissingMethodException m) {
            return "no method " + m.getMethod() + "(…) for those arguments";
        }
        return Failures.message(t);
    }
}
