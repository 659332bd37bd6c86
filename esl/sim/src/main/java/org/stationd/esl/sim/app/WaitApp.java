package org.stationd.esl.sim.app;

/** Applications that just hold the call until hangup or a break: {@code echo} (the caller hears themselves), {@code endless_playback}-like waits. */
final class WaitApp implements Application {
    private final String name;

    WaitApp(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(AppRun run) {
        // nothing to do until the call ends or someone breaks in
    }
}
