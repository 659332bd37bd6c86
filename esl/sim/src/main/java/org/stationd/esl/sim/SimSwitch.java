package org.stationd.esl.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import org.stationd.esl.embedded.EmbeddedSwitch;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.channel.HangupCause;
import org.stationd.esl.sim.clock.SimClock;
import org.stationd.esl.sim.clock.VirtualClock;
import org.stationd.esl.sim.conference.Conference;
import org.stationd.esl.sim.event.EventSink;
import org.stationd.esl.sim.event.SimEvent;
import org.stationd.esl.sim.originate.IncomingCall;

/**
 * An embedded simulated FreeSWITCH 1.10 that speaks the real Event Socket over TCP: the default
 * switch for stationd's demo and tests. Connect any ESL client to {@link #port()}; drive the world
 * around it from here: place calls to stations, press digits and hang up as the far end, inject
 * faults, and (with a {@link VirtualClock}) move time.
 *
 * <pre>{@code
 * VirtualClock clock = new VirtualClock();
 * try (SimSwitch fs = SimSwitch.start(SimOptions.defaults().withPort(0).withClock(clock))) {
 *     EslClient client = EslClient.connect(EslClientOptions.of("127.0.0.1", fs.port(), "ClueCon"));
 *     String uuid = fs.placeCall("5551234", "1000");   // rings a station, parked unanswered
 *     ...
 *     clock.advance(Duration.ofSeconds(3));
 * }
 * }</pre>
 */
public final class SimSwitch implements EmbeddedSwitch {
    private final SwitchCore core;
    private final Faults faults;

    private SimSwitch(SwitchCore core) {
        this.core = core;
        this.faults = new Faults(core);
        core.setShutdownHook(restart -> faults.shutdown(restart ? Duration.ofSeconds(1) : null));
    }

    /** Starts listening and running. */
    public static SimSwitch start(SimOptions options) {
        SwitchCore core = new SwitchCore(options);
        try {
            core.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            core.close();
            throw new IllegalStateException("interrupted while starting the simulated switch", e);
        } catch (RuntimeException e) {
            core.close();
            throw e;
        }
        return new SimSwitch(core);
    }

    public int port() {
        return core.server().port();
    }

    public String host() {
        return core.options().host();
    }

    public SimClock clock() {
        return core.clock();
    }

    /** The clock as a {@link VirtualClock}; fails if the switch runs on real time. */
    public VirtualClock virtualClock() {
        if (core.clock() instanceof VirtualClock v) {
            return v;
        }
        throw new IllegalStateException("this simulated switch runs on the real clock");
    }

    public Faults faults() {
        return faults;
    }

    /** Core-UUID now (a restart changes it). */
    public String coreUuid() {
        return core.events().identity().coreUuid();
    }

    public boolean isUp() {
        return core.clock().call(core::isUp);
    }

    /** Inbound Event Socket connections open now. */
    public int connectionCount() {
        return (int) core.server().connections().stream().filter(c -> !c.isOutbound() && !c.isClosed()).count();
    }

    /**
     * Someone calls {@code to} from {@code from}: an inbound channel routed through the dialplan's
     * incoming context (by default it parks unanswered and rings). Returns its uuid.
     */
    public String placeCall(String from, String to) {
        String ctx = core.dialplan().setting("incoming_context", "default");
        return core.clock().call(() -> IncomingCall.place(core, from, to, ctx).uuid());
    }

    /** The same, with the call's uuid given (a replay places a recorded call under its recorded uuid). */
    public String placeCall(String from, String to, String uuid) {
        String ctx = core.dialplan().setting("incoming_context", "default");
        return core.clock().call(() -> IncomingCall.place(core, from, to, ctx, uuid).uuid());
    }

    /**
     * The next calls to a phone behave like these, in order, then as the dialplan says: a replay
     * makes each recorded call's far end answer or refuse as it did.
     * {@code endpoint} is {@code user/3001}, {@code sofia/gateway/pstn/5552001} or
     * {@code loopback/tx1/stations} (the B leg then acts as the phone instead of running the dialplan).
     */
    public void script(String endpoint, List<org.stationd.esl.sim.dialplan.PhoneBehaviour> inOrder) {
        core.script(endpoint, inOrder);
    }

