package org.stationd.esl.sim.app;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.channel.ChannelState;
import org.stationd.esl.sim.channel.HangupCause;
import org.stationd.esl.sim.clock.SimTimer;
import org.stationd.esl.sim.event.EventBuilder;
import org.stationd.esl.sim.event.Sites;

/**
 * Runs applications on one channel the way a FreeSWITCH session thread does: the dialplan
 * extension's applications one after another, and the sendmsg commands queued on the channel,
 * which run one media frame later, nested inside park (or inside a running playback unless they
 * ask for event-lock). When the extension runs out the channel hangs up, as in FreeSWITCH.
 */
public final class AppRunner {
    private final SwitchCore core;
    private final Channel ch;
    private final Deque<AppRun> stack = new ArrayDeque<>();
    private final Deque<Message> messages = new ArrayDeque<>();
    private final Deque<AppCall> extension = new ArrayDeque<>();
    private boolean extensionActive;
    private boolean executing;
    /** The channel is leaving what it runs for a bridge (uuid_bridge): its media applications fail rather than break. */
    private boolean leaving;
    private SimTimer tick;
    /** Messages parsed by a park without media: they fire no PRIVATE_COMMAND (see processMessages). */
    private final java.util.Set<Message> unannounced = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public AppRunner(SwitchCore core, Channel ch) {
        this.core = core;
        this.ch = ch;
    }

    SwitchCore core() {
        return core;
    }

    Channel channel() {
        return ch;
    }

    /** The innermost running application, or null. */
    public AppRun current() {
        return stack.peek();
    }

    public List<AppRun> running() {
        return new ArrayList<>(stack);
    }

    public boolean isExecuting() {
        return executing;
    }

    boolean isLeaving() {
        return leaving;
    }

    /**
     * FreeSWITCH's uuid_bridge names itself as the application each leg runs (CHANNEL_EXECUTE with
     * the other leg's uuid) once both left what they ran; it never completes.
     */
    public void announce(String appName, String arg) {
        ch.vars().set("current_application", appName);
        ch.vars().set("current_application_data", arg);
        ch.noteApplication(appName, arg);
        EventBuilder b = ch.event("CHANNEL_EXECUTE", Sites.CHANNEL_EXECUTE);
        b.add("Application", appName);
        b.addIfNotEmpty("Application-Data", arg);
        b.add("Application-UUID", UUID.randomUUID().toString());
        b.fire();
    }

    /**
     * Enters CS_EXECUTE and runs {@code apps} (a dialplan extension or an originate's
     * {@code &app(args)}). FreeSWITCH re-sets call_uuid when it gets there.
     */
    public void startExtension(List<AppCall> apps) {
        if (ch.isDown()) {
            return;
        }
        extension.clear();
        extension.addAll(apps);
        extensionActive = true;
        executing = true;
        ch.setState(ChannelState.CS_EXECUTE);
        ch.vars().moveToEnd("call_uuid");
        ch.setRunning(ChannelState.CS_EXECUTE);
        next();
    }

    /** Replaces what is left of the extension (transfer), breaking whatever runs now. */
    public void transferTo(List<AppCall> apps) {
        breakAll();
        extension.clear();
        extension.addAll(apps);
        extensionActive = true;
        executing = true;
        next();
    }

    /** Queues a sendmsg; it is looked at on the next media frame. */
    public void queue(Message m) {
        if (ch.isDown()) {
            return;
        }
        messages.add(m);
        scheduleTick(Channel.FRAME_MS);
    }

    private void scheduleTick(long delay) {
        if (tick != null) {
            return;
        }
        tick = core.clock().schedule(delay, () -> {
            tick = null;
            processMessages();
        });
    }

    /** Runs queued messages that may run now; leaves the rest for when the running application allows. */
    private void processMessages() {
        // switch_ivr_park on a leg without media (neither answered nor early) takes one message a
        // 20 ms turn and parses it without firing PRIVATE_COMMAND (seen on the real switch: a parked
        // loopback B leg answered by sendmsg); the rest of the turn (parse_all_events) fires it
        boolean parkWithoutMedia = !stack.isEmpty() && stack.peek().app().isParking(stack.peek()) && !ch.isAnswered() && !ch.isEarly();
        while (!messages.isEmpty() && !ch.isDown()) {
            Message m = messages.peek();
            if (!mayRunNow(m)) {
                return;
            }
            messages.poll();
            if (parkWithoutMedia) {
                parkWithoutMedia = false;
                unannounced.add(m);
            }
            handle(m);
            if (!stack.isEmpty() && !stack.peek().app().isParking(stack.peek())) {
                // something blocking started; later messages wait for a frame at least
                if (!messages.isEmpty()) {
                    scheduleTick(Channel.FRAME_MS);
                }
                return;
            }
        }
    }

