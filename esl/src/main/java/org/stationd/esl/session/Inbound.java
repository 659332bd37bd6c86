package org.stationd.esl.session;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.stationd.esl.dispatch.EventDispatcher;
import org.stationd.esl.dispatch.Gap;
import org.stationd.esl.event.EslEvent;

/**
 * The one place a session hands everything it reads — events, gaps, and the completions of
 * command replies and background-job results — on the Netty event loop, in the order it came off
 * the socket. Nothing here may block: it runs on the thread that reads the socket.
 */
public interface Inbound {
    void event(EslEvent event);

    void gap(Gap gap);

    /**
     * Completes a command's future: on {@code origin}, the executor its sender named (its answers
     * then take their place among its events), or, when null, wherever this sink hands answers out.
     */
    void reply(Executor origin, Runnable completion);

    /** Events and gaps to {@code dispatcher}'s lanes; answers on their origin, else on {@code callbacks}. */
    static Inbound of(EventDispatcher dispatcher, Executor callbacks) {
        return new Inbound() {
            @Override public void event(EslEvent event) { dispatcher.dispatch(event); }
            @Override public void gap(Gap gap) { dispatcher.gap(gap); }
            @Override public void reply(Executor origin, Runnable completion) { run(origin != null ? origin : callbacks, completion); }
        };
    }

    /** On {@code where}; if it no longer takes work (shut down, its owner gone), here, so no future is left hanging. */
    static void run(Executor where, Runnable task) {
        try {
            where.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }
}