    /** The far end of {@code uuid} presses keys: DTMF events one frame apart (source RTP). */
    public void pressDigits(String uuid, String digits) {
        pressDigits(uuid, digits, Duration.ofMillis(Channel.FRAME_MS));
    }

    public void pressDigits(String uuid, String digits, Duration gap) {
        core.clock().run(() -> {
            Channel ch = requireChannel(uuid);
            ch.receiveDtmfLater(digits, 2000, ch.partner() != null ? "UNKNOWN" : "RTP", gap.toMillis());
        });
    }

    /** The far end of {@code uuid} hangs up with {@code cause} (e.g. "NORMAL_CLEARING", "USER_BUSY"). */
    public void hangup(String uuid, String cause) {
        HangupCause c = cause == null ? HangupCause.NORMAL_CLEARING : HangupCause.parse(cause);
        if (c == null) {
            throw new IllegalArgumentException("unknown hangup cause: " + cause);
        }
        core.clock().run(() -> requireChannel(uuid).hangup(c));
    }

    /** The far end of {@code uuid} answers (a ringing outbound leg, or an incoming call's other side). */
    public void answer(String uuid) {
        core.clock().run(() -> requireChannel(uuid).answer());
    }

    private Channel requireChannel(String uuid) {
        Channel ch = core.channels().get(uuid);
        if (ch == null) {
            throw new IllegalArgumentException("no such channel: " + uuid);
        }
        return ch;
    }

    /** Every live channel. */
    public List<SimCall> calls() {
        return core.clock().call(() -> {
            List<SimCall> out = new ArrayList<>();
            for (Channel ch : core.channels().view()) {
                var p = ch.profile();
                Channel other = ch.bridgedTo() != null ? ch.bridgedTo() : ch.partner();
                out.add(new SimCall(ch.uuid(), ch.name(), ch.direction().wire(), ch.running().name(), ch.callState().name(),
                        ch.answerState(), p == null ? "" : p.callerIdNumber, p == null ? "" : p.destinationNumber,
                        p == null ? "" : p.context, ch.vars().get("current_application"), other == null ? null : other.uuid(),
                        new LinkedHashMap<>(ch.vars().asMap())));
            }
            return out;
        });
    }

    @Override
    public boolean hasCall(String uuid) {
        return core.clock().call(() -> core.channels().get(uuid) != null);
    }

    public SimCall call(String uuid) {
        return calls().stream().filter(c -> c.uuid().equals(uuid)).findFirst().orElse(null);
    }

    public List<SimConference> conferences() {
        return core.clock().call(() -> {
            List<SimConference> out = new ArrayList<>();
            for (Conference c : core.conferences().all()) {
                List<SimConference.Member> ms = new ArrayList<>();
                for (var m : c.members()) {
                    ms.add(new SimConference.Member(m.id(), m.channel().uuid(), m.channel().name(), m.canHear(), m.canSpeak(), c.floor() == m));
                }
                out.add(new SimConference(c.name(), c.uuid(), ms, c.filePaths()));
            }
            return out;
        });
    }

    /**
     * Runs an api command as a client would ({@code "status"}, {@code "originate …"}); waits for its body.
     * On a {@link VirtualClock} a command that waits for time (an originate nobody answers) never
     * returns unless another thread moves the clock: use a client's bgapi for those.
     */
    public String api(String commandLine) {
        String cmd = commandLine.trim();
        int sp = cmd.indexOf(' ');
        String name = sp < 0 ? cmd : cmd.substring(0, sp);
        String args = sp < 0 ? null : cmd.substring(sp + 1);
        var f = core.clock().call(() -> core.api(name, args, false));
        return f.join();
    }

    /** Every event the switch fires, on the switch thread (keep the listener quick). Returns a handle to remove it. */
    public AutoCloseable onEvent(Consumer<SimEvent> listener) {
        EventSink sink = listener::accept;
        core.events().addSink(sink);
        return () -> core.events().removeSink(sink);
    }

    /** The internals, for tests in this package tree and the benchmark. */
    public SwitchCore core() {
        return core;
    }

    @Override
    public void close() {
        core.close();
    }
}
