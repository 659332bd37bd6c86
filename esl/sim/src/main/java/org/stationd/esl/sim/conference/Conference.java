package org.stationd.esl.sim.conference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.UUID;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.clock.SimTimer;
import org.stationd.esl.sim.dialplan.ConferenceProfile;
import org.stationd.esl.sim.event.EventBuilder;
import org.stationd.esl.sim.event.Sites;
import org.stationd.esl.sim.media.Sound;

/**
 * One mod_conference conference: members (newest first, as {@code conference <name> list} shows
 * them), the floor, and a queue of files played into it one after another. Fires the
 * {@code conference::maintenance} CUSTOM events with FreeSWITCH's header layout.
 */
public final class Conference {
    public static final String SUBCLASS = "conference::maintenance";

    private final SwitchCore core;
    private final Conferences registry;
    private final String name;
    private final String domain;
    private final String uuid = UUID.randomUUID().toString();
    private final ConferenceProfile profile;
    private final LinkedList<Member> members = new LinkedList<>();
    private final Deque<QueuedFile> files = new ArrayDeque<>();
    private final long createdMicros;
    private Member floor;
    private QueuedFile playing;
    private SimTimer playTimer;
    private long playStartedMicros;
    /** Where the file now playing is (ms into it) as of {@link #positionSetMicros}: file_seek moves it. */
    private long positionMillis;
    private long positionSetMicros;
    private boolean seeked;
    private boolean destroyed;
    private int running;

    /** A file waiting or playing in the conference. */
    record QueuedFile(String path, Sound sound) {}

    Conference(SwitchCore core, Conferences registry, String name, ConferenceProfile profile) {
        this.core = core;
        this.registry = registry;
        this.name = name;
        this.domain = core.globals().getOrDefault("domain", "127.0.0.1");
        this.profile = profile;
        this.createdMicros = core.clock().nowMicros();
    }

    public String name() {
        return name;
    }

    public String uuid() {
        return uuid;
    }

    public ConferenceProfile profile() {
        return profile;
    }

    public List<Member> members() {
        return new ArrayList<>(members);
    }

    public int size() {
        return members.size();
    }

