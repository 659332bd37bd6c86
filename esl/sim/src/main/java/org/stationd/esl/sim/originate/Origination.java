package org.stationd.esl.sim.originate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.channel.HangupCause;
import org.stationd.esl.sim.clock.SimTimer;
import org.stationd.esl.sim.dialplan.Extension;

/**
 * One originate in progress: its A leg, the originate_timeout, and what happens when the far end
 * answers (caller id flip, the result, then the A leg runs its application or extension) or never
 * does (the A leg's hangup cause becomes the -ERR).
 */
public final class Origination {
    private final SwitchCore core;
    private final OriginateRequest request;
    private final CompletableFuture<OriginateResult> result = new CompletableFuture<>();
    private Channel leg;
    private SimTimer timeout;
    private boolean answered;
    private java.util.function.Consumer<Channel> legListener = c -> {};

    /** The outcome: the A leg once answered, or the cause it failed with. */
    public record OriginateResult(Channel channel, HangupCause cause) {
        public boolean ok() {
            return channel != null;
        }

        public String apiBody() {
            return ok() ? "+OK " + channel.uuid() + "\n" : "-ERR " + cause.name() + "\n";
        }
    }

    Origination(SwitchCore core, OriginateRequest request) {
        this.core = core;
        this.request = request;
    }

    public OriginateRequest request() {
        return request;
    }

    public CompletableFuture<OriginateResult> result() {
        return result;
    }

    public Channel leg() {
        return leg;
    }

    /** The A leg exists: start the clock on it and watch for it failing. */
    void onLeg(java.util.function.Consumer<Channel> l) {
        this.legListener = l;
    }

    void legCreated(Channel a) {
        this.leg = a;
        legListener.accept(a);
        if (request.timeoutSeconds() > 0) {
            timeout = core.clock().schedule(request.timeoutSeconds() * 1000L, () -> {
                if (!answered && !a.isDown()) {
                    a.hangup(HangupCause.NO_ANSWER);
                }
            });
        }
        a.onReported(ch -> {
            if (!answered) {
                fail(ch.hangupCause() == null ? HangupCause.NORMAL_CLEARING : ch.hangupCause());
            }
        });
    }

    /** The far end answered the A leg: CALL_UPDATE, the result (API event, reply), then the A leg's own work. */
    void answered() {
        if (answered || leg == null || leg.isDown()) {
            return;
        }
        answered = true;
        if (timeout != null) {
            timeout.cancel();
        }
        if (request.forBridgeLeg()) {
            result.complete(new OriginateResult(leg, null));
            return;
        }
        leg.flipCallerId();
        result.complete(new OriginateResult(leg, null));
        startTarget();
    }

    void fail(HangupCause cause) {
        if (timeout != null) {
            timeout.cancel();
        }
        result.complete(new OriginateResult(null, cause));
    }

    boolean isAnswered() {
        return answered;
    }

    /** {@code &app(args)} runs as a one-application extension; otherwise the A leg goes to the named extension. */
    private void startTarget() {
        Channel a = leg;
        if (request.app() != null) {
            a.runner().startExtension(List.of(request.app()));
            return;
        }
        String ctx = request.context();
        a.profile().destinationNumber = request.exten();
        a.profile().context = ctx;
        Extension ext = core.dialplan().lookup(ctx, request.exten());
        if (ext == null) {
            a.hangup(HangupCause.NO_ROUTE_DESTINATION);
            return;
        }
        a.runner().startExtension(ext.apps());
    }
}
