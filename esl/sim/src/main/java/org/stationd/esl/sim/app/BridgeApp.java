package org.stationd.esl.sim.app;

import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.channel.HangupCause;
import org.stationd.esl.sim.originate.OriginateRequest;
import org.stationd.esl.sim.originate.Origination;

/**
 * {@code bridge <dial string>}: calls out and, once answered, bridges this channel to the new leg
 * (answering this one if needed). The application ends when the bridge ends; a failed call sets
 * originate_disposition/DIALSTATUS and lets the dialplan go on, as FreeSWITCH's does.
 */
final class BridgeApp implements Application {
    static final class State {
        Channel leg;
        boolean bridged;
    }

    @Override
    public String name() {
        return "bridge";
    }

    @Override
    public void start(AppRun run) {
        Channel a = run.channel();
        OriginateRequest req;
        try {
            req = OriginateRequest.forBridge(run.arg());
        } catch (IllegalArgumentException e) {
            a.vars().set("originate_disposition", "INVALID_URL");
            run.complete();
            return;
        }
        State st = new State();
        run.state = st;
        // remember the new leg as soon as it exists, so a hangup here can cancel it
        run.core().originator().originate(req, leg -> st.leg = leg).thenAccept(r -> onResult(run, st, r));
    }

    private void onResult(AppRun run, State st, Origination.OriginateResult r) {
        Channel a = run.channel();
        if (run.isDone()) {
            if (r.ok() && !r.channel().isDown()) {
                r.channel().hangup(HangupCause.ORIGINATOR_CANCEL);
            }
            return;
        }
        if (!r.ok()) {
            a.vars().set("originate_disposition", r.cause().name());
            a.vars().set("DIALSTATUS", dialStatus(r.cause()));
            a.vars().set("bridge_hangup_cause", r.cause().name());
            run.complete();
            return;
        }
        Channel b = r.channel();
        st.leg = b;
        st.bridged = true;
        a.vars().set("originate_disposition", "SUCCESS");
        a.vars().set("DIALSTATUS", "SUCCESS");
        a.answer();
        run.core().bridges().bridge(a, b, run);
    }

    private static String dialStatus(HangupCause c) {
        return switch (c) {
            case USER_BUSY -> "BUSY";
            case NO_ANSWER, NO_USER_RESPONSE -> "NOANSWER";
            case ORIGINATOR_CANCEL -> "CANCEL";
            default -> "CHANUNAVAIL";
        };
    }

    @Override
    public void interrupt(AppRun run, boolean hangup) {
        if (run.state instanceof State st && !st.bridged && st.leg != null && !st.leg.isDown()) {
            st.leg.hangup(HangupCause.ORIGINATOR_CANCEL);
        }
    }
}
