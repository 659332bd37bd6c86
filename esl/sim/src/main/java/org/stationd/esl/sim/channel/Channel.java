package org.stationd.esl.sim.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.app.AppRunner;
import org.stationd.esl.sim.clock.SimTimer;
import org.stationd.esl.sim.event.CallSite;
import org.stationd.esl.sim.event.EventBuilder;
import org.stationd.esl.sim.event.SimEvent;
import org.stationd.esl.sim.event.Sites;

/**
 * One simulated channel (a FreeSWITCH session): its states, caller profile, variables, and the
 * events it fires as it moves through them. The state machine follows switch_core_state_machine:
 * {@code state} is what was asked for (Channel-State-Number), {@code running} what the session thread
 * has reached (Channel-State), so the two differ in some events exactly as in the captures.
 * Switch thread only.
 */
public final class Channel {
    public static final int FRAME_MS = 20;

    /** Events that carry the channel variables (switch_channel_event_set_extended_data). */
    private static final Set<String> EXTENDED = Set.of("CHANNEL_CREATE", "CHANNEL_ORIGINATE", "CHANNEL_UUID", "CHANNEL_ANSWER",
            "CHANNEL_PARK", "CHANNEL_UNPARK", "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE", "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA",
            "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE", "CHANNEL_DATA", "CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE",
            "CHANNEL_DESTROY", "API", "RECORD_START", "RECORD_STOP", "PLAYBACK_START", "PLAYBACK_STOP", "CALL_UPDATE",
            "MEDIA_BUG_START", "MEDIA_BUG_STOP", "CHANNEL_HOLD", "CHANNEL_UNHOLD");

    private final SwitchCore core;
    private final Direction direction;
    private final int sessionId;
    private final long createdMicros;
    private final Variables vars = new Variables();
    private final AppRunner runner;
    private final List<Consumer<Channel>> destroyListeners = new ArrayList<>();
    private final List<Consumer<Channel>> reportedListeners = new ArrayList<>();
    private String uuid;
    private String name;
    private CallerProfile profile;
    private ChannelDriver driver = ChannelDriver.NONE;
    private ChannelState state = ChannelState.CS_NEW;
    private ChannelState running = ChannelState.CS_NONE;
    private CallState callState = CallState.DOWN;
    private boolean answered;
    private boolean early;
    private boolean dialplanFlag;
    private boolean readCodec;
    private boolean writeCodec;
    private HangupCause hangupCause;
    private long answeredMicros;
    private long progressMicros;
    private long progressMediaMicros;
    private long hangupMicros;
    private long bridgedMicros;
    private boolean reported;
    private boolean destroyed;
    private int destroyHolds;
    private Channel partner;
    private Channel bridgedTo;
    private boolean cidFlipped;
    /** Every event carries the variables (FreeSWITCH does so for channels it hangs up at shutdown, capture 09). */
    private boolean verbose;
    private String lastApp;
    private String lastArg;
    private String initialDest;
    private String initialContext;
    private final StringBuilder digitsDialed = new StringBuilder();
    private SimTimer pendingTeardown;

    public Channel(SwitchCore core, String uuid, String name, Direction direction) {
        this.core = core;
        this.uuid = uuid;
        this.name = name;
        this.direction = direction;
        this.sessionId = core.nextSessionId();
        this.createdMicros = core.clock().nowMicros();
        this.runner = new AppRunner(core, this);
    }

    // ---- identity --------------------------------------------------------------------------

    public SwitchCore core() {
        return core;
    }

    public String uuid() {
        return uuid;
    }

    public String name() {
        return name;
    }

    public void rename(String newName) {
        this.name = newName;
        if (profile != null) {
            profile.channelName = newName;
        }
    }

    public Direction direction() {
        return direction;
    }

    public int sessionId() {
        return sessionId;
    }

    public long createdMicros() {
        return createdMicros;
    }

    public Variables vars() {
        return vars;
    }

    public CallerProfile profile() {
        return profile;
    }

    public void setProfile(CallerProfile p) {
        this.profile = p;
        if (initialDest == null) {
            initialDest = p.destinationNumber;
            initialContext = p.context;
        }
    }

    public String initialDest() {
        return initialDest;
    }

    public String initialContext() {
        return initialContext;
    }

    public AppRunner runner() {
        return runner;
    }

    public ChannelDriver driver() {
        return driver;
    }

    public void setDriver(ChannelDriver d) {
        this.driver = d;
    }

    /** The other leg of a loopback pair. */
    public Channel partner() {
        return partner;
    }

    public void setPartner(Channel p) {
        this.partner = p;
    }

