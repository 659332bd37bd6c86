package org.stationd.esl.sim.app;

/** Applications with no effect the simulator models ({@code info}, {@code log}, {@code noop}, …): they just complete. */
final class NoopApp implements Application {
    private final String name;

    NoopApp(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(AppRun run) {
        run.complete();
    }
}
