package org.stationd.esl.sim.app;

import org.stationd.esl.sim.media.Sound;

/**
 * {@code playback <file>}: plays for the file's length (WAV header, tone_stream spec, silence) and
 * answers FILE PLAYED; a file that cannot be opened gives FILE NOT FOUND at once, with no
 * PLAYBACK_* events. Cut off by a hangup or a uuid_bridge it answers PLAYBACK ERROR (status done),
 * broken off by uuid_break or a terminator FILE PLAYED (status break), as the real switch does. A digit listed in {@code playback_terminators} stops it early.
 */
final class PlaybackApp implements Application {
    @Override
    public String name() {
        return "playback";
    }

    @Override
    public void start(AppRun run) {
        Sound s = run.core().sounds().resolve(run.arg());
        if (s == null) {
            run.respond("FILE NOT FOUND");   // switch_ivr_play_file: SWITCH_STATUS_NOTFOUND
            run.complete();
            return;
        }
        Playing p = new Playing(run, run.arg(), s);
        run.state = p;
        p.start(() -> {
            run.respond("FILE PLAYED");
            run.complete();
        });
    }

    @Override
    public void onDtmf(AppRun run, char digit) {
        if (run.state instanceof Playing p && !p.isStopped() && terminates(run, digit)) {
            run.channel().vars().set("playback_terminator_used", String.valueOf(digit));
            p.stop("break");
            run.respond("FILE PLAYED");
            run.complete();
        }
    }

    static boolean terminates(AppRun run, char digit) {
        String t = run.channel().vars().get("playback_terminators");
        if (t == null || t.equalsIgnoreCase("none")) {
            return false;
        }
        return t.equalsIgnoreCase("any") || t.indexOf(digit) >= 0;
    }

    @Override
    public void interrupt(AppRun run, boolean hangup) {
        if (run.state instanceof Playing p) {
            // uuid_break ends the file with SWITCH_STATUS_BREAK; a hangup or a bridge ends it with a failure
            boolean cut = hangup || run.isCutOff();
            p.stop(cut ? "done" : "break");
            run.respond(cut ? "PLAYBACK ERROR" : "FILE PLAYED");
        }
    }
}