    public Channel bridgedTo() {
        return bridgedTo;
    }

    public void setBridgedTo(Channel other) {
        this.bridgedTo = other;
        if (other != null) {
            bridgedMicros = core.clock().nowMicros();
            if (profile != null) {
                profile.bridged = bridgedMicros;
            }
        }
    }

    public long bridgedMicros() {
        return bridgedMicros;
    }

    // ---- state -----------------------------------------------------------------------------

    public ChannelState state() {
        return state;
    }

    public ChannelState running() {
        return running;
    }

    public CallState callState() {
        return callState;
    }

    public boolean isAnswered() {
        return answered;
    }

    public boolean isEarly() {
        return early;
    }

    /** Hung up or on its way (switch_channel_down). */
    public boolean isDown() {
        return state.ordinal() >= ChannelState.CS_HANGUP.ordinal();
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    public HangupCause hangupCause() {
        return hangupCause;
    }

    public long answeredMicros() {
        return answeredMicros;
    }

    public void setDialplanFlag(boolean on) {
        dialplanFlag = on;
    }

    public void setCodecs(boolean read, boolean write) {
        this.readCodec = read;
        this.writeCodec = write;
    }

    public String answerState() {
        if (isDown()) {
            return "hangup";
        }
        if (answered) {
            return "answered";
        }
        return early ? "early" : "ringing";
    }

    public void setState(ChannelState s) {
        this.state = s;
    }

    /** The session thread reached {@code s}: CHANNEL_STATE. */
    public void setRunning(ChannelState s) {
        this.running = s;
        fire("CHANNEL_STATE", Sites.CHANNEL_STATE);
    }

    /** Reaches a state without an event (when FreeSWITCH fires the CHANNEL_STATE later, after other events). */
    public void setRunningQuietly(ChannelState s) {
        this.running = s;
    }

    /** Both: ask for a state and reach it at once. */
    public void enter(ChannelState s) {
        this.state = s;
        setRunning(s);
    }

    public void setCallState(CallState cs) {
        CallState old = callState;
        if (old == cs) {
            return;
        }
        callState = cs;
        if (cs == CallState.HANGUP && profile != null && profile.hangup == 0) {
            profile.hangup = hangupMicros;
        }
        EventBuilder b = core.events().create("CHANNEL_CALLSTATE", Sites.CHANNEL_CALLSTATE);
        b.add("Original-Channel-Call-State", old.name());
        b.add("Channel-Call-State-Number", cs.number());
        data(b);
        b.fire();
    }

    /** switch_core_session_set_uuid: CHANNEL_UUID with the old id. */
    public void changeUuid(String newUuid) {
        String old = uuid;
        core.channels().rekey(this, old, newUuid);
        uuid = newUuid;
        vars.set("uuid", newUuid);
        vars.set("call_uuid", newUuid);
        if (profile != null) {
            profile.uuid = newUuid;
        }
        EventBuilder b = core.events().create("CHANNEL_UUID", Sites.CHANNEL_UUID);
        b.add("Old-Unique-ID", old);
        data(b);
        b.fire();
    }

    // ---- events ----------------------------------------------------------------------------

    /** A channel event with basic data, profile, and the variables when FreeSWITCH sends them for this event. */
    public SimEvent fire(String eventName, CallSite site) {
        EventBuilder b = core.events().create(eventName, site);
        data(b);
        return b.fire();
    }

    public EventBuilder event(String eventName, CallSite site) {
        EventBuilder b = core.events().create(eventName, site);
        data(b);
        return b;
    }

    /** switch_channel_event_set_data: basic data + profile + (for some events) variables. */
    public void data(EventBuilder b) {
        basicData(b);
        if (verbose || EXTENDED.contains(b.name())) {
            variables(b);
        }
    }

    /** switch_channel_event_set_basic_data. */
    public void basicData(EventBuilder b) {
        b.add("Channel-State", running.name());
        b.add("Channel-Call-State", callState.name());
        b.add("Channel-State-Number", state.number());
        b.add("Channel-Name", name);
        b.add("Unique-ID", uuid);
        b.add("Call-Direction", direction.wire());
        b.add("Presence-Call-Direction", direction.wire());
        b.add("Channel-HIT-Dialplan", direction == Direction.INBOUND || dialplanFlag);
        b.add("Channel-Presence-ID", vars.get("presence_id"));
        b.add("Channel-Presence-Data", vars.get("presence_data"));
        String callUuid = vars.get("call_uuid");
        b.add("Channel-Call-UUID", callUuid != null ? callUuid : uuid);
        b.add("Answer-State", answerState());
        if (hangupCause != null) {
            b.add("Hangup-Cause", hangupCause.name());
        }
        if (readCodec) {
            b.add("Channel-Read-Codec-Name", "L16").add("Channel-Read-Codec-Rate", "8000").add("Channel-Read-Codec-Bit-Rate", "128000");
        }
        if (writeCodec) {
            b.add("Channel-Write-Codec-Name", "L16").add("Channel-Write-Codec-Rate", "8000").add("Channel-Write-Codec-Bit-Rate", "128000");
        }
        if (profile != null) {
            profile.writeTo("Caller", b);
        }
        Channel other = bridgedTo;
        if (other != null && other.profile != null) {
            b.add("Other-Type", direction == Direction.OUTBOUND ? "originator" : "originatee");
            other.profile.writeTo("Other-Leg", b);
        }
    }

    public void variables(EventBuilder b) {
        for (var e : vars) {
            b.add("variable_" + e.getKey(), e.getValue());
        }
    }

    /** The two CODEC events a new session fires while setting its read and write codecs. */
    public void fireCodecs() {
        readCodec = true;
        EventBuilder r = event("CODEC", Sites.CODEC_READ);
        r.add("channel-read-codec-name", "L16").add("channel-read-codec-rate", "8000").add("channel-read-codec-bit-rate", "128000");
        r.fire();
        writeCodec = true;
        EventBuilder w = event("CODEC", Sites.CODEC_WRITE);
        w.add("Channel-Write-Codec-Name", "L16").add("Channel-Write-Codec-Rate", "8000").add("Channel-Write-codec-bit-rate", "128000");
        w.fire();
    }

    /** The CODEC event of a read-codec change later in the call (conference join, playback of a file at another rate). */
    public void fireReadCodec() {
        EventBuilder r = event("CODEC", Sites.CODEC_READ);
        r.add("channel-read-codec-name", "L16").add("channel-read-codec-rate", "8000").add("channel-read-codec-bit-rate", "128000");
        r.fire();
    }

    // ---- answer ----------------------------------------------------------------------------

    /** Answers the channel (uuid_answer, the answer application, a phone picking up). */
    public void answer() {
        if (answered || isDown()) {
            return;
        }
        driver.beforeAnswer(this);
        markAnswered();
    }

    /** switch_channel_mark_answered: CHANNEL_ANSWER then CHANNEL_CALLSTATE ACTIVE. */
    public void markAnswered() {
        if (answered || isDown()) {
            return;
        }
        answered = true;
        answeredMicros = core.clock().nowMicros();
        if (profile != null) {
            profile.answered = answeredMicros;
        }
        fire("CHANNEL_ANSWER", Sites.CHANNEL_ANSWER);
        setCallState(CallState.ACTIVE);
        vars.set("endpoint_disposition", "ANSWER");
    }

    /** switch_channel_mark_pre_answered: early media. */
    public void markPreAnswered() {
        if (early || answered || isDown()) {
            return;
        }
        early = true;
        progressMediaMicros = core.clock().nowMicros();
        if (profile != null) {
            profile.progressMedia = progressMediaMicros;
        }
        fire("CHANNEL_PROGRESS_MEDIA", Sites.CHANNEL_PRE_ANSWER);
        setCallState(CallState.EARLY);
        vars.set("endpoint_disposition", "EARLY MEDIA");
    }

    /** switch_channel_mark_ring_ready: the far end is ringing. */
    public void markRinging() {
        if (progressMicros != 0 || answered || isDown()) {
            return;
        }
        progressMicros = core.clock().nowMicros();
        if (profile != null) {
            profile.progress = progressMicros;
        }
        fire("CHANNEL_PROGRESS", Sites.CHANNEL_PROGRESS);
        setCallState(CallState.RINGING);
        driver().rang(this);
    }

    /** switch_channel_flip_cid on the originating leg once the call is answered: CALL_UPDATE. */
    public void flipCallerId() {
        if (profile == null || cidFlipped) {
            return;
        }
        cidFlipped = true;
        vars.set("pre_transfer_caller_id_number", profile.callerIdNumber);
        vars.set("channel_cid_flipped", "yes");
        String name0 = profile.callerIdName;
        String num0 = profile.callerIdNumber;
        profile.callerIdName = profile.calleeIdName;
        profile.callerIdNumber = profile.calleeIdNumber;
        profile.calleeIdName = name0;
        profile.calleeIdNumber = num0;
        dialplanFlag = true;
        EventBuilder b = core.events().create("CALL_UPDATE", Sites.CALL_UPDATE);
        b.add("Direction", "RECV");
        data(b);
        b.fire();
    }

    public boolean cidFlipped() {
        return cidFlipped;
    }

    // ---- DTMF ------------------------------------------------------------------------------

    /** A digit reaches this channel: the DTMF event, then whoever is collecting digits. */
    public void receiveDtmf(char digit, int durationSamples, String source) {
        if (isDown()) {
            return;
        }
        digitsDialed.append(digit);
        EventBuilder b = event("DTMF", Sites.DTMF);
        b.add("DTMF-Digit", String.valueOf(digit));
        b.add("DTMF-Duration", durationSamples);
        b.add("DTMF-Source", source);
        b.fire();
        runner.onDtmf(digit);
    }

    /** Digits arrive one per {@code gapMs}, starting one frame from now. */
    public void receiveDtmfLater(String digits, int durationSamples, String source, long gapMs) {
        long at = FRAME_MS;
        for (char c : digits.toCharArray()) {
            if (!isDtmf(c)) {
                continue;
            }
            core.clock().schedule(at, () -> receiveDtmf(c, durationSamples, source));
            at += Math.max(FRAME_MS, gapMs);
        }
    }

    public static boolean isDtmf(char c) {
        return (c >= '0' && c <= '9') || c == '*' || c == '#' || (c >= 'A' && c <= 'D') || (c >= 'a' && c <= 'd');
    }

    // ---- hangup ----------------------------------------------------------------------------

    /** switch_channel_hangup: CHANNEL_HANGUP now; the session unwinds on its next turn. */
    public void hangup(HangupCause cause) {
        hangup(cause, 0);
    }

    /** As {@link #hangup(HangupCause)}, the unwinding {@code delayMs} later (a loopback partner notices one frame later). */
    public void hangup(HangupCause cause, long delayMs) {
        if (isDown() || destroyed) {
            return;
        }
        hangupCause = cause == null ? HangupCause.NORMAL_CLEARING : cause;
        verbose |= hangupCause == HangupCause.SYSTEM_SHUTDOWN;
        state = ChannelState.CS_HANGUP;
        hangupMicros = core.clock().nowMicros();
        runner.onHangupStarted();
        fire("CHANNEL_HANGUP", Sites.CHANNEL_HANGUP);
        if (delayMs <= 0) {
            core.clock().execute(this::teardown);
        } else {
            pendingTeardown = core.clock().schedule(delayMs, this::teardown);
        }
    }

    private void teardown() {
        pendingTeardown = null;
        if (reported || destroyed) {
            return;
        }
        runner.unwind();
        vars.remove("current_loop");
        vars.remove("total_loops");
        setRunning(ChannelState.CS_HANGUP);
        cdr();
        setCallState(CallState.HANGUP);
        driver.hungUp(this, hangupCause);
        if (partner != null) {
            vars.set("is_loopback", "1");
        }
        Channel b = bridgedTo;
        if (b != null) {
            core.bridges().unbridge(this, b);
        }
        state = ChannelState.CS_REPORTING;
        setRunning(ChannelState.CS_REPORTING);
        EventBuilder hc = core.events().create("CHANNEL_HANGUP_COMPLETE", Sites.CHANNEL_HANGUP_COMPLETE);
        hc.add("Hangup-Cause", hangupCause.name());
        data(hc);
        hc.fire();
        reported = true;
        for (Consumer<Channel> l : List.copyOf(reportedListeners)) {
            l.accept(this);
        }
        maybeDestroy();
    }

    /** The CDR variables FreeSWITCH sets before CHANNEL_HANGUP_COMPLETE. */
    private void cdr() {
        long end = hangupMicros;
        long start = createdMicros;
        long ans = answeredMicros;
        vars.set("hangup_cause", hangupCause.name());
        vars.set("hangup_cause_q850", hangupCause.q850());
        vars.set("digits_dialed", digitsDialed.isEmpty() ? "none" : digitsDialed.toString());
        vars.set("start_stamp", core.events().localStamp(start));
        vars.set("profile_start_stamp", core.events().localStamp(start));
        if (ans > 0) {
            vars.set("answer_stamp", core.events().localStamp(ans));
        }
        if (bridgedMicros > 0) {
            vars.set("bridge_stamp", core.events().localStamp(bridgedMicros));
        }
        if (progressMicros > 0) {
            vars.set("progress_stamp", core.events().localStamp(progressMicros));
        }
        vars.set("end_stamp", core.events().localStamp(end));
        vars.set("start_epoch", start / 1_000_000);
        vars.set("start_uepoch", start);
        vars.set("profile_start_epoch", start / 1_000_000);
        vars.set("profile_start_uepoch", start);
        vars.set("answer_epoch", ans / 1_000_000);
        vars.set("answer_uepoch", ans);
        vars.set("bridge_epoch", bridgedMicros / 1_000_000);
        vars.set("bridge_uepoch", bridgedMicros);
        vars.set("last_hold_epoch", "0");
        vars.set("last_hold_uepoch", "0");
        vars.set("hold_accum_seconds", "0");
        vars.set("hold_accum_usec", "0");
        vars.set("hold_accum_ms", "0");
        vars.set("resurrect_epoch", "0");
        vars.set("resurrect_uepoch", "0");
        vars.set("progress_epoch", progressMicros / 1_000_000);
        vars.set("progress_uepoch", progressMicros);
        vars.set("progress_media_epoch", progressMediaMicros / 1_000_000);
        vars.set("progress_media_uepoch", progressMediaMicros);
        vars.set("end_epoch", end / 1_000_000);
        vars.set("end_uepoch", end);
        vars.set("last_app", lastApp);
        vars.set("last_arg", lastArg);
        String cid = profile == null ? "" : (profile.callerIdName.isEmpty() ? profile.callerIdNumber
                : "\"" + profile.callerIdName + "\" <" + profile.callerIdNumber + ">");
        vars.set("caller_id", cid);
        long dur = end - start;
        long bill = ans > 0 ? end - ans : 0;
        long progress = progressMicros > 0 ? progressMicros - start : 0;
        long answer = ans > 0 ? ans - start : 0;
        long progressMedia = progressMediaMicros > 0 ? progressMediaMicros - start : 0;
        vars.set("duration", dur / 1_000_000);
        vars.set("billsec", bill / 1_000_000);
        vars.set("progresssec", progress / 1_000_000);
        vars.set("answersec", answer / 1_000_000);
        vars.set("waitsec", answer / 1_000_000);
        vars.set("progress_mediasec", progressMedia / 1_000_000);
        vars.set("flow_billsec", dur / 1_000_000);
        vars.set("mduration", dur / 1000);
        vars.set("billmsec", bill / 1000);
        vars.set("progressmsec", progress / 1000);
        vars.set("answermsec", answer / 1000);
        vars.set("waitmsec", answer / 1000);
        vars.set("progress_mediamsec", progressMedia / 1000);
        vars.set("flow_billmsec", dur / 1000);
        vars.set("uduration", dur);
        vars.set("billusec", bill);
        vars.set("progressusec", progress);
        vars.set("answerusec", answer);
        vars.set("waitusec", answer);
        vars.set("progress_mediausec", progressMedia);
        vars.set("flow_billusec", dur);
    }

    /** Remembered for last_app/last_arg. */
    public void noteApplication(String app, String arg) {
        lastApp = app;
        lastArg = arg;
    }

    /** An outbound socket keeps the session alive while it lingers: no CHANNEL_DESTROY until released. */
    public void holdDestroy() {
        destroyHolds++;
    }

    public void releaseDestroy() {
        if (destroyHolds > 0) {
            destroyHolds--;
        }
        maybeDestroy();
    }

    /** Runs once the channel has fired CHANNEL_HANGUP_COMPLETE. */
    public void onReported(Consumer<Channel> listener) {
        if (reported) {
            listener.accept(this);
        } else {
            reportedListeners.add(listener);
        }
    }

    public boolean isReported() {
        return reported;
    }

    public void onDestroy(Consumer<Channel> listener) {
        destroyListeners.add(listener);
    }

    /**
     * A loopback pair is destroyed together once both legs have reported, the later one first
     * (as in the captures); a held channel waits for its release.
     */
    private void maybeDestroy() {
        if (!reported || destroyed || destroyHolds > 0) {
            return;
        }
        Channel p = partner;
        if (p != null && !p.destroyed && !p.reported) {
            return;
        }
        destroy();
        if (p != null) {
            p.maybeDestroy();
        }
    }

    private void destroy() {
        destroyed = true;
        state = ChannelState.CS_DESTROY;
        fire("CHANNEL_DESTROY", Sites.CHANNEL_DESTROY);
        setRunning(ChannelState.CS_DESTROY);
        core.channels().remove(this);
        for (Consumer<Channel> l : List.copyOf(destroyListeners)) {
            l.accept(this);
        }
    }

    @Override
    public String toString() {
        return "Channel{" + name + " " + uuid + " " + running + "/" + state + " " + callState + "}";
    }
}
