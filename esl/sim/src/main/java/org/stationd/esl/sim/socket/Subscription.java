package org.stationd.esl.sim.socket;

import java.util.HashSet;
import java.util.Set;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.sim.event.SimEvent;

/**
 * Which events a connection receives, kept the way mod_event_socket keeps its event_list: an ALL
 * flag, a per-type switch, and a set of CUSTOM subclasses. {@code nixevent X} after {@code event ALL}
 * drops the ALL flag and keeps every other type on, so CUSTOM events then need their subclass named
 * again (a FreeSWITCH quirk kept on purpose).
 */
final class Subscription {
    EventFormat format = EventFormat.PLAIN;
    boolean on;
    private boolean all;
    private boolean allTypes;
    private final Set<String> enabled = new HashSet<>();
    private final Set<String> disabled = new HashSet<>();
    private final Set<String> subclasses = new HashSet<>();
    /** myevents: only events of this channel. */
    String myUuid;
    boolean myevents;

    void enable(String type) {
        if (type.equals("ALL")) {
            all = true;
            allTypes = true;
            disabled.clear();
        } else {
            enabled.add(type);
            disabled.remove(type);
        }
    }

    void enableSubclass(String subclass) {
        subclasses.add(subclass);
    }

    void disable(String type) {
        if (type.equals("ALL")) {
            all = false;
            allTypes = false;
            enabled.clear();
            disabled.clear();
            return;
        }
        all = false;
        enabled.remove(type);
        disabled.add(type);
    }

    void disableSubclass(String subclass) {
        subclasses.remove(subclass);
    }

    void clear() {
        on = false;
        all = false;
        allTypes = false;
        enabled.clear();
        disabled.clear();
        subclasses.clear();
        myevents = false;
    }

    boolean typeOn(String type) {
        return (allTypes && !disabled.contains(type)) || enabled.contains(type);
    }

    boolean wants(SimEvent e) {
        if (!on) {
            return false;
        }
        boolean send;
        if (all) {
            send = true;
        } else {
            String name = e.name();
            send = typeOn(name) && (!name.equals("CUSTOM") || e.subclass() == null || subclasses.contains(e.subclass()));
        }
        if (!send) {
            return false;
        }
        if (myevents) {
            String uuid = e.uniqueId();
            return uuid != null && (myUuid == null || myUuid.equals(uuid));
        }
        return true;
    }

    boolean receivesBackgroundJobs() {
        return on && (all || typeOn("BACKGROUND_JOB"));
    }
}