    private boolean mayRunNow(Message m) {
        if (!executing) {
            return false;   // not in CS_EXECUTE yet: held until the session runs applications
        }
        AppRun top = stack.peek();
        if (top == null) {
            return true;
        }
        if (top.app().isParking(top)) {
            return true;
        }
        return !m.eventLock() && top.app().parsesMessages() && !top.app().isParking();
    }

    private void handle(Message m) {
        switch (m.callCommand()) {
            case "execute" -> {
                String appName = m.appName() == null ? "" : m.appName().trim();
                int loops = m.loops() == 0 ? 1 : m.loops();
                execute(appName, m.appArg(), m.eventUuid(), m, 1, loops, false);
            }
            case "hangup" -> {
                HangupCause cause = HangupCause.parse(m.hangupCause());
                ch.hangup(cause == null ? HangupCause.NORMAL_CLEARING : cause);
                privateCommand(m);
            }
            default -> privateCommand(m);
        }
    }

    private void privateCommand(Message m) {
        if (!m.fromSocket() || unannounced.remove(m)) {
            return;
        }
        EventBuilder b = core.events().withLeadingHeaders("PRIVATE_COMMAND", null, m.leadingHeaders(), Sites.PRIVATE_COMMAND);
        ch.data(b);
        b.fire();
    }

    /** Looks at queued messages again after {@code delayMs} (a park has just begun). */
    public void poke(long delayMs) {
        if (!messages.isEmpty()) {
            scheduleTick(delayMs);
        }
    }

    /** Runs the next dialplan application when nothing is running; hangs up when the extension is done. */
    private void next() {
        if (ch.isDown() || !stack.isEmpty()) {
            return;
        }
        if (!messages.isEmpty() && executing) {
            scheduleTick(0);
        }
        AppCall c = extension.poll();
        if (c != null) {
            execute(c.name(), c.arg(), null, null, 1, 1, true);
            return;
        }
        if (extensionActive) {
            extensionActive = false;
            // switch_core_session_execute_exten ran out of applications: the call is over
            ch.hangup(HangupCause.NORMAL_CLEARING);
        }
    }

    /** Runs one application now (dialplan, sendmsg, or an api command such as uuid_broadcast). */
    public void execute(String appName, String arg, String eventUuid, Message m, int loop, int loops, boolean fromDialplan) {
        Application app = core.applications().get(appName);
        String appUuid = eventUuid != null && !eventUuid.isBlank() ? eventUuid : UUID.randomUUID().toString();
        String a = arg == null ? "" : arg;
        if (app == null) {
            // FreeSWITCH logs "Invalid Application" and carries on without CHANNEL_EXECUTE
            org.slf4j.LoggerFactory.getLogger(AppRunner.class).warn("{}: no application '{}'", ch.name(), appName);
            if (m != null) {
                privateCommand(m);
            }
            if (stack.isEmpty()) {
                core.clock().execute(this::next);
            }
            return;
        }
        AppRun run = new AppRun(this, app, appName, a, appUuid, m, loop, fromDialplan);
        AppRun outer = stack.peek();
        if (outer != null) {
            outer.pause();
        }
        stack.push(run);
        var vars = ch.vars();
        if (m != null) {
            vars.set("current_loop", loop);
            vars.set("total_loops", loops);
            vars.set("current_application_data", a);
            vars.set("current_application", appName);
        } else {
            vars.set("current_application", appName);
            vars.set("current_application_data", a);
        }
        vars.remove("current_application_response");
        ch.noteApplication(appName, a.isEmpty() ? null : a);
        EventBuilder b = ch.event("CHANNEL_EXECUTE", Sites.CHANNEL_EXECUTE);
        b.add("Application", appName);
        b.addIfNotEmpty("Application-Data", a);
        b.add("Application-UUID", appUuid);
        b.fire();
        app.start(run);
    }

