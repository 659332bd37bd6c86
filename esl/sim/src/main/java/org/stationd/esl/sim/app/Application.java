package org.stationd.esl.sim.app;

/**
 * One dialplan application of the simulated switch (playback, park, conference, …). It starts on a
 * channel and calls {@link AppRun#complete()} when it is done, now or later on the switch clock.
 */
public interface Application {
    String name();

    void start(AppRun run);

    /**
     * The channel hung up, or the application was broken off (uuid_break, transfer, kick): stop and
     * fire what FreeSWITCH fires then (PLAYBACK_STOP, CHANNEL_UNPARK…). The runner completes the run.
     */
    default void interrupt(AppRun run, boolean hangup) {}

    /** A digit arrived while this application is the innermost one running. */
    default void onDtmf(AppRun run, char digit) {}

    /** park and socket: queued sendmsg commands, even event-locked ones, run inside them. */
    default boolean isParking() {
        return false;
    }

    /** Whether this run is parked right now (the socket application parks only once connected). */
    default boolean isParking(AppRun run) {
        return isParking();
    }

    /** Whether a sendmsg without event-lock may run nested while this application runs. */
    default boolean parsesMessages() {
        return true;
    }
}
