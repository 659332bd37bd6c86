package org.stationd.esl.sim.conference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.app.AppRun;
import org.stationd.esl.sim.channel.Channel;

/** The running conferences by name, and the member id counter they share (it never resets while the switch runs). */
public final class Conferences {
    private final SwitchCore core;
    private final Map<String, Conference> byName = new LinkedHashMap<>();
    private int nextMemberId = 1;
    private int presenceBase;

    public Conferences(SwitchCore core) {
        this.core = core;
    }

    public Conference get(String name) {
        return byName.get(name);
    }

    public List<Conference> all() {
        return new ArrayList<>(byName.values());
    }

    int presenceBase() {
        return presenceBase;
    }

    /** Joins {@code ch} to {@code name}, creating it with {@code profile} if needed. */
    public Member join(String name, String profileName, Channel ch, AppRun run) {
        Conference c = byName.get(name);
        if (c == null) {
            c = new Conference(core, this, name, core.dialplan().conferenceProfile(profileName == null ? "default" : profileName));
            byName.put(name, c);
            c.fireCreate();
        }
        Member m = new Member(nextMemberId++, ch, run);
        c.add(m);
        return m;
    }

    void remove(Conference c) {
        byName.remove(c.name(), c);
        presenceBase += 1;
    }

    public void clear() {
        byName.clear();
    }

    /** The conference a channel is in, if any. */
    public Member memberOf(Channel ch) {
        for (Conference c : byName.values()) {
            for (Member m : c.members()) {
                if (m.channel == ch) {
                    return m;
                }
            }
        }
        return null;
    }

    public Conference conferenceOf(Member m) {
        for (Conference c : byName.values()) {
            if (c.members().contains(m)) {
                return c;
            }
        }
        return null;
    }
}
