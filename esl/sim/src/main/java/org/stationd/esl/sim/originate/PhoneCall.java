package org.stationd.esl.sim.originate;

import java.util.Map;
import java.util.UUID;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.channel.CallerProfile;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.channel.ChannelDriver;
import org.stationd.esl.sim.channel.ChannelState;
import org.stationd.esl.sim.channel.Direction;
import org.stationd.esl.sim.dialplan.PhoneBehaviour;
import org.stationd.esl.sim.event.Sites;

/**
 * A call to a simulated phone ({@code user/<n>}, {@code sofia/gateway/<gw>/<number>}): one
 * outbound leg whose far end follows the phone's behaviour from sim.yaml: ring, then answer, refuse
 * (busy, unreachable) or never answer; after answering perhaps hang up by itself.
 */
final class PhoneCall {
    private final SwitchCore core;
    private final Origination origination;
    private final String name;
    private final String number;
    private final PhoneBehaviour behaviour;

    PhoneCall(SwitchCore core, Origination origination, String name, String number, PhoneBehaviour behaviour) {
        this.core = core;
        this.origination = origination;
        this.name = name;
        this.number = number;
        this.behaviour = behaviour;
    }

    void start() {
        Map<String, String> vars = origination.request().vars();
        String uuid = vars.getOrDefault("origination_uuid", UUID.randomUUID().toString()).trim();
        Channel a = new Channel(core, uuid, name, Direction.OUTBOUND);
        core.channels().add(a);
        a.vars().set("direction", "outbound");
        a.vars().set("is_outbound", "true");
        a.vars().set("session_id", a.sessionId());
        a.vars().set("uuid", a.uuid());
        a.vars().set("call_uuid", a.uuid());
        a.vars().set("channel_name", name);
        vars.forEach(a.vars()::set);
        a.vars().set("originate_endpoint", name.startsWith("sofia/gateway/") ? "sofia" : "user");
        CallerProfile p = new CallerProfile();
        p.direction = "outbound";
        p.logicalDirection = "outbound";
        p.callerIdName = vars.getOrDefault("origination_caller_id_name", "");
        p.callerIdNumber = vars.getOrDefault("origination_caller_id_number", "0000000000");
        p.origCallerIdNumber = p.callerIdNumber;
        p.calleeIdName = origination.request().cidName() != null ? origination.request().cidName() : "Outbound Call";
        p.calleeIdNumber = origination.request().cidNum() != null ? origination.request().cidNum() : number;
        p.ani = p.callerIdNumber;
        p.destinationNumber = number;
        p.uuid = a.uuid();
        p.source = "mod_sofia";
        p.context = origination.request().context();
        p.channelName = name;
        p.profileCreated = a.createdMicros();
        p.channelCreated = a.createdMicros();
        a.setProfile(p);
        a.setDriver(new FarEnd());
        origination.legCreated(a);
        a.setState(ChannelState.CS_INIT);
        a.fire("CHANNEL_OUTGOING", Sites.CHANNEL_OUTGOING);
        a.setRunning(ChannelState.CS_INIT);
        a.setState(ChannelState.CS_ROUTING);
        a.fire("CHANNEL_CREATE", Sites.CHANNEL_CREATE);
        a.fire("CHANNEL_ORIGINATE", Sites.CHANNEL_ORIGINATE);
        a.setRunning(ChannelState.CS_ROUTING);
        a.enter(ChannelState.CS_CONSUME_MEDIA);

        if (behaviour.failCause() != null) {
            core.clock().schedule(Math.max(Channel.FRAME_MS, behaviour.ringMillisBeforeFail()), () -> {
                if (!a.isDown()) {
                    a.hangup(behaviour.failCause());
                }
            });
            return;
        }
        core.clock().schedule(Channel.FRAME_MS, () -> {
            if (!a.isDown()) {
                a.markRinging();
            }
        });
        if (behaviour.answerAfterMillis() >= 0) {
            core.clock().schedule(Math.max(Channel.FRAME_MS, behaviour.answerAfterMillis()), () -> {
                if (a.isDown()) {
                    return;
                }
                a.setCodecs(true, true);
                a.markAnswered();
                origination.answered();
                if (behaviour.hangupAfterMillis() >= 0) {
                    core.clock().schedule(behaviour.hangupAfterMillis(), () -> {
                        if (!a.isDown()) {
                            a.hangup(org.stationd.esl.sim.channel.HangupCause.NORMAL_CLEARING);
                        }
                    });
                }
            });
        }
    }

    /** The phone at the far end: it hears what is sent to it and does nothing visible. */
    private static final class FarEnd implements ChannelDriver {
        @Override
        public String endpointName() {
            return "sofia";
        }
    }
}
