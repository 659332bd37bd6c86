package org.stationd.esl.sim.conference;

import org.stationd.esl.sim.app.AppRun;
import org.stationd.esl.sim.app.Application;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.event.Sites;
import org.stationd.esl.sim.media.Sound;

/**
 * {@code conference <name>[@<profile>][+flags{…}]}: joins the channel to the conference and stays
 * there until kicked, hung up on (hup) or the channel hangs up. A kicked member hears the profile's
 * kicked sound (PLAYBACK_START/STOP on its channel) before the application ends.
 */
public final class ConferenceApplication implements Application {

    static final class State {
        Conference conference;
        Member member;
        Sound kickedSound;
        String kickedPath;
        org.stationd.esl.sim.app.AppTimer kickedTimer;
    }

    @Override
    public String name() {
        return "conference";
    }

    @Override
    public void start(AppRun run) {
        String arg = run.arg().trim();
        int plus = arg.indexOf('+');
        if (plus >= 0) {
            arg = arg.substring(0, plus);
        }
        String name = arg;
        String profile = "default";
        int at = arg.indexOf('@');
        if (at >= 0) {
            name = arg.substring(0, at);
            profile = arg.substring(at + 1);
        }
        if (name.isEmpty()) {
            run.complete();
            return;
        }
        Channel ch = run.channel();
        Conferences confs = run.core().conferences();
        State st = new State();
        run.state = st;
        st.member = confs.join(name, profile, ch, run);
        st.conference = confs.get(name);
        Member m = st.member;
        ch.vars().set("conference_name", name);
        ch.vars().set("app_session_uuid", st.conference.uuid());
        ch.vars().set("conference_member_id", m.id());
        ch.vars().set("conference_moderator", "false");
        ch.vars().set("conference_ghost", "false");
        ch.vars().set("conference_uuid", st.conference.uuid());
    }

    /** Kick (with the kicked sound) or hup (without): the member leaves, the application ends. */
    static void leave(AppRun run, boolean withSound) {
        if (!(run.state instanceof State st) || run.isDone()) {
            return;
        }
        Conference c = st.conference;
        c.remove(st.member, false);
        String kicked = c.profile().kickedSound();
        Sound s = withSound && kicked != null ? run.core().sounds().resolve(kicked) : null;
        Channel ch = run.channel();
        if (s != null && !ch.isDown()) {
            st.kickedSound = s;
            st.kickedPath = kicked;
            ch.event("PLAYBACK_START", Sites.PLAYBACK_START).add("Playback-File-Path", kicked).fire();
            c.presence();
            st.kickedTimer = run.after(s.durationMillis(), () -> {
                stopKicked(run, st, s.durationMillis(), "done");
                c.memberGone();
                run.complete();
            });
        } else {
            c.presence();
            c.memberGone();
            run.complete();
        }
    }

    private static void stopKicked(AppRun run, State st, long playedMs, String status) {
        Channel ch = run.channel();
        long samples = st.kickedSound.samplesAt(playedMs);
        ch.vars().set("playback_last_offset_pos", samples);
        ch.vars().set("playback_seconds", samples / 8000);
        ch.vars().set("playback_ms", samples / 8);
        ch.vars().set("playback_samples", samples);
        ch.event("PLAYBACK_STOP", Sites.PLAYBACK_STOP).add("Playback-File-Path", st.kickedPath).add("Playback-Status", status).fire();
        st.kickedSound = null;
    }

    /** A key of the member: the profile's caller controls act on it (the shipped default group, if set). */
    @Override
    public void onDtmf(AppRun run, char digit) {
        if (!(run.state instanceof State st) || st.member.left || st.kickedSound != null
                || !CallerControls.DEFAULT.equals(st.conference.profile().callerControls())) {
            return;
        }
        if (CallerControls.press(st.conference, st.member, digit)) {
            leave(run, false);
        }
    }

    @Override
    public void interrupt(AppRun run, boolean hangup) {
        if (!(run.state instanceof State st)) {
            return;
        }
        if (st.kickedSound != null) {
            stopKicked(run, st, st.kickedTimer == null ? 0 : st.kickedTimer.elapsedMillis(), "break");
            st.conference.memberGone();
            return;
        }
        if (!st.member.left) {
            st.conference.remove(st.member, false);
            st.conference.presence();
            st.conference.memberGone();
        }
    }
}
