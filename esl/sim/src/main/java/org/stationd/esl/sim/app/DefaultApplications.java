package org.stationd.esl.sim.app;

import org.stationd.esl.sim.conference.ConferenceApplication;
import org.stationd.esl.sim.socket.SocketApplication;

/** Registers the applications the simulated switch implements. */
public final class DefaultApplications {
    private DefaultApplications() {}

    public static void register(Applications apps) {
        apps.register(new AnswerApp())
                .register(new PreAnswerApp())
                .register(new RingReadyApp())
                .register(new HangupApp())
                .register(new ParkApp())
                .register(new PlaybackApp())
                .register(new SleepApp())
                .register(new SetApp("set"))
                .register(new SetApp("export"))
                .register(new SetApp("unset"))
                .register(new WaitApp("echo"))
                .register(new SpeakApp("speak"))
                .register(new SpeakApp("say"))
                .register(new RecordApp())
                .register(new RecordSessionApp(false))
                .register(new RecordSessionApp(true))
                .register(new DisplaceApp())
                .register(new PlayAndGetDigitsApp())
                .register(new ReadApp())
                .register(new BridgeApp())
                .register(new TransferApp())
                .register(new ConferenceApplication())
                .register(new SocketApplication())
                .register(new NoopApp("info"))
                .register(new NoopApp("log"))
                .register(new NoopApp("noop"))
                .register(new NoopApp("event"))
                .register(new NoopApp("sched_hangup"));
    }
}
