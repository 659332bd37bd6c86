package org.stationd.esl.sim.channel;

import org.stationd.esl.sim.event.EventBuilder;

/**
 * switch_caller_profile_t: who calls whom, from where, and when things happened. Written into events
 * as {@code Caller-*} (or {@code Channel-*} in the outbound connect reply); empty strings are left
 * out, as FreeSWITCH does.
 */
public final class CallerProfile {
    public String direction;
    public String logicalDirection;
    public String username = "";
    public String dialplan = "xml";
    public String callerIdName = "";
    public String callerIdNumber = "";
    public String origCallerIdName = "";
    public String origCallerIdNumber = "";
    public String calleeIdName = "";
    public String calleeIdNumber = "";
    public String networkAddr = "";
    public String ani = "";
    public String aniii = "";
    public String destinationNumber = "";
    public String uuid = "";
    public String source = "";
    public String transferSource = "";
    public String context = "";
    public String rdnis = "";
    public String channelName = "";
    public int profileIndex = 1;
    public long profileCreated;
    public long channelCreated;
    public long answered;
    public long progress;
    public long progressMedia;
    public long hangup;
    public long transfer;
    public long resurrect;
    public long bridged;
    public long lastHold;
    public long holdAccum;

    public CallerProfile copy() {
        CallerProfile p = new CallerProfile();
        p.direction = direction;
        p.logicalDirection = logicalDirection;
        p.username = username;
        p.dialplan = dialplan;
        p.callerIdName = callerIdName;
        p.callerIdNumber = callerIdNumber;
        p.origCallerIdName = origCallerIdName;
        p.origCallerIdNumber = origCallerIdNumber;
        p.calleeIdName = calleeIdName;
        p.calleeIdNumber = calleeIdNumber;
        p.networkAddr = networkAddr;
        p.ani = ani;
        p.aniii = aniii;
        p.destinationNumber = destinationNumber;
        p.uuid = uuid;
        p.source = source;
        p.transferSource = transferSource;
        p.context = context;
        p.rdnis = rdnis;
        p.channelName = channelName;
        p.profileIndex = profileIndex;
        p.profileCreated = profileCreated;
        p.channelCreated = channelCreated;
        p.answered = answered;
        p.progress = progress;
        p.progressMedia = progressMedia;
        p.hangup = hangup;
        p.transfer = transfer;
        p.resurrect = resurrect;
        p.bridged = bridged;
        p.lastHold = lastHold;
        p.holdAccum = holdAccum;
        return p;
    }

    /** switch_caller_profile_event_set_data. */
    public void writeTo(String prefix, EventBuilder b) {
        b.add(prefix + "-Direction", direction);
        b.add(prefix + "-Logical-Direction", logicalDirection);
        b.addIfNotEmpty(prefix + "-Username", username);
        b.addIfNotEmpty(prefix + "-Dialplan", dialplan);
        b.addIfNotEmpty(prefix + "-Caller-ID-Name", callerIdName);
        b.addIfNotEmpty(prefix + "-Caller-ID-Number", callerIdNumber);
        b.addIfNotEmpty(prefix + "-Orig-Caller-ID-Name", origCallerIdName);
        b.addIfNotEmpty(prefix + "-Orig-Caller-ID-Number", origCallerIdNumber);
        b.addIfNotEmpty(prefix + "-Callee-ID-Name", calleeIdName);
        b.addIfNotEmpty(prefix + "-Callee-ID-Number", calleeIdNumber);
        b.addIfNotEmpty(prefix + "-Network-Addr", networkAddr);
        b.addIfNotEmpty(prefix + "-ANI", ani);
        b.addIfNotEmpty(prefix + "-ANI-II", aniii);
        b.addIfNotEmpty(prefix + "-Destination-Number", destinationNumber);
        b.addIfNotEmpty(prefix + "-Unique-ID", uuid);
        b.addIfNotEmpty(prefix + "-Source", source);
        b.addIfNotEmpty(prefix + "-Transfer-Source", transferSource);
        b.addIfNotEmpty(prefix + "-Context", context);
        b.addIfNotEmpty(prefix + "-RDNIS", rdnis);
        b.addIfNotEmpty(prefix + "-Channel-Name", channelName);
        b.add(prefix + "-Profile-Index", profileIndex);
        b.add(prefix + "-Profile-Created-Time", profileCreated);
        b.add(prefix + "-Channel-Created-Time", channelCreated);
        b.add(prefix + "-Channel-Answered-Time", answered);
        b.add(prefix + "-Channel-Progress-Time", progress);
        b.add(prefix + "-Channel-Progress-Media-Time", progressMedia);
        b.add(prefix + "-Channel-Hangup-Time", hangup);
        b.add(prefix + "-Channel-Transfer-Time", transfer);
        b.add(prefix + "-Channel-Resurrect-Time", resurrect);
        b.add(prefix + "-Channel-Bridged-Time", bridged);
        b.add(prefix + "-Channel-Last-Hold", lastHold);
        b.add(prefix + "-Channel-Hold-Accum", holdAccum);
        b.add(prefix + "-Screen-Bit", "true");
        b.add(prefix + "-Privacy-Hide-Name", "false");
        b.add(prefix + "-Privacy-Hide-Number", "false");
    }
}
