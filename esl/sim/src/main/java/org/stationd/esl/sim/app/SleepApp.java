package org.stationd.esl.sim.app;

/** {@code sleep <ms>}. */
final class SleepApp implements Application {
    @Override
    public String name() {
        return "sleep";
    }

    @Override
    public void start(AppRun run) {
        long ms;
        try {
            ms = Long.parseLong(run.arg().trim());
        } catch (NumberFormatException e) {
            ms = 0;
        }
        run.after(Math.max(0, ms), run::complete);
    }
}
