package org.stationd.esl.sim.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.channel.HangupCause;
import org.stationd.esl.sim.event.Sites;
import org.stationd.esl.sim.media.Wav;

/**
 * {@code record <path> [<time_limit_secs>] [<silence_thresh>] [<silence_hits>]}: records until the
 * time limit, a terminator digit ({@code playback_terminators}, default {@code *}) or hangup, then
 * writes a real WAV (silence) of the recorded length. RECORD_START/RECORD_STOP as FreeSWITCH fires them.
 * Into a folder that does not exist it cannot open the file: no RECORD_* events, the call is hung
 * up with DESTINATION_OUT_OF_ORDER, as the real switch does.
 */
final class RecordApp implements Application {
    static final class State {
        String path;
        AppTimer timer;
        long limitMs;
        boolean stopped;
    }

    @Override
    public String name() {
        return "record";
    }

    @Override
    public void start(AppRun run) {
        String[] a = run.arg().trim().split(" +");
        if (a.length == 0 || a[0].isEmpty()) {
            run.complete();
            return;
        }
        Path target = run.core().sounds().recordingTarget(a[0]);
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            // FreeSWITCH creates no folders: the file cannot be opened and the call is hung up
            LoggerFactory.getLogger(RecordApp.class).warn("record: cannot open {} (no such folder)", a[0]);
            run.channel().hangup(HangupCause.DESTINATION_OUT_OF_ORDER);
            if (!run.isDone()) {
                run.complete();
            }
            return;
        }
        State st = new State();
        st.path = a[0];
        long limit = 0;
        if (a.length > 1) {
            try {
                limit = Long.parseLong(a[1]) * 1000;
            } catch (NumberFormatException ignored) {
                limit = 0;
            }
        }
        st.limitMs = limit;
        run.state = st;
        Channel ch = run.channel();
        ch.event("RECORD_START", Sites.RECORD_START_APP).add("Record-File-Path", st.path).fire();
        st.timer = run.after(limit > 0 ? limit : Long.MAX_VALUE / 4_000, () -> finish(run, st, "success-maxtime"));
    }

    private static void finish(AppRun run, State st, String cause) {
        stop(run, st, cause);
        run.complete();
    }

    private static void stop(AppRun run, State st, String cause) {
        if (st.stopped) {
            return;
        }
        st.stopped = true;
        long ms = st.timer == null ? 0 : st.timer.elapsedMillis();
        if (st.timer != null) {
            st.timer.cancel();
        }
        write(run, st.path, ms);
        Channel ch = run.channel();
        ch.vars().set("record_seconds", ms / 1000);
        ch.vars().set("record_ms", ms);
        ch.vars().set("record_samples", ms * 8);
        ch.event("RECORD_STOP", Sites.RECORD_STOP_APP).add("Record-File-Path", st.path).add("Record-Completion-Cause", cause).fire();
    }

    static void write(AppRun run, String fsPath, long ms) {
        Path target = run.core().sounds().recordingTarget(fsPath);
        try {
            Wav.writeSilence(target, ms);
            run.core().sounds().forget(target);
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(RecordApp.class).warn("cannot write recording {}: {}", target, e.toString());
        }
    }

    @Override
    public void onDtmf(AppRun run, char digit) {
        String t = run.channel().vars().get("playback_terminators");
        String terms = t == null ? "*" : t;
        if (run.state instanceof State st && !terms.equalsIgnoreCase("none") && (terms.equalsIgnoreCase("any") || terms.indexOf(digit) >= 0)) {
            run.channel().vars().set("playback_terminator_used", String.valueOf(digit));
            finish(run, st, "success");
        }
    }

    @Override
    public void interrupt(AppRun run, boolean hangup) {
        if (run.state instanceof State st) {
            stop(run, st, "success");
        }
    }
}
