package org.stationd.esl.sim.app;

import java.util.ArrayList;
import java.util.List;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.channel.Channel;

/** One execution of an application on a channel: its argument, Application-UUID, timers and state. */
public final class AppRun {
    private final AppRunner runner;
    private final Application app;
    private final String name;
    private final String arg;
    private final String applicationUuid;
    private final Message message;
    private final int loop;
    private final boolean fromDialplan;
    private final List<AppTimer> timers = new ArrayList<>();
    private boolean done;
    private boolean paused;
    /** Application-specific state (the playback's file, the conference member…). */
    public Object state;

    AppRun(AppRunner runner, Application app, String name, String arg, String applicationUuid, Message message, int loop, boolean fromDialplan) {
        this.runner = runner;
        this.app = app;
        this.name = name;
        this.arg = arg == null ? "" : arg;
        this.applicationUuid = applicationUuid;
        this.message = message;
        this.loop = loop;
        this.fromDialplan = fromDialplan;
    }

    public Channel channel() {
        return runner.channel();
    }

    public SwitchCore core() {
        return runner.core();
    }

    public Application app() {
        return app;
    }

    public String name() {
        return name;
    }

    public String arg() {
        return arg;
    }

    public String applicationUuid() {
        return applicationUuid;
    }

    public Message message() {
        return message;
    }

    public int loop() {
        return loop;
    }

    public boolean fromDialplan() {
        return fromDialplan;
    }

    /** Interrupted because the channel hangs up or leaves for a bridge: FreeSWITCH's media loops end in failure then. */
    public boolean isCutOff() {
        return channel().isDown() || runner.isLeaving();
    }

    public boolean isDone() {
        return done;
    }

    void markDone() {
        done = true;
        for (AppTimer t : timers) {
            t.cancel();
        }
    }

    /** Runs {@code task} after {@code millis} of this run's own time (paused while a nested application runs). */
    public AppTimer after(long millis, Runnable task) {
        AppTimer t = new AppTimer(core().clock(), millis, () -> {
            if (!done) {
                task.run();
            }
        });
        timers.add(t);
        if (!paused) {
            t.start();
        }
        return t;
    }

    void pause() {
        paused = true;
        for (AppTimer t : timers) {
            t.pause();
        }
    }

    void resume() {
        paused = false;
        for (AppTimer t : timers) {
            t.start();
        }
    }

    /** The application finished on its own. */
    public void complete() {
        runner.complete(this);
    }

    /** Sets current_application_response, which EXECUTE_COMPLETE reports as Application-Response. */
    public void respond(String response) {
        channel().vars().set("current_application_response", response);
    }

    @Override
    public String toString() {
        return name + (arg.isEmpty() ? "" : "(" + arg + ")");
    }
}
