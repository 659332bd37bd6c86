package org.stationd.esl.sim.conference;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.clock.SimTimer;
import org.stationd.esl.sim.event.Sites;
import org.stationd.esl.sim.media.Sound;

/**
 * A conference's files as mod_conference keeps them: a list played one after another (its head is
 * the file playing) and, beside it, the hold music (the "async" file, mixed over the list). A stop
 * only marks files done; the conference thread closes them on its next frame (20 ms), one done
 * head per frame (and the done hold music in the first), firing play-file-done then. Until that
 * frame a stopped file is still the head: {@code file_seek} acts on it, a new file waits behind it.
 */
final class ConferenceFiles {
    /** One frame of the conference thread. */
    static final long FRAME_MILLIS = 20;

    private final SwitchCore core;
    private final Conference conf;
    private final LinkedList<FileNode> list = new LinkedList<>();
    private FileNode async;
    private SimTimer framePass;

    /** What {@code conference <name> stop [current|all|async]} stops. */
    enum Stop { CURRENT, ALL, ASYNC }

    /** mod_conference's fnode: a file in the list, or the hold music. */
    private static final class FileNode {
        final String path;
        final Sound sound;
        boolean done;
        boolean seeked;
        long startedMicros = -1;
        /** Where the file is (ms into it) as of {@link #positionSetMicros}: file_seek moves it. */
        long positionMillis;
        long positionSetMicros;
        /** When it stopped playing (stopped or ended), -1 while it plays. */
        long stoppedMicros = -1;
        SimTimer timer;

        FileNode(String path, Sound sound) {
            this.path = path;
            this.sound = sound;
        }
    }

    ConferenceFiles(SwitchCore core, Conference conf) {
        this.core = core;
        this.conf = conf;
    }

    /** What is playing now (hold music first) and queued after it; stopped files are left out. */
    List<String> paths() {
        List<String> out = new ArrayList<>();
        if (async != null && !async.done) {
            out.add(async.path);
        }
        list.stream().filter(n -> !n.done).forEach(n -> out.add(n.path));
        return out;
    }

    boolean playingMoh() {
        return async != null && !async.done;
    }

    /** Queues a file; false if it cannot be found. The name is reported as given ({@code {k=v}} prefix too). */
    boolean enqueue(String path, boolean announce) {
        if (announce) {
            // FreeSWITCH 1.10 announces the file before it opens it: a file it cannot open is announced too
            conf.event(Sites.CONF_PLAY).add("Action", "play-file").add("File", path).add("Async", "false").fire();
        }
        // the conference's file player opens the name as it is: "file@@samples" (playback's resume
        // offset) has no format module, so FreeSWITCH says the file is not found; a {k=v} prefix
        // holds options for the file opener and is not part of the path (the resolver drops it)
        Sound s = path.contains("@@") ? null : core.sounds().resolve(path);
        if (s == null) {
            return false;
        }
        FileNode n = new FileNode(path, s);
        list.add(n);
        if (list.size() == 1) {
            start(n);
        }
        return true;
    }

    /** The conference thread starts the hold music (unannounced, async) while one member is alone in silence. */
    void startMohIfAlone() {
        String moh = conf.profile().mohSound();
        if (moh != null && conf.size() == 1 && !conf.isDestroyed() && async == null && list.isEmpty()) {
            async = new FileNode(moh, new Sound(moh, "local_stream", 0, true));
            async.startedMicros = core.clock().nowMicros();
        }
    }

    /** A second member joined: the thread stops the hold music (FILE_STOP_ASYNC) and closes it in the same frame. */
    void endMoh() {
        if (playingMoh()) {
            markDone(async);
            closeAsync();
        }
    }

    /** {@code stop}: marks files done and says how many; they are closed on the next frame. */
    int stop(Stop what) {
        List<FileNode> hit = new ArrayList<>();
        if (what == Stop.ALL) {
            hit.addAll(list);
        } else if (what == Stop.CURRENT && !list.isEmpty()) {
            hit.add(list.getFirst());
        }
        if (what != Stop.CURRENT && async != null) {
            hit.add(async);
        }
        // an already stopped file not closed yet counts again, as FreeSWITCH counts it
        hit.forEach(this::markDone);
        if (!hit.isEmpty() && framePass == null) {
            framePass = core.clock().schedule(FRAME_MILLIS, this::frame);
        }
        return hit.size();
    }

    /** The conference is gone: every file is closed at once (the list, then the hold music). */
    void closeAll() {
        if (framePass != null) {
            framePass.cancel();
            framePass = null;
        }
        while (!list.isEmpty()) {
            FileNode n = list.poll();
            markDone(n);
            done(n);
        }
        if (async != null) {
            markDone(async);
            closeAsync();
        }
    }

