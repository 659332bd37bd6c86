package org.stationd.station;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.stationd.esl.session.ApiResponse;
import org.stationd.switchlink.ForwardingSwitchLink;
import org.stationd.switchlink.SwitchLink;

/**
 * Spaces the host's originates out to at most {@code perSecond}: FreeSWITCH refuses sessions
 * beyond its {@code sessions-per-second} (30 by default, and a loopback call is two), so 27
 * stations dialling their transmitters at once would lose some. Each originate takes the next free
 * slot when it is asked for, in order; one that must wait is sent by the host's scheduler when its
 * slot comes, so neither the ESL event loop nor a station's thread waits, and on a virtual clock
 * the slots are virtual too. One pacer per switch, shared by every station's link.
 */
public final class OriginatePacer {
    private final Scheduler clock;
    private final Duration interval;
    private Instant nextSlot = Instant.MIN;

    public OriginatePacer(int perSecond, Scheduler clock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("originates per second must be at least 1, not " + perSecond);
        }
        this.clock = clock;
        this.interval = Duration.ofSeconds(1).dividedBy(perSecond);
    }

    /** {@code link} with its originates (api or bgapi) paced; other commands pass straight through. */
    public SwitchLink pace(SwitchLink link) {
        return new Paced(link);
    }

    /** A link through this pacer; each station's view (its answers on its queue) shares the pace. */
    private final class Paced extends ForwardingSwitchLink {
        Paced(SwitchLink inner) {
            super(inner);
        }

        @Override
        public CompletableFuture<ApiResponse> api(String command) {
            return isOriginate(command) ? send(() -> inner.api(command)) : inner.api(command);
        }

        @Override
        public CompletableFuture<ApiResponse> bgapi(String command) {
            return isOriginate(command) ? send(() -> inner.bgapi(command)) : inner.bgapi(command);
        }

        @Override
        public SwitchLink answeringOn(java.util.concurrent.Executor origin) {
            return new Paced(inner.answeringOn(origin));
        }
    }

    private static boolean isOriginate(String command) {
        return command.startsWith("originate ");
    }

    /** Sends now if the last originate was long enough ago, else when its slot comes. */
    <T> CompletableFuture<T> send(Supplier<CompletableFuture<T>> originate) {
        Duration wait = claimSlot();
        if (wait.isZero()) {
            return originate.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        clock.schedule(wait, () -> {
            try {
                originate.get().whenComplete((r, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(r);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private synchronized Duration claimSlot() {
        Instant now = clock.now();
        Instant slot = nextSlot.isAfter(now) ? nextSlot : now;
        nextSlot = slot.plus(interval);
        return Duration.between(now, slot);
    }
}