    public Member floor() {
        return floor;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    public long createdMicros() {
        return createdMicros;
    }

    public Member member(int id) {
        for (Member m : members) {
            if (m.id == id) {
                return m;
            }
        }
        return null;
    }

    /** What is playing now and queued after it. */
    public List<String> files() {
        List<String> out = new ArrayList<>();
        if (playing != null) {
            out.add(playing.path());
        }
        files.forEach(f -> out.add(f.path()));
        return out;
    }

    // ---- events ------------------------------------------------------------------------------

    EventBuilder event(org.stationd.esl.sim.event.CallSite site) {
        EventBuilder b = core.events().custom(SUBCLASS, site);
        b.add("Conference-Name", name);
        b.add("Conference-Domain", domain);
        b.add("Conference-Size", members.size());
        b.add("Conference-Ghosts", "0");
        b.add("Conference-Profile-Name", profile.name());
        b.add("Conference-Unique-ID", uuid);
        return b;
    }

    /** conference_member_add_event_data: Floor, the channel's basic data, then the member's state. */
    void memberData(EventBuilder b, Member m) {
        b.add("Floor", floor == m);
        m.channel.basicData(b);
        b.add("Video", "false");
        b.add("Hear", m.hear);
        b.add("See", "true");
        b.add("Speak", m.speak);
        b.add("Talking", "false");
        b.add("Mute-Detect", "false");
        b.add("Hold", "false");
        b.add("Member-ID", m.id);
        b.add("Member-Type", "member");
        b.add("Member-Ghost", "false");
        b.add("Energy-Level", "100");
        b.add("Current-Energy", "0");
    }

    void fireCreate() {
        event(Sites.CONF_CREATE).add("Action", "conference-create").fire();
    }

    void memberEvent(Member m, String action, org.stationd.esl.sim.event.CallSite site) {
        EventBuilder b = event(site);
        memberData(b, m);
        b.add("Action", action).fire();
    }

    private int presenceCount;

    /** PRESENCE_IN for the conference (mod_conference's conference_send_presence). */
    void presence() {
        int n = members.size();
        EventBuilder b = core.events().create("PRESENCE_IN", Sites.CONF_PRESENCE);
        b.add("proto", "conf").add("login", name).add("from", name + "@" + domain)
                .add("event_type", "presence").add("alt_event_type", "dialog").add("event_count", ++presenceCount + registry.presenceBase())
                .add("unique-id", name)
                .add("force-status", n == 0 ? "Inactive" : "Active (" + n + " caller" + (n == 1 ? "" : "s") + ")")
                .add("channel-state", n == 0 ? "CS_HANGUP" : "CS_ROUTING")
                .add("answer-state", n == 0 ? "terminated" : "early")
                .add(n == 0 ? "call-direction" : "presence-call-direction", "outbound")
                .fire();
    }

    // ---- members -----------------------------------------------------------------------------

    void add(Member m) {
        boolean alone = members.isEmpty();
        members.addFirst(m);
        running++;
        m.channel.fireReadCodec();
        memberEvent(m, "add-member", Sites.CONF_ADD_MEMBER);
        presence();
        if (!alone && isPlayingMoh()) {
            // a second member: the hold music is stopped (FILE_STOP_ASYNC) on the conference thread's next pass
            core.clock().schedule(20, () -> {
                if (isPlayingMoh() && members.size() > 1) {
                    stopCurrent();
                }
            });
        }
        if (!alone && profile.enterSound() != null) {
            enqueue(profile.enterSound(), false);
        }
        if (alone) {
            playAlone();
        }
        // nobody has the floor: the conference thread's next pass gives it to the newest member
        if (floor == null && floorPass == null) {
            floorPass = core.clock().schedule(20, () -> {
                floorPass = null;
                if (!destroyed && floor == null && !members.isEmpty()) {
                    takeFloor(members.getFirst());
                }
            });
        }
    }

    private org.stationd.esl.sim.clock.SimTimer floorPass;

    private void takeFloor(Member m) {
        floor = m;
        EventBuilder b = event(Sites.CONF_FLOOR);
        b.add("Action", "floor-change").add("Old-ID", "none");
        memberData(b, m);
        b.add("New-ID", m.id).fire();
    }

    /** The member leaves the conference (kick, hup, hangup): del-member, floor, exit sound, presence. */
    void remove(Member m, boolean silently) {
        if (m.left) {
            return;
        }
        m.left = true;
        if (floor == m) {
            floor = null;
            event(Sites.CONF_FLOOR).add("Action", "floor-change").add("Old-ID", m.id).add("New-ID", "none").fire();
        }
        members.remove(m);
        memberEvent(m, "del-member", Sites.CONF_DEL_MEMBER);
        if (!m.channel.isDown()) {
            m.channel.fireReadCodec();
        }
        if (!members.isEmpty() && profile.exitSound() != null && !silently) {
            enqueue(profile.exitSound(), false);
        }
        if (members.size() == 1) {
            playAlone();
        }
        if (members.isEmpty()) {
            stopAll();
        }
    }

    /** A member's conference application has ended; when none is left the conference is destroyed. */
    void memberGone() {
        running--;
        if (running <= 0 && members.isEmpty() && !destroyed) {
            destroyed = true;
            stopAll();
            event(Sites.CONF_DESTROY).add("Action", "conference-destroy").fire();
            presence();
            registry.remove(this);
        }
    }

    // ---- files ---------------------------------------------------------------------------------

    /** Queues a file; false if it cannot be found. */
    boolean enqueue(String path, boolean announce) {
        if (announce) {
            // FreeSWITCH 1.10 announces the file before it opens it: a file it cannot open is announced too
            event(Sites.CONF_PLAY).add("Action", "play-file").add("File", path).add("Async", "false").fire();
        }
        // the conference's file player opens the name as it is: "file@@samples" (playback's resume
        // offset) has no format module, so FreeSWITCH says the file is not found
        Sound s = path.contains("@@") ? null : core.sounds().resolve(path);
        if (s == null) {
            return false;
        }
        files.add(new QueuedFile(path, s));
        if (playing == null) {
            playNext();
        }
        return true;
    }

    /** One member is left: the profile's alone sound (announced even when missing), then hold music. */
    private void playAlone() {
        if (profile.aloneSound() != null) {
            enqueue(soundPath(profile.aloneSound()), true);
        }
        if (playing == null) {
            playNext();
        }
    }

    /** A relative sound is under the switch's sound_prefix, as FreeSWITCH reports it. */
    private String soundPath(String sound) {
        if (sound.contains("://") || sound.startsWith("/")) {
            return sound;
        }
        return core.dialplan().setting("sound_prefix", "/usr/local/freeswitch/share/freeswitch/sounds/en/us/callie") + "/" + sound;
    }

    private boolean isPlayingMoh() {
        return playing != null && profile.mohSound() != null && playing.path().equals(profile.mohSound());
    }

    private void playNext() {
        QueuedFile next = files.poll();
        if (next == null && members.size() == 1 && profile.mohSound() != null && !destroyed) {
            // the conference thread starts the hold music (unannounced) while one member is alone in silence
            next = new QueuedFile(profile.mohSound(), new Sound(profile.mohSound(), "local_stream", 0, true));
        }
        QueuedFile f = next;
        playing = f;
        if (f == null) {
            return;
        }
        playStartedMicros = core.clock().nowMicros();
        positionMillis = 0;
        positionSetMicros = playStartedMicros;
        seeked = false;
        long d = f.sound().endless() ? Long.MAX_VALUE / 4 : playMillis(f.sound());
        endIn(f, d);
    }

    private void endIn(QueuedFile f, long millis) {
        playTimer = core.clock().schedule(millis, () -> {
            playTimer = null;
            done(f, seeked ? (core.clock().nowMicros() - playStartedMicros) / 1000 : millis);
            playNext();
        });
    }

    /**
     * {@code file_seek [+-]<ms>}: moves the file now playing to that many ms from its start (or by
     * that many from where it is; a bare sign is one second), replying with the position in samples.
     * Nothing playing, or speech, answers as mod_conference does when it writes nothing. After a
     * seek, play-file-done counts the time the file played (capture: a 10 s file moved to 7 s
     * ended 3 s later reporting 3 s), not the file's length.
     */
    String seek(String arg) {
        QueuedFile f = playing;
        if (f == null || f.sound().endless() || f.path().startsWith("say:") || arg == null || arg.isEmpty()) {
            return "-ERR no reply\n";
        }
        long now = core.clock().nowMicros();
        long target;
        if (arg.charAt(0) == '+' || arg.charAt(0) == '-') {
            long step = leadingInt(arg);
            long here = positionMillis + (now - positionSetMicros) / 1000;
            target = Math.max(0, here + (step == 0 ? 1000 : step));
        } else {
            target = Math.max(0, leadingInt(arg));   // atoui: "abc" is 0, the start
        }
        positionMillis = target;
        positionSetMicros = now;
        seeked = true;
        if (playTimer != null) {
            playTimer.cancel();
        }
        endIn(f, Math.max(0, f.sound().durationMillis() - target) + 20);
        return "+OK seek to position " + target * 8 + "\n";
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
            return org.stationd.esl.sim.media.ToneStream.sequentialMillis(s.path()) + 20;
        }
        return s.durationMillis() + 20;
    }

