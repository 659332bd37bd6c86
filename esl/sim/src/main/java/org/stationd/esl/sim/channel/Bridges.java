package org.stationd.esl.sim.channel;

import java.util.HashMap;
import java.util.Map;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.app.AppRun;
import org.stationd.esl.sim.event.EventBuilder;
import org.stationd.esl.sim.event.Sites;

/**
 * Two channels talking to each other (uuid_bridge, the bridge application): CHANNEL_BRIDGE when it
 * starts, CHANNEL_UNBRIDGE when one side hangs up. The side left over goes on with its dialplan
 * when a bridge application was running on it, parks if {@code park_after_bridge} is set, and
 * hangs up otherwise.
 */
public final class Bridges {
    private final SwitchCore core;
    private final Map<Channel, AppRun> bridgeApps = new HashMap<>();
    private final Map<Channel, Channel> originator = new HashMap<>();

    public Bridges(SwitchCore core) {
        this.core = core;
    }

    /** Bridges {@code a} (the originator) and {@code b}; {@code appOnA} is a's running bridge application, if any. */
    public void bridge(Channel a, Channel b, AppRun appOnA) {
        if (appOnA != null) {
            bridgeApps.put(a, appOnA);
        }
        originator.put(a, a);
        originator.put(b, a);
        a.setBridgedTo(b);
        b.setBridgedTo(a);
        for (Channel[] pair : new Channel[][] {{a, b}, {b, a}}) {
            Channel x = pair[0];
            Channel y = pair[1];
            x.vars().set("bridge_to", y.uuid());
            x.vars().set("last_bridge_to", y.uuid());
            x.vars().set("bridge_channel", y.name());
            x.vars().set("bridge_uuid", y.uuid());
            x.vars().set("signal_bond", y.uuid());
        }
        EventBuilder e = a.event("CHANNEL_BRIDGE", Sites.CHANNEL_BRIDGE);
        e.add("Bridge-A-Unique-ID", a.uuid()).add("Bridge-B-Unique-ID", b.uuid());
        e.fire();
    }

    /** One side ({@code gone}) hangs up: CHANNEL_UNBRIDGE, then the other side decides what comes next. */
    public void unbridge(Channel gone, Channel other) {
        if (gone.bridgedTo() != other) {
            return;
        }
        Channel a = originator.getOrDefault(gone, gone);
        Channel b = a == gone ? other : gone;
        EventBuilder e = a.event("CHANNEL_UNBRIDGE", Sites.CHANNEL_UNBRIDGE);
        e.add("Bridge-A-Unique-ID", a.uuid()).add("Bridge-B-Unique-ID", b.uuid());
        e.fire();
        gone.setBridgedTo(null);
        other.setBridgedTo(null);
        originator.remove(gone);
        originator.remove(other);
        other.vars().remove("bridge_to");
        gone.vars().remove("bridge_to");
        AppRun app = bridgeApps.remove(other);
        bridgeApps.remove(gone);
        if (other.isDown()) {
            return;
        }
        if (app != null && !app.isDone()) {
            app.complete();
        } else if ("true".equalsIgnoreCase(other.vars().get("park_after_bridge"))) {
            other.runner().startExtension(java.util.List.of(new org.stationd.esl.sim.app.AppCall("park", "")));
        } else {
            other.hangup(HangupCause.NORMAL_CLEARING);
        }
    }

    /** Whether {@code ch} started its bridge (the a side of the call), or is not bridged. */
    public boolean isOriginator(Channel ch) {
        Channel a = originator.get(ch);
        return a == null || a == ch;
    }

    /** uuid_bridge: both leave what they run, are answered if need be, and are bridged. */
    public boolean uuidBridge(Channel a, Channel b) {
        if (a == b || a.isDown() || b.isDown() || a.bridgedTo() != null || b.bridgedTo() != null) {
            return false;
        }
        a.runner().detach();
        b.runner().detach();
        a.runner().announce("uuid_bridge", b.uuid());
        b.runner().announce("uuid_bridge", a.uuid());
        if (!a.isAnswered() && !b.isAnswered()) {
            return false;
        }
        a.answer();
        b.answer();
        a.enter(ChannelState.CS_EXCHANGE_MEDIA);
        b.enter(ChannelState.CS_EXCHANGE_MEDIA);
        bridge(a, b, null);
        return true;
    }
}
