package org.stationd.esl.sim.originate;

import java.util.Map;
import java.util.UUID;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.channel.CallState;
import org.stationd.esl.sim.channel.CallerProfile;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.channel.ChannelDriver;
import org.stationd.esl.sim.channel.ChannelState;
import org.stationd.esl.sim.channel.Direction;
import org.stationd.esl.sim.channel.HangupCause;
import org.stationd.esl.sim.dialplan.Extension;
import org.stationd.esl.sim.dialplan.PhoneBehaviour;
import org.stationd.esl.sim.event.EventBuilder;
import org.stationd.esl.sim.event.Sites;

/**
 * {@code loopback/<ext>/<context>}: an A leg (outbound, gets origination_uuid through the
 * CHANNEL_UUID swap) and a B leg ({@code <ext>-b}, inbound) that runs the dialplan. The events and
 * their order are those of captures 03, 04 and 10: two CODEC events per leg before anything else,
 * the B leg's first CHANNEL_STATE numbered before the A leg's CHANNEL_ORIGINATE but sent after it,
 * and so on. Answering B answers A first; hanging up either hangs up the other one frame later;
 * DTMF sent into one leg comes out of the other.
 */
final class LoopbackCall {
    private final SwitchCore core;
    private final Origination origination;
    private final String dest;
    private final String context;
    private final String dialplan;
    /** What the B leg does instead of its dialplan extension (a replay's recorded far end), or null. */
    private final PhoneBehaviour scripted;

    LoopbackCall(SwitchCore core, Origination origination, String dest, String context, String dialplan, PhoneBehaviour scripted) {
        this.core = core;
        this.origination = origination;
        this.dest = dest;
        this.context = context;
        this.dialplan = dialplan;
        this.scripted = scripted;
    }

    void start() {
        Map<String, String> vars = origination.request().vars();
        String finalUuid = vars.get("origination_uuid");
        if (finalUuid != null && core.channels().get(finalUuid) != null) {
            core.clock().schedule(20, () -> origination.fail(HangupCause.DESTINATION_OUT_OF_ORDER));
            return;
        }
        // ---- A leg, under a temporary uuid and its dial-string name
        Channel a = new Channel(core, UUID.randomUUID().toString(), "loopback/" + dest + "/" + context + "-a", Direction.OUTBOUND);
        core.channels().add(a);
        a.fireCodecs();
        a.vars().set("direction", "outbound");
        a.vars().set("is_outbound", "true");
        a.vars().set("session_id", a.sessionId());
        a.vars().set("read_codec", "L16");
        a.vars().set("read_rate", "8000");
        a.vars().set("write_codec", "L16");
        a.vars().set("write_rate", "8000");
        a.rename("loopback/" + dest + "-a");
        a.vars().set("channel_name", a.name());
        a.vars().set("uuid", a.uuid());
        a.vars().set("call_uuid", a.uuid());
        a.setProfile(profile(a, "outbound"));
        a.setState(ChannelState.CS_INIT);
        if (finalUuid != null && !finalUuid.isBlank()) {
            a.changeUuid(finalUuid.trim());
        }
        origination.legCreated(a);
        a.fire("CHANNEL_OUTGOING", Sites.CHANNEL_OUTGOING);
        a.setRunning(ChannelState.CS_INIT);

        // ---- B leg
        Channel b = new Channel(core, UUID.randomUUID().toString(), "loopback/" + dest + "-b", Direction.INBOUND);
        core.channels().add(b);
        b.fireCodecs();
        a.setPartner(b);
        b.setPartner(a);
        a.setDriver(new Driver(a, b, origination));
        b.setDriver(new Driver(b, a, origination));

        if (vars.containsKey("origination_uuid")) {
            a.vars().set("origination_uuid", vars.get("origination_uuid"));
        }
        vars.forEach((k, v) -> {
            if (!k.equals("origination_uuid")) {
                a.vars().set(k, v);
            }
        });
        a.vars().set("originate_early_media", "true");
        a.vars().set("originate_endpoint", "loopback");
        a.vars().set("other_loopback_leg_uuid", b.uuid());
        a.vars().set("loopback_leg", "A");

        b.vars().set("direction", "inbound");
        b.vars().set("uuid", b.uuid());
        b.vars().set("call_uuid", b.uuid());
        b.vars().set("session_id", b.sessionId());
        b.vars().set("channel_name", b.name());
        b.vars().set("read_codec", "L16");
        b.vars().set("read_rate", "8000");
        b.vars().set("write_codec", "L16");
        b.vars().set("write_rate", "8000");
        vars.forEach(b.vars()::set);
        b.vars().set("other_loopback_leg_uuid", a.uuid());
        b.vars().set("loopback_leg", "B");
        b.setProfile(profile(b, "inbound"));

        a.setState(ChannelState.CS_ROUTING);
        a.fire("CHANNEL_CREATE", Sites.CHANNEL_CREATE);
        // B's session thread reaches CS_INIT now, but its event is delivered after A's next ones
        b.setState(ChannelState.CS_INIT);
        EventBuilder bInit = stateEvent(b, ChannelState.CS_INIT);
        a.fire("CHANNEL_ORIGINATE", Sites.CHANNEL_ORIGINATE);
        a.setRunning(ChannelState.CS_ROUTING);
        a.enter(ChannelState.CS_CONSUME_MEDIA);
        bInit.fire();

        // ---- B routes through the dialplan
        b.setState(ChannelState.CS_ROUTING);
        b.fire("CHANNEL_CREATE", Sites.CHANNEL_CREATE);
        b.setRunningQuietly(ChannelState.CS_ROUTING);
        b.setCallState(CallState.RINGING);
        b.fire("CHANNEL_STATE", Sites.CHANNEL_STATE);
        core.events().skipSequence();
        Extension ext = scripted != null ? Extension.phone(dest, scripted) : core.dialplan().lookup(context, dest);
        if (ext == null) {
            b.hangup(HangupCause.NO_ROUTE_DESTINATION);
            return;
        }
        b.runner().startExtension(ext.apps());
    }

