package org.stationd.esl.sim.conference;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.UUID;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.clock.SimTimer;
import org.stationd.esl.sim.dialplan.ConferenceProfile;
import org.stationd.esl.sim.event.EventBuilder;
import org.stationd.esl.sim.event.Sites;

/**
 * One mod_conference conference: members (newest first, as {@code conference <name> list} shows
 * them), the floor, and the files played into it ({@link ConferenceFiles}). Fires the
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
    private final ConferenceFiles files;
    private final long createdMicros;
    private Member floor;
    private boolean destroyed;
    private int running;

    Conference(SwitchCore core, Conferences registry, String name, ConferenceProfile profile) {
        this.core = core;
        this.registry = registry;
        this.name = name;
        this.domain = core.globals().getOrDefault("domain", "127.0.0.1");
        this.profile = profile;
        this.createdMicros = core.clock().nowMicros();
        this.files = new ConferenceFiles(core, this);
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
    public List<String> filePaths() {
        return files.paths();
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
        if (!alone && files.playingMoh()) {
            // a second member: the hold music is stopped (FILE_STOP_ASYNC) on the conference thread's next pass
            core.clock().schedule(ConferenceFiles.FRAME_MILLIS, () -> {
                if (members.size() > 1) {
                    files.endMoh();
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

    private SimTimer floorPass;

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
            files.closeAll();
        }
    }

    /** A member's conference application has ended; when none is left the conference is destroyed. */
    void memberGone() {
        running--;
        if (running <= 0 && members.isEmpty() && !destroyed) {
            destroyed = true;
            files.closeAll();
            event(Sites.CONF_DESTROY).add("Action", "conference-destroy").fire();
            presence();
            registry.remove(this);
        }
    }

    // ---- files ---------------------------------------------------------------------------------

    ConferenceFiles files() {
        return files;
    }

    /** Queues a file; false if it cannot be found. */
    boolean enqueue(String path, boolean announce) {
        return files.enqueue(path, announce);
    }

    /** One member is left: the profile's alone sound (announced even when missing), then hold music. */
    private void playAlone() {
        if (profile.aloneSound() != null) {
            enqueue(soundPath(profile.aloneSound()), true);
        }
        files.startMohIfAlone();
    }

    /** A relative sound is under the switch's sound_prefix, as FreeSWITCH reports it. */
    private String soundPath(String sound) {
        if (sound.contains("://") || sound.startsWith("/")) {
            return sound;
        }
        return core.dialplan().setting("sound_prefix", "/usr/local/freeswitch/share/freeswitch/sounds/en/us/callie") + "/" + sound;
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