    /**
     * {@code file_seek [+-]<ms>} on the head of the list: moves it to that many ms from its start
     * (or by that many from where it is; a bare sign is one second), replying with the position in
     * samples. A head stopped but not closed yet answers the same and the seek is lost with it.
     * Nothing in the list, or speech, answers as mod_conference does when it writes nothing. After
     * a seek, play-file-done counts the time the file played (capture: a 10 s file moved to 7 s
     * ended 3 s later reporting 3 s), not the file's length.
     */
    String seek(String arg) {
        FileNode f = list.peekFirst();
        if (f == null || f.sound.endless() || f.path.startsWith("say:") || arg == null || arg.isEmpty()) {
            return "-ERR no reply\n";
        }
        long now = core.clock().nowMicros();
        long target;
        if (arg.charAt(0) == '+' || arg.charAt(0) == '-') {
            long step = leadingInt(arg);
            target = Math.max(0, position(f, now) + (step == 0 ? 1000 : step));
        } else {
            target = Math.max(0, leadingInt(arg));   // atoui: "abc" is 0, the start
        }
        if (!f.done) {
            f.positionMillis = target;
            f.positionSetMicros = now;
            f.seeked = true;
            f.timer.cancel();
            endIn(f, Math.max(0, f.sound.durationMillis() - target) + FRAME_MILLIS);
        }
        return "+OK seek to position " + target * 8 + "\n";
    }

    // ---- the conference thread -----------------------------------------------------------------

    private void start(FileNode n) {
        n.startedMicros = core.clock().nowMicros();
        n.positionSetMicros = n.startedMicros;
        endIn(n, n.sound.endless() ? Long.MAX_VALUE / 4 : playMillis(n.sound));
    }

    private void endIn(FileNode n, long millis) {
        n.timer = core.clock().schedule(millis, () -> {
            n.timer = null;
            markDone(n);
            // a file that ran out is closed on the frame that found it done
            list.remove(n);
            done(n);
            next();
        });
    }

    /** One frame with done files: the done hold music and the done head are closed. */
    private void frame() {
        framePass = null;
        if (async != null && async.done) {
            closeAsync();
        }
        FileNode head = list.peekFirst();
        if (head != null && head.done) {
            list.poll();
            done(head);
            next();
        }
        if (async == null && list.isEmpty()) {
            startMohIfAlone();
        }
    }

    /** The new head starts, or, stopped too, waits for the next frame to close it. */
    private void next() {
        FileNode head = list.peekFirst();
        if (head == null) {
            startMohIfAlone();
        } else if (!head.done) {
            start(head);
        } else if (framePass == null) {
            framePass = core.clock().schedule(FRAME_MILLIS, this::frame);
        }
    }

    private void markDone(FileNode n) {
        if (n.done) {
            return;
        }
        n.done = true;
        if (n.timer != null) {
            n.timer.cancel();
            n.timer = null;
        }
        if (n.startedMicros >= 0) {
            n.stoppedMicros = core.clock().nowMicros();
        }
    }

    private void closeAsync() {
        FileNode n = async;
        async = null;
        done(n);
    }

    private static long position(FileNode f, long now) {
        long at = f.stoppedMicros >= 0 ? f.stoppedMicros : now;
        return f.positionMillis + (at - f.positionSetMicros) / 1000;
    }

    private static long leadingInt(String s) {
        int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
        int j = i;
        while (j < s.length() && j - i < 9 && Character.isDigit(s.charAt(j))) {
            j++;
        }
        long v = j > i ? Long.parseLong(s.substring(i, j)) : 0;
        return s.charAt(0) == '-' ? -v : v;
    }

    /**
     * How long the conference takes over a file: its length, and one frame more (it reads in frames).
     * A multi-frequency tone plays its frequencies one after another (the ascending enter beeps took
     * 620 ms for %(200,0,500,600,700) in capture 04).
     */
    private static long playMillis(Sound s) {
        if ("tone_stream".equals(s.type())) {
            return org.stationd.esl.sim.media.ToneStream.sequentialMillis(s.path()) + FRAME_MILLIS;
        }
        return s.durationMillis() + FRAME_MILLIS;
    }

    /**
     * play-file-done: samples at the conference rate (a whole file: its length; a stopped one: the time
     * it ran; one never started: none), and FreeSWITCH divides them by 8 for milliseconds whatever the
     * rate, as capture 04 shows.
     */
    private void done(FileNode f) {
        long playedMillis = f.startedMicros < 0 ? 0 : (f.stoppedMicros - f.startedMicros) / 1000;
        boolean whole = !f.seeked && playedMillis >= playMillis(f.sound);
        long rate = conf.profile().rate();
        long samples = whole ? f.sound.samples() * rate / 8000 : playedMillis * rate / 1000;
        long ms = samples / 8;
        conf.event(Sites.CONF_PLAY_DONE).add("seconds", ms / 1000).add("milliseconds", ms).add("samples", samples)
                .add("Action", "play-file-done").add("File", f.path).fire();
    }
}