    private static EventBuilder stateEvent(Channel ch, ChannelState s) {
        ch.setRunningQuietly(s);
        return ch.event("CHANNEL_STATE", Sites.CHANNEL_STATE);
    }

    private CallerProfile profile(Channel ch, String direction) {
        Map<String, String> vars = origination.request().vars();
        CallerProfile p = new CallerProfile();
        p.direction = direction;
        p.logicalDirection = direction;
        p.dialplan = dialplan.toLowerCase(java.util.Locale.ROOT);
        p.callerIdName = vars.getOrDefault("origination_caller_id_name", "");
        p.callerIdNumber = vars.getOrDefault("origination_caller_id_number", "0000000000");
        p.origCallerIdNumber = p.callerIdNumber;
        p.calleeIdName = origination.request().cidName() != null ? origination.request().cidName() : "Outbound Call";
        p.calleeIdNumber = origination.request().cidNum() != null ? origination.request().cidNum() : context;
        p.ani = p.callerIdNumber;
        p.destinationNumber = dest;
        p.uuid = ch.uuid();
        p.source = "mod_loopback";
        p.context = context;
        p.channelName = ch.name();
        p.profileCreated = ch.createdMicros();
        p.channelCreated = ch.createdMicros();
        return p;
    }

    /** What one loopback leg does to the other. */
    private static final class Driver implements ChannelDriver {
        private final Channel self;
        private final Channel other;
        private final Origination origination;

        Driver(Channel self, Channel other, Origination origination) {
            this.self = self;
            this.other = other;
            this.origination = origination;
        }

        @Override
        public void beforeAnswer(Channel ch) {
            // answering the B leg answers the A leg first; the originate then completes on its own turn
            if ("B".equals(ch.vars().get("loopback_leg")) && !other.isAnswered() && !other.isDown()) {
                other.markAnswered();
                ch.core().clock().execute(origination::answered);
            }
        }

        @Override
        public void rang(Channel ch) {
            // mod_loopback passes the B leg's ring_ready to the A leg (CHANNEL_PROGRESS there too)
            if ("B".equals(ch.vars().get("loopback_leg"))) {
                other.markRinging();
            }
        }

        @Override
        public void hungUp(Channel ch, HangupCause cause) {
            if (!other.isDown()) {
                other.hangup(cause, Channel.FRAME_MS);
            }
        }

        @Override
        public void dtmfSent(Channel ch, String digits) {
            other.receiveDtmfLater(digits, 2000, "UNKNOWN", Channel.FRAME_MS);
        }
    }
}
