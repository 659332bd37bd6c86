package org.stationd.esl.sim;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.channel.HangupCause;
import org.stationd.esl.sim.socket.EslConnection;

/**
 * Trouble on demand, for testing how a program copes: connections dropped without a word, the
 * switch shutting down (and coming back), the far end hanging up, calls that never answer.
 */
public final class Faults {
    private final SwitchCore core;
    private final Shutdown shutdown;

    Faults(SwitchCore core) {
        this.core = core;
        this.shutdown = new Shutdown(core);
    }

    /** Drops every client connection abruptly (TCP close, no disconnect notice). Returns how many. */
    public int dropConnections() {
        return core.clock().call(() -> {
            int n = 0;
            for (EslConnection c : core.server().connections()) {
                if (!c.isOutbound()) {
                    c.drop();
                    n++;
                }
            }
            return n;
        });
    }

    /**
     * Shuts the switch down as {@code fsctl shutdown} does and refuses connections; after
     * {@code downFor} it starts again (new Core-UUID, no calls). {@code downFor} null: stays down.
     * The first future completes once it is down, the second once it is back.
     */
    public Outage shutdown(Duration downFor) {
        CompletableFuture<Void> back = new CompletableFuture<>();
        CompletableFuture<CompletableFuture<Void>> started = new CompletableFuture<>();
        core.clock().execute(() -> started.complete(shutdown.begin(downFor, back)));
        return new Outage(started.thenCompose(f -> f), back);
    }

    /** What {@link #shutdown} started: when it is down, and when it is back. */
    public record Outage(CompletableFuture<Void> down, CompletableFuture<Void> backUp) {}

    /** Stops accepting connections for {@code d} (existing ones stay), like a switch that is restarting. */
    public void refuseConnections(Duration d) {
        core.server().unbind();
        core.clock().schedule(d.toMillis(), () -> {
            try {
                core.server().bind(core.options().host(), core.server().port());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * From now on everything the switch writes to its Event Socket clients (command replies, api
     * responses and the events queued beside them) reaches them {@code late} late, in order, as
     * from a FreeSWITCH whose connection is backed up with events: the command itself runs at
     * once (a late bgapi originate still places its call), only its reply comes late. Real time,
     * as the client's command timeout is; {@link Duration#ZERO} ends it (what is in flight still arrives first).
     */
    public void slowReplies(Duration late) {
        core.outputDelay(late);
    }

    /** The far end of {@code uuid} hangs up {@code after} from now (mid-prompt, say). */
    public void farEndHangsUp(String uuid, Duration after, HangupCause cause) {
        core.clock().execute(() -> core.clock().schedule(after.toMillis(), () -> {
            Channel ch = core.channels().get(uuid);
            if (ch != null && !ch.isDown()) {
                ch.hangup(cause == null ? HangupCause.NORMAL_CLEARING : cause);
            }
        }));
    }

    /** Hangs up every call with {@code cause} (a network failure, say). */
    public void hangupAll(HangupCause cause) {
        core.clock().run(() -> {
            for (Channel ch : core.channels().all()) {
                ch.hangup(cause);
            }
        });
    }
}
