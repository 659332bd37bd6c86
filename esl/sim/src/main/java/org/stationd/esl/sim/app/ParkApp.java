package org.stationd.esl.sim.app;

import org.stationd.esl.sim.event.Sites;

/** {@code park}: CHANNEL_PARK, then wait (sendmsg commands run inside) until hangup or transfer: CHANNEL_UNPARK. */
final class ParkApp implements Application {
    @Override
    public String name() {
        return "park";
    }

    @Override
    public void start(AppRun run) {
        run.state = Boolean.TRUE;
        run.channel().fire("CHANNEL_PARK", Sites.CHANNEL_PARK);
    }

    @Override
    public void interrupt(AppRun run, boolean hangup) {
        if (run.state == Boolean.TRUE) {
            run.state = Boolean.FALSE;
            run.channel().fire("CHANNEL_UNPARK", Sites.CHANNEL_UNPARK);
        }
    }

    @Override
    public boolean isParking() {
        return true;
    }
}
