package org.stationd.esl.sim.app;

import java.util.ArrayList;
import java.util.List;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.clock.SimTimer;
import org.stationd.esl.sim.event.Sites;

/**
 * A media bug on a channel (record_session, uuid_record, uuid_displace): started with
 * MEDIA_BUG_START (+ RECORD_START for recordings), stopped by its limit, a stop command or the
 * hangup, which writes the recording and fires RECORD_STOP + MEDIA_BUG_STOP.
 */
public final class MediaBug {
    private static final java.util.Map<Channel, List<MediaBug>> BUGS = new java.util.WeakHashMap<>();

    private final Channel channel;
    private final String function;
    private final String target;
    private final long startedMicros;
    private final AppRun owner;
    private SimTimer limit;
    private boolean stopped;

    private MediaBug(Channel channel, String function, String target, AppRun owner) {
        this.channel = channel;
        this.function = function;
        this.target = target;
        this.owner = owner;
        this.startedMicros = channel.core().clock().nowMicros();
    }

    /** Starts a bug; {@code limitMs} > 0 stops it by itself. */
    public static MediaBug start(Channel ch, String function, String target, long limitMs, AppRun owner) {
        MediaBug b = new MediaBug(ch, function, target, owner);
        synchronized (BUGS) {
            BUGS.computeIfAbsent(ch, k -> new ArrayList<>()).add(b);
        }
        ch.event("MEDIA_BUG_START", Sites.MEDIA_BUG_START).add("Media-Bug-Function", function).add("Media-Bug-Target", target).fire();
        if (b.isRecording()) {
            ch.event("RECORD_START", Sites.RECORD_START).add("Record-File-Path", target).fire();
        }
        if (limitMs > 0) {
            b.limit = ch.core().clock().schedule(limitMs, () -> b.stop("success-maxtime"));
        }
        return b;
    }

    public boolean isRecording() {
        return function.equals("session_record");
    }

    public void stop(String cause) {
        if (stopped) {
            return;
        }
        stopped = true;
        if (limit != null) {
            limit.cancel();
        }
        synchronized (BUGS) {
            List<MediaBug> l = BUGS.get(channel);
            if (l != null) {
                l.remove(this);
            }
        }
        long ms = (channel.core().clock().nowMicros() - startedMicros) / 1000;
        if (isRecording()) {
            if (owner != null) {
                RecordApp.write(owner, target, ms);
            } else {
                writeDirect(ms);
            }
            channel.vars().set("record_seconds", ms / 1000);
            channel.vars().set("record_ms", ms);
            channel.vars().set("record_samples", ms * 8);
            channel.event("RECORD_STOP", Sites.RECORD_STOP).add("Record-File-Path", target).add("Record-Completion-Cause", cause).fire();
        }
        channel.event("MEDIA_BUG_STOP", Sites.MEDIA_BUG_STOP).add("Media-Bug-Function", function).add("Media-Bug-Target", target).fire();
    }

    private void writeDirect(long ms) {
        var path = channel.core().sounds().recordingTarget(target);
        try {
            org.stationd.esl.sim.media.Wav.writeSilence(path, ms);
        } catch (java.io.IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(MediaBug.class).warn("cannot write recording {}: {}", path, e.toString());
        }
    }

    /** Stops the channel's bugs matching {@code target} ("all" or null for every one of that kind). */
    public static int stopMatching(Channel ch, String function, String target) {
        List<MediaBug> list;
        synchronized (BUGS) {
            list = new ArrayList<>(BUGS.getOrDefault(ch, List.of()));
        }
        int n = 0;
        for (MediaBug b : list) {
            if ((function == null || b.function.equals(function)) && (target == null || target.equals("all") || b.target.equals(target))) {
                b.stop("success");
                n++;
            }
        }
        return n;
    }

    /** At hangup every bug closes. */
    public static void closeAll(Channel ch) {
        stopMatching(ch, null, null);
    }
}
