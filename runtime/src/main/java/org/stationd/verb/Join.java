package org.stationd.verb;

import java.util.Map;
import org.stationd.api.Conference;
import org.stationd.call.CallLeg;
import org.stationd.esl.command.SendMsg;

/**
 * {@code call.join(conference)}: puts the call in the conference; {@code conferenceJoined} follows.
 * The show belongs to the program: a member's keys must reach it, not mute, deafen or drop the
 * member (the {@code default} profile's caller controls turn {@code *}, {@code 2}, {@code #} into
 * deaf-mute, volume and leave), so each call joins with {@code conference_controls=none}. The
 * {@value #PROFILE} profile need not exist on the switch: mod_conference then uses its built-in
 * settings, which play no hold music, no "you are alone" and no enter or exit tones on air
 * (docs/freeswitch/conference.conf.xml defines it for operators who want to tune it).
 */
final class Join extends Verb {
    static final String PROFILE = "stationd";

    @Override public String name() { return "join"; }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        String name = ctx.conferenceName(((Conference) args.get("conference")).getName());
        ctx.link().sendmsg(call.getId(), SendMsg.execute("set", "conference_controls=none"))
                .exceptionally(Answer.fail(ctx, "join " + name));
        ctx.link().sendmsg(call.getId(), SendMsg.execute("conference", name + "@" + PROFILE))
                .exceptionally(Answer.fail(ctx, "join " + name));
    }
}
