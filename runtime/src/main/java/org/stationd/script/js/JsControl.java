package org.stationd.script.js;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.stationd.script.Failures;
import org.stationd.script.ScriptControl;
import org.stationd.script.ScriptFailure;

/**
 * Stops and explains JavaScript handlers. Stopping is {@link Context#interrupt}: the context
 * stays usable and the handler ends with an interrupted PolyglotException. A script that will not
 * stop within {@link #GRACE} (a {@code finally} that loops) gets its whole context cancelled.
 */
final class JsControl implements ScriptControl {
    static final Duration GRACE = Duration.ofSeconds(1);

    private final Context context;

    JsControl(Context context) {
        this.context = context;
    }

    @Override
    public boolean interrupt(Thread runner) {
        try {
            context.interrupt(GRACE);
            return true;
        } catch (TimeoutException e) {
            context.close(true);
            return false;
        } catch (IllegalStateException e) {
            return true;  // already closed: nothing left to stop
        }
    }

    @Override
    public ScriptFailure describe(Throwable failure) {
        if (failure instanceof PolyglotException p) {
            String message = p.isHostException() ? Failures.message(p.asHostException()) : firstLine(p.getMessage());
            if (p.isCancelled()) {
                message = "the program was cancelled (it did not stop when interrupted); reload it";
            }
            return new ScriptFailure(message, location(p));
        }
        return new ScriptFailure(Failures.message(failure), null);
    }

    /** {@code file:line:column} of the innermost script frame: the throw, or the call into Java that threw. */
    static String location(PolyglotException p) {
        SourceSection s = p.getSourceLocation();
        if (s == null || s.getSource().isInternal()) {
            s = null;
            for (PolyglotException.StackFrame f : p.getPolyglotStackTrace()) {
                SourceSection fs = f.getSourceLocation();
                if (f.isGuestFrame() && fs != null && !fs.getSource().isInternal()) {
                    s = fs;
                    break;
                }
            }
        }
        return s == null ? null : s.getSource().getName() + ":" + s.getStartLine() + ":" + s.getStartColumn();
    }

    static String firstLine(String m) {
        if (m == null) return "error";
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
