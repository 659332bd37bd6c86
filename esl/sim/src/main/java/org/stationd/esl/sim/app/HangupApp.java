package org.stationd.esl.sim.app;

import org.stationd.esl.sim.channel.HangupCause;

/** {@code hangup [cause]}. */
final class HangupApp implements Application {
    @Override
    public String name() {
        return "hangup";
    }

    @Override
    public void start(AppRun run) {
        HangupCause c = HangupCause.parse(run.arg());
        run.channel().hangup(c == null ? HangupCause.NORMAL_CLEARING : c);
        run.complete();
    }
}
