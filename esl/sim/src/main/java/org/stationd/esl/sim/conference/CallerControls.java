package org.stationd.esl.sim.conference;

import org.stationd.esl.sim.event.CallSite;
import org.stationd.esl.sim.event.EventBuilder;
import org.stationd.esl.sim.event.Sites;

/**
 * The caller controls of FreeSWITCH's shipped {@code default} group (conference.conf.xml): a member's
 * keys act on the member, as on the bundled switch: 0 mute, * deaf-mute (each toggles; unmuting
 * also undeafens), 1/2/3 talk volume down/zero/up (volume-level), 4/5/6 listen volume
 * (gain-level), 7/8/9 energy down/reset/up (energy-level), # leaves the conference.
 */
final class CallerControls {
    static final String DEFAULT = "default";
    private static final CallSite SITE = new CallSite("conference_loop.c", "conference_loop_fn", 0);
    private static final int ENERGY = 100;
    private static final int ENERGY_STEP = 200;

    private CallerControls() {}

    /** Acts on {@code digit}; returns true when the member leaves the conference (#). */
    static boolean press(Conference c, Member m, char digit) {
        switch (digit) {
            case '0' -> toggle(c, m, false);
            case '*' -> toggle(c, m, true);
            case '1', '2', '3' -> {
                m.talkVolume = level(m.talkVolume, digit - '2');
                level(c, m, "volume-level", m.talkVolume);
            }
            case '4', '5', '6' -> {
                m.listenVolume = level(m.listenVolume, digit - '5');
                level(c, m, "gain-level", m.listenVolume);
            }
            case '7', '8', '9' -> {
                m.energy = digit == '8' ? ENERGY : Math.max(0, m.energy + (digit == '9' ? ENERGY_STEP : -ENERGY_STEP));
                level(c, m, "energy-level", m.energy);
            }
            case '#' -> {
                return true;
            }
            default -> { }
        }
        return false;
    }

    /** mute (0) or deaf-mute (*) while speaking; otherwise both unmute, and undeafen a deaf member. */
    private static void toggle(Conference c, Member m, boolean deafToo) {
        if (m.speak) {
            m.speak = false;
            c.memberEvent(m, "mute-member", Sites.CONF_MUTE);
            if (deafToo) {
                m.hear = false;
                c.memberEvent(m, "deaf-member", Sites.CONF_DEAF);
            }
            return;
        }
        m.speak = true;
        c.memberEvent(m, "unmute-member", Sites.CONF_UNMUTE);
        if (!m.hear) {
            m.hear = true;
            c.memberEvent(m, "undeaf-member", Sites.CONF_UNDEAF);
        }
    }

    /** -1 down, 0 back to zero, +1 up, within FreeSWITCH's -4..4. */
    private static int level(int now, int step) {
        return step == 0 ? 0 : Math.max(-4, Math.min(4, now + step));
    }

    private static void level(Conference c, Member m, String action, int value) {
        EventBuilder b = c.event(SITE);
        c.memberData(b, m);
        b.add("Action", action).add("New-Level", value).fire();
    }
}
