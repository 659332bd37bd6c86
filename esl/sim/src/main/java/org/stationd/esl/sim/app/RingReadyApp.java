package org.stationd.esl.sim.app;

/** {@code ring_ready}: tells the caller it rings (CHANNEL_PROGRESS). */
final class RingReadyApp implements Application {
    @Override
    public String name() {
        return "ring_ready";
    }

    @Override
    public void start(AppRun run) {
        run.channel().markRinging();
        run.complete();
    }
}
