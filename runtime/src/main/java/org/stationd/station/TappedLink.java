package org.stationd.station;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.stationd.esl.command.EslCommands;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.session.ApiResponse;
import org.stationd.limits.LimitException;
import org.stationd.limits.Limits;
import org.stationd.switchlink.ForwardingSwitchLink;
import org.stationd.switchlink.SwitchLink;

/**
 * A station's view of the switch that writes every command it sends into the event log. What the
 * host asks for itself (whether the switch can speak) passes through unlogged.
 */
final class TappedLink extends ForwardingSwitchLink {
    private final StationContext station;
    private final StationTap tap;
    private final java.util.function.BooleanSupplier held;

    /** {@code held}: whether this host still holds the station; a command sent when it does not is refused by its fence, and logged as such. */
    TappedLink(SwitchLink inner, StationContext station, StationTap tap, java.util.function.BooleanSupplier held) {
        super(inner);
        this.station = station;
        this.tap = tap;
        this.held = held;
    }

    /** Commands sent so far: whether a program did anything about a call (see {@link Apology}). */
    long sent() {
        return sent.get();
    }

    private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();

    private void out(String kind, Map<String, Object> fields) {
        sent.incrementAndGet();
        if (!held.getAsBoolean()) {   // another host runs the station now: the fence keeps this from the switch
            fields = new LinkedHashMap<>(fields);
            fields.put("fenced", true);
        }
        tap.record(station.id(), station.programVersion(), station.state(), "out", kind, fields);
    }

    /** The switch's answer is an input too (a conference play of a missing file is refused, and the show skips it): logged when it arrives. */
    @Override
    public CompletableFuture<ApiResponse> api(String command) {
        command(command.split(" ", 2)[0], java.util.List.of(command));
        out("api", Map.of("cmd", command));
        return inner.api(command).whenComplete((r, e) -> in("reply", command, r, e));
    }

    /** The job's result is an input too (an originate's -ERR USER_BUSY changes what the show does): it is logged when it arrives. */
    @Override
    public CompletableFuture<ApiResponse> bgapi(String command) {
        command(command.split(" ", 2)[0], java.util.List.of(command));
        out("bgapi", Map.of("cmd", command));
        return inner.bgapi(command).whenComplete((r, e) -> in("job", command, r, e));
    }

    /**
     * Logs the switch's answer on the station's thread just before the station's own handling of
     * it: in the order the station handles its inputs (the answer's place among its events).
     */
    private void in(String kind, String command, ApiResponse r, Throwable e) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("cmd", command);
        f.put("body", e != null ? "-ERR SWITCH_ERROR " + e.getMessage() : r.body());
        if (e != null && LateOriginates.late(e)) {
            f.put("late", true);   // the answer came too late, not never: a replay must wait for the call as the station did
        }
        Runnable record = () -> tap.record(station.id(), station.programVersion(), station.state(), "in", kind, f);
        try {
            station.onStation(record);
        } catch (RejectedExecutionException stopped) {
            record.run();   // the station is gone: the answer is still part of the log
        }
    }

    /**
     * The backstop behind every value check ({@link org.stationd.limits.SwitchValues}): nothing that
     * would end the command early (a line break starts another command or header) or overflow the
     * switch's command buffer (it drops the connection every station shares) is ever written.
     * Thrown on the caller's thread, so a program sees it at its script line.
     */
    private void command(String name, java.util.Collection<String> parts) {
        long bytes = 0;
        for (String part : parts) {
            bytes += part.getBytes(StandardCharsets.UTF_8).length + 1;
            if (part.indexOf('\n') >= 0 || part.indexOf('\r') >= 0) {
                throw station.refused(new LimitException("switch", name + ": a line break in a command for the switch; it was not sent"));
            }
        }
        if (bytes > Limits.SWITCH_COMMAND_BYTES) {
            throw station.refused(new LimitException("switch", name + ": the command for the switch would be over "
                    + Limits.size(Limits.SWITCH_COMMAND_BYTES) + "; it was not sent"));
        }
    }

    @Override
    public CompletableFuture<Void> sendmsg(String uuid, SendMsg msg) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("uuid", uuid);
        Map<String, String> headers = EslCommands.sendmsg(uuid, msg).headers();
        command(headers.getOrDefault("execute-app-name", "sendmsg"), headers.values());
        f.put("headers", headers);
        out("sendmsg", f);
        return inner.sendmsg(uuid, msg);
    }
}
