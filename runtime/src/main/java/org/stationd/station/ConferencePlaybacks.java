package org.stationd.station;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.UUID;

/**
 * The files a station played into one conference, followed through the switch's events.
 *
 * <p>Each file goes to the switch as {@code {stationd_play=<uuid>}<path>}: FreeSWITCH opens the path
 * and echoes the whole name in play-file and play-file-done, so a station tells its own playback
 * from another station's (or an earlier owner's) playback of the same report. FreeSWITCH names no
 * playback otherwise. The tag is a uuid so that a replay pairs it with the recorded one, as it does
 * a call's.
 *
 * <p>FreeSWITCH plays a room's files one after another, and {@code file_seek} moves the head of that
 * list. The files a {@code stop} ended stay the head until the conference's next frame closes them
 * (their play-file-done come then, after a play sent meanwhile has begun): a seek sent before that
 * moves a stopped file and is lost. So a file that starts part-way is moved only once it is the
 * head: every file ahead of it that this station saw begin has ended, and every file its stops
 * ended has reported so. Station thread only.
 */
final class ConferencePlaybacks {
    /** One file this station asked the conference to play. */
    static final class Playback {
        final String onSwitch;
        final String file;
        final long fromMillis;
        final int afterStops;
        boolean stopped;
        boolean seekDue;

        private Playback(String onSwitch, String file, long fromMillis, int afterStops) {
            this.onSwitch = onSwitch;
            this.file = file;
            this.fromMillis = fromMillis;
            this.afterStops = afterStops;
        }
    }

    private record Started(String onSwitch, Playback mine) {}

    /** Asked for, not yet announced by a play-file. */
    private final Deque<Playback> asked = new ArrayDeque<>();
    /** Announced by play-file, oldest first, with this station's playback where it was one. */
    private final Deque<Started> started = new ArrayDeque<>();
    private int stops;
    private int stopsUnanswered;
    /** play-file-done still due for files this station's stops ended (below zero: seen before the stop's reply). */
    private int stoppedDue;

    /** The name a file is played under: {@code {stationd_play=<uuid>}<path>} ({@code say:} text is sent as it is). */
    Playback ask(String path, String file, double fromSeconds) {
        String onSwitch = path.startsWith("say:") ? path : "{stationd_play=" + UUID.randomUUID() + "}" + path;
        Playback p = new Playback(onSwitch, file, Math.round(fromSeconds * 1000), stops);
        asked.addLast(p);
        return p;
    }

    /** The switch will not play it (refused, or gone before it answered). */
    void forget(Playback p) {
        asked.remove(p);
        started.removeIf(st -> st.mine() == p);
    }

    /** A play-file: a playback began, this station's if it asked for that name. */
    void began(String onSwitch) {
        Playback mine = null;
        for (Iterator<Playback> it = asked.iterator(); it.hasNext(); ) {
            Playback p = it.next();
            if (p.onSwitch.equals(onSwitch)) {
                it.remove();
                mine = p;
                break;
            }
        }
        started.addLast(new Started(onSwitch, mine));
    }

    /** A play-file-done: this station's playback that ended, or null (a tone, another station's file). */
    Playback finished(String onSwitch) {
        Playback mine = null;
        boolean found = false;
        for (Iterator<Started> it = started.iterator(); it.hasNext(); ) {
            Started st = it.next();
            if (st.onSwitch().equals(onSwitch)) {
                it.remove();
                mine = st.mine();
                found = true;
                break;
            }
        }
        if (!found) {
            for (Iterator<Playback> it = asked.iterator(); it.hasNext(); ) {   // its play-file was missed
                Playback p = it.next();
                if (p.onSwitch.equals(onSwitch)) {
                    it.remove();
                    mine = p;
                    break;
                }
            }
        }
        if ((mine == null || mine.afterStops < stops) && (stopsUnanswered > 0 || stoppedDue > 0)) {
            stoppedDue--;   // one of the files a stop of ours ended
        }
        return mine;
    }

    /** This station stops the room: every file of its own playing or asked for ends stopped. */
    void stopping() {
        stops++;
        stopsUnanswered++;
        asked.forEach(p -> p.stopped = true);
        started.forEach(st -> {
            if (st.mine() != null) st.mine().stopped = true;
        });
    }

    /** The stop's reply: how many files it ended ({@code +OK Stopped 2 files.}), or -1 if it failed. */
    void stopAnswered(int ended) {
        stopsUnanswered--;
        if (ended > 0) stoppedDue += ended;
    }

    /** The switch accepted the play of a file that starts part-way: it is moved once it is the head. */
    void seekWhenAtHead(Playback p) {
        p.seekDue = true;
    }

    /** The playback to move now, if one is due and at the head of the room's files; else null. */
    Playback dueSeek() {
        if (stopsUnanswered > 0 || stoppedDue > 0) return null;
        stoppedDue = 0;
        Started head = started.peekFirst();
        if (head == null || head.mine() == null || !head.mine().seekDue) return null;
        head.mine().seekDue = false;
        return head.mine();
    }
}
