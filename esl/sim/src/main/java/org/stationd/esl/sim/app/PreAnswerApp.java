package org.stationd.esl.sim.app;

/** {@code pre_answer}: early media (CHANNEL_PROGRESS_MEDIA, call state EARLY). */
final class PreAnswerApp implements Application {
    @Override
    public String name() {
        return "pre_answer";
    }

    @Override
    public void start(AppRun run) {
        run.channel().markPreAnswered();
        run.complete();
    }
}