    /**
     * play-file-done: samples at the conference rate (a whole file: its length; a stopped one: the time
     * it ran), and FreeSWITCH divides them by 8 for milliseconds whatever the rate, as capture 04 shows.
     */
    private void done(QueuedFile f, long playedMillis) {
        boolean whole = !seeked && playedMillis >= playMillis(f.sound());
        long samples = whole ? f.sound().samples() * profile.rate() / 8000 : playedMillis * profile.rate() / 1000;
        long ms = samples / 8;
        event(Sites.CONF_PLAY_DONE).add("seconds", ms / 1000).add("milliseconds", ms).add("samples", samples)
                .add("Action", "play-file-done").add("File", f.path()).fire();
    }

    /** Stops the current file; returns how many stopped. */
    int stopCurrent() {
        if (playing == null) {
            return 0;
        }
        QueuedFile f = playing;
        if (playTimer != null) {
            playTimer.cancel();
            playTimer = null;
        }
        done(f, (core.clock().nowMicros() - playStartedMicros) / 1000);
        playing = null;
        playNext();
        return 1;
    }

    /** Stops the current file and drops the queue (each reported as done). */
    int stopAll() {
        int n = 0;
        if (playing != null) {
            QueuedFile f = playing;
            if (playTimer != null) {
                playTimer.cancel();
                playTimer = null;
            }
            playing = null;
            done(f, (core.clock().nowMicros() - playStartedMicros) / 1000);
            n++;
        }
        while (!files.isEmpty()) {
            done(files.poll(), 0);
            n++;
        }
        return n;
    }

    /** The flags column of {@code list}. */
    String flags(Member m) {
        List<String> f = new ArrayList<>();
        if (m.hear) {
            f.add("hear");
        }
        if (m.speak) {
            f.add("speak");
        }
        if (floor == m) {
            f.add("floor");
        }
        return String.join("|", f);
    }
}
