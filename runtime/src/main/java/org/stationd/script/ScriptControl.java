package org.stationd.script;

/**
 * What {@link HandlerRunner} needs from an engine about the code behind a handler: how to stop
 * it when it runs too long, and how to say where in the script it failed.
 */
public interface ScriptControl {
    /**
     * Stops the handler running on {@code runner}. Called from another thread, at most once per
     * call; may block briefly until the script has stopped.
     *
     * @return false if the script could not be stopped gently and the program had to be cancelled
     *         as a whole (its handlers now fail at once: reload it)
     */
    boolean interrupt(Thread runner);

    /** The script's view of a failure: message and file:line. */
    ScriptFailure describe(Throwable failure);

    /** Plain Java handlers (built-in programs, tests): stopped by a thread interrupt. */
    ScriptControl JAVA = new ScriptControl() {
        @Override
        public boolean interrupt(Thread runner) {
            runner.interrupt();
            return true;
        }

        @Override
        public ScriptFailure describe(Throwable failure) {
            StackTraceElement[] st = failure.getStackTrace();
            String where = st.length == 0 ? null : st[0].getFileName() + ":" + st[0].getLineNumber();
            return new ScriptFailure(Failures.message(failure), where);
        }
    };

    /** Implemented by the handlers engines build, so the runner finds their control. */
    interface Bound {
        ScriptControl control();
    }
}
