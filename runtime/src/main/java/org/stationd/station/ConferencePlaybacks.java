package org.stationd.station;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.UUID;
import java.util.function.Predicate;

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
        /** The switch accepted the play of a file that starts part-way: it is moved once it is the head. */
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
    /** For each stop not answered yet: how many play-file-done of others' files had come when it was sent. */
    private final Deque<Long> stopsUnanswered = new ArrayDeque<>();
    /** play-file-done of files this station did not ask for after its latest stop (the hold music's too). */
    private long othersDone;
    /**
     * The files the latest answered stop ended have all reported once {@link #othersDone} reaches this.
     * A stop counts every file still open, those an earlier stop ended and the switch has not closed
     * yet too (their play-file-done come once): so the latest stop's count replaces, not adds.
     */
    private long clearAt;

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
        started.addLast(new Started(onSwitch, take(asked, p -> p.onSwitch.equals(onSwitch))));
    }

    /** A play-file-done: this station's playback that ended, or null (a tone, another station's file). */
    Playback finished(String onSwitch) {
        Started st = take(started, x -> x.onSwitch().equals(onSwitch));
        Playback mine = st != null ? st.mine() : take(asked, p -> p.onSwitch.equals(onSwitch));   // else its play-file was missed
        if (mine == null || mine.afterStops < stops) othersDone++;   // perhaps one of the files a stop of ours ended
        return mine;
    }

    /** Removes and returns the oldest element that matches, or null. */
    private static <T> T take(Deque<T> from, Predicate<T> which) {
        for (Iterator<T> it = from.iterator(); it.hasNext(); ) {
            T x = it.next();
            if (which.test(x)) {
                it.remove();
                return x;
            }
        }
        return null;
    }

    /** This station stops the room: every file of its own playing or asked for ends stopped. */
    void stopping() {
        stops++;
        stopsUnanswered.addLast(othersDone);
        asked.forEach(p -> p.stopped = true);
        started.forEach(st -> {
            if (st.mine() != null) st.mine().stopped = true;
        });
    }

    /** The stop's reply: how many files it ended ({@code +OK Stopped 2 files.}), or -1 if it failed. */
    void stopAnswered(int ended) {
        Long sent = stopsUnanswered.pollFirst();
        if (sent != null && ended >= 0) clearAt = sent + ended;
    }

    /** The playback to move now, if one is due and at the head of the room's files; else null. */
    Playback dueSeek() {
        if (!stopsUnanswered.isEmpty() || othersDone < clearAt) return null;
        Started head = started.peekFirst();
        if (head == null || head.mine() == null || !head.mine().seekDue) return null;
        head.mine().seekDue = false;
        return head.mine();
    }
}