    /** An application is done: CHANNEL_EXECUTE_COMPLETE, the next loop or PRIVATE_COMMAND, then whatever comes next. */
    void complete(AppRun run) {
        if (run.isDone()) {
            return;
        }
        run.markDone();
        stack.remove(run);
        String resp = ch.vars().get("current_application_response");
        EventBuilder b = ch.event("CHANNEL_EXECUTE_COMPLETE", Sites.CHANNEL_EXECUTE_COMPLETE);
        b.add("Application", run.name());
        b.addIfNotEmpty("Application-Data", run.arg());
        b.add("Application-Response", resp == null ? "_none_" : resp);
        b.add("Application-UUID", run.applicationUuid());
        b.fire();
        Message m = run.message();
        AppRun outer = stack.peek();
        if (m != null) {
            int loops = m.loops() == 0 ? 1 : m.loops();
            if ((loops < 0 || run.loop() < loops) && !ch.isDown()) {
                execute(run.name(), run.arg(), m.eventUuid(), m, run.loop() + 1, loops, false);
                return;
            }
            ch.vars().remove("current_loop");
            ch.vars().remove("total_loops");
            privateCommand(m);
        }
        if (outer != null && !outer.isDone()) {
            outer.resume();
        }
        if (ch.isDown()) {
            return;
        }
        if (stack.isEmpty()) {
            next();
        } else if (!messages.isEmpty()) {
            scheduleTick(0);
        }
    }

    /** The application ended because something stopped it (not because it finished): stop it, then complete it. */
    public void interrupt(AppRun run) {
        if (run.isDone()) {
            return;
        }
        run.app().interrupt(run, ch.isDown());
        complete(run);
    }

    /** uuid_break / transfer: stop everything running (innermost first), keeping queued messages. */
    public void breakAll() {
        boolean saved = extensionActive;
        extensionActive = false;
        while (!stack.isEmpty()) {
            AppRun top = stack.peek();
            top.app().interrupt(top, false);
            completeQuietly(top);
        }
        extensionActive = saved;
    }

    /**
     * {@code uuid_break <uuid> all}: on a parked channel FreeSWITCH stops what plays inside the park
     * and the park goes on (checked on 1.10.12: no CHANNEL_EXECUTE_COMPLETE for park, and a
     * conference sent afterwards joins); with no park underneath, everything stops as before.
     */
    public void breakAllAbovePark() {
        boolean parked = stack.stream().anyMatch(r -> r.app().isParking(r));
        if (!parked) {
            breakAll();
            return;
        }
        while (!stack.isEmpty() && !stack.peek().app().isParking(stack.peek())) {
            interrupt(stack.peek());
        }
    }

    /** Stops the innermost application only (uuid_break without 'all'). */
    public void breakCurrent() {
        AppRun top = stack.peek();
        if (top != null && !top.app().isParking()) {
            interrupt(top);
        }
    }

    private void completeQuietly(AppRun run) {
        // complete() would start the next application; while unwinding we only want the events
        boolean wasActive = extensionActive;
        extensionActive = false;
        Deque<AppCall> saved = new ArrayDeque<>(extension);
        extension.clear();
        complete(run);
        extension.addAll(saved);
        extensionActive = wasActive;
    }

    /** The channel leaves its extension for a bridge: whatever runs is broken off and nothing follows. */
    public void detach() {
        leaving = true;
        try {
            breakAll();
        } finally {
            leaving = false;
        }
        extension.clear();
        extensionActive = false;
        executing = true;
    }

    /** A digit for the innermost application. */
    public void onDtmf(char digit) {
        AppRun top = stack.peek();
        if (top != null) {
            top.app().onDtmf(top, digit);
        }
    }

    /** Hangup began: queued messages and the rest of the extension are dropped, as FreeSWITCH flushes them. */
    public void onHangupStarted() {
        messages.clear();
        extension.clear();
        extensionActive = false;
        if (tick != null) {
            tick.cancel();
            tick = null;
        }
    }

    /** During teardown: every running application is stopped and completed, innermost first. */
    public void unwind() {
        MediaBug.closeAll(ch);
        while (!stack.isEmpty()) {
            AppRun top = stack.peek();
            top.app().interrupt(top, true);
            complete(top);
        }
        executing = false;
    }
}
