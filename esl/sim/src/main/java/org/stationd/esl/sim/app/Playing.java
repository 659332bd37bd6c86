package org.stationd.esl.sim.app;

import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.event.EventBuilder;
import org.stationd.esl.sim.event.Sites;
import org.stationd.esl.sim.media.Sound;

/**
 * A prompt being played on a channel, with switch_ivr_play_file's events: PLAYBACK_START, and
 * PLAYBACK_STOP after the playback_* variables are set to how much was played.
 */
final class Playing {
    final String path;
    final Sound sound;
    private final AppRun run;
    private AppTimer timer;
    private boolean stopped;

    Playing(AppRun run, String path, Sound sound) {
        this.run = run;
        this.path = path;
        this.sound = sound;
    }

    /** Starts; {@code onDone} runs when the whole prompt has played. */
    void start(Runnable onDone) {
        Channel ch = run.channel();
        EventBuilder b = ch.event("PLAYBACK_START", Sites.PLAYBACK_START);
        b.add("Playback-File-Type", sound.type());
        b.add("Playback-File-Path", path);
        b.fire();
        long d = sound.endless() ? Long.MAX_VALUE / 4_000 : sound.durationMillis();
        timer = run.after(d, () -> {
            stop("done");
            onDone.run();
        });
    }

    /** Stops now (digit, break, hangup) or at the end; fires PLAYBACK_STOP once. */
    void stop(String status) {
        if (stopped) {
            return;
        }
        stopped = true;
        long played = timer == null ? 0 : timer.elapsedMillis();
        if (timer != null) {
            timer.cancel();
        }
        Channel ch = run.channel();
        long samples = sound.samplesAt(played);
        ch.vars().set("playback_last_offset_pos", samples);
        ch.vars().set("playback_seconds", samples / 8000);
        ch.vars().set("playback_ms", samples / 8);
        ch.vars().set("playback_samples", samples);
        EventBuilder b = ch.event("PLAYBACK_STOP", Sites.PLAYBACK_STOP);
        b.add("Playback-File-Type", sound.type());
        b.add("Playback-File-Path", path);
        b.add("Playback-Status", status);
        b.fire();
    }

    boolean isStopped() {
        return stopped;
    }
}
