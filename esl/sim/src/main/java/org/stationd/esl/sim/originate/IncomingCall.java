package org.stationd.esl.sim.originate;

import java.util.UUID;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.channel.CallState;
import org.stationd.esl.sim.channel.CallerProfile;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.channel.ChannelState;
import org.stationd.esl.sim.channel.Direction;
import org.stationd.esl.sim.channel.HangupCause;
import org.stationd.esl.sim.dialplan.Extension;
import org.stationd.esl.sim.event.Sites;

/**
 * A call coming in from outside (a listener dialling a station): an inbound channel that routes
 * through the dialplan like a loopback B leg does, so with the default dialplan it parks
 * unanswered, ringing, for the station software to pick up.
 */
public final class IncomingCall {
    private IncomingCall() {}

    public static Channel place(SwitchCore core, String from, String to, String context) {
        return place(core, from, to, context, UUID.randomUUID().toString());
    }

    /** With the channel's uuid chosen by the caller (a replay gives a recorded call its recorded uuid). */
    public static Channel place(SwitchCore core, String from, String to, String context, String uuid) {
        if (core.channels().get(uuid) != null) {
            throw new IllegalArgumentException("a channel " + uuid + " already exists");
        }
        String domain = core.globals().getOrDefault("domain", "127.0.0.1");
        Channel ch = new Channel(core, uuid, "sofia/external/" + from + "@" + domain, Direction.INBOUND);
        core.channels().add(ch);
        ch.fireCodecs();
        ch.vars().set("direction", "inbound");
        ch.vars().set("uuid", uuid);
        ch.vars().set("call_uuid", uuid);
        ch.vars().set("session_id", ch.sessionId());
        ch.vars().set("sip_from_user", from);
        ch.vars().set("sip_to_user", to);
        ch.vars().set("channel_name", ch.name());
        ch.vars().set("read_codec", "L16");
        ch.vars().set("read_rate", "8000");
        ch.vars().set("write_codec", "L16");
        ch.vars().set("write_rate", "8000");
        CallerProfile p = new CallerProfile();
        p.direction = "inbound";
        p.logicalDirection = "inbound";
        p.username = from;
        p.callerIdName = from;
        p.callerIdNumber = from;
        p.origCallerIdName = from;
        p.origCallerIdNumber = from;
        p.networkAddr = "192.0.2.10";
        p.ani = from;
        p.destinationNumber = to;
        p.uuid = uuid;
        p.source = "mod_sofia";
        p.context = context;
        p.channelName = ch.name();
        p.profileCreated = ch.createdMicros();
        p.channelCreated = ch.createdMicros();
        ch.setProfile(p);
        ch.enter(ChannelState.CS_INIT);
        ch.setState(ChannelState.CS_ROUTING);
        ch.fire("CHANNEL_CREATE", Sites.CHANNEL_CREATE);
        ch.setRunningQuietly(ChannelState.CS_ROUTING);
        ch.setCallState(CallState.RINGING);
        ch.fire("CHANNEL_STATE", Sites.CHANNEL_STATE);
        Extension ext = core.dialplan().lookup(context, to);
        if (ext == null) {
            ch.hangup(HangupCause.NO_ROUTE_DESTINATION);
        } else {
            ch.runner().startExtension(ext.apps());
        }
        return ch;
    }
}
