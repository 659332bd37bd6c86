package org.stationd.esl.sim.app;

/** {@code answer}: answers the channel (a loopback B leg answers its A leg first). */
final class AnswerApp implements Application {
    @Override
    public String name() {
        return "answer";
    }

    @Override
    public void start(AppRun run) {
        run.channel().answer();
        run.complete();
    }
}
