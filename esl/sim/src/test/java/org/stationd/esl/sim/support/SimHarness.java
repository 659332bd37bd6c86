package org.stationd.esl.sim.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.dispatch.EventListener;
import org.stationd.esl.dispatch.Gap;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.sim.SimOptions;
import org.stationd.esl.sim.SimSwitch;
import org.stationd.esl.sim.clock.VirtualClock;

/**
 * A simulated switch on a virtual clock with the captures' prompts, and a real {@link EslClient}
 * connected to it over TCP that records every event. Scenario tests drive the switch's world with
 * the control API and move time; they wait (in real time, generously) only for bytes to arrive,
 * never for prompts to play.
 */
public final class SimHarness implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(10);

    public final VirtualClock clock;
    public final SimSwitch sim;
    public final EslClient client;
    private final Path sounds;
    private final List<EslEvent> events = new ArrayList<>();
    private final List<Gap> gaps = new ArrayList<>();

    private SimHarness(VirtualClock clock, SimSwitch sim, EslClient client, Path sounds) {
        this.clock = clock;
        this.sim = sim;
        this.client = client;
        this.sounds = sounds;
        client.addListener(new EventListener() {
            @Override
            public void onEvent(EslEvent e) {
                synchronized (events) {
                    events.add(e);
                    events.notifyAll();
                }
            }

            @Override
            public void onGap(Gap gap) {
                synchronized (events) {
                    gaps.add(gap);
                    events.notifyAll();
                }
            }
        });
    }

    public static SimHarness start() throws IOException {
        return start(SimOptions.defaults(), EslClientOptions.of("127.0.0.1", 1, "ClueCon"));
    }

    /** Starts a switch (port, clock and sounds are set here) and a client (host and port are set here). */
    public static SimHarness start(SimOptions options, EslClientOptions clientOptions) throws IOException {
        Path sounds = Files.createTempDirectory("sim-sounds");
        Prompts.write(sounds);
        VirtualClock clock = new VirtualClock(Instant.parse("2026-11-22T06:00:00Z"));
        SimSwitch sim = SimSwitch.start(options.withPort(0).withClock(clock).withSounds(Prompts.FS_SOUNDS, sounds));
        EslClientOptions co = new EslClientOptions("127.0.0.1", sim.port(), clientOptions.user(), clientOptions.password(),
                clientOptions.connectTimeout(), clientOptions.authTimeout(), clientOptions.commandTimeout(), clientOptions.jobTimeout(),
                clientOptions.idleTimeout(), clientOptions.reconnectMin(), clientOptions.reconnectMax(), clientOptions.reconnect(),
                clientOptions.dispatchLanes(), clientOptions.dispatchQueueCapacity());
        EslClient client = EslClient.connect(co);
        SimHarness h = new SimHarness(clock, sim, client, sounds);
        client.events(EventFormat.PLAIN, "ALL").join();
        return h;
    }

    public Path sounds() {
        return sounds;
    }

    /** Moves switch time on, one frame at a time, then lets the client catch up. */
    public void advance(Duration d) {
        long left = d.toMillis();
        while (left > 0) {
            long step = Math.min(left, 100);
            clock.advanceMillis(step);
            left -= step;
        }
        settle();
    }

    /**
     * Waits until the switch has nothing queued and the client has handed every event it sent to the
     * listeners: a command's reply comes after every event the switch wrote before it, so once the
     * reply is in, the client has read them all and only the dispatching is left to wait for.
     */
    public void settle() {
        sim.clock().drain(WAIT);
        try {
            client.api("status").orTimeout(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).join();
        } catch (java.util.concurrent.CompletionException closed) {
            // the switch went away (a fault under test): what was read before is all there is to dispatch
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (client.stats().dispatched() + client.stats().dropped() < client.stats().received()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the client did not dispatch what it read: " + client.stats());
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);   // a moment, without spinning a core the switch needs
        }
    }

    public List<EslEvent> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    public List<Gap> gaps() {
        synchronized (events) {
            return new ArrayList<>(gaps);
        }
    }

    public List<EslEvent> events(Predicate<EslEvent> p) {
        return events().stream().filter(p).toList();
    }

    /** The first event (from the start) matching; waits for it in real time. */
    public EslEvent await(Predicate<EslEvent> p) {
        return awaitCount(p, 1).get(0);
    }

    /** Waits until at least {@code n} events match; returns them. */
    public List<EslEvent> awaitCount(Predicate<EslEvent> p, int n) {
        long end = System.nanoTime() + WAIT.toNanos();
        synchronized (events) {
            while (true) {
                List<EslEvent> m = events.stream().filter(p).toList();
                if (m.size() >= n) {
                    return m;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " matching events, got " + m.size() + "; last events: "
                            + events.subList(Math.max(0, events.size() - 15), events.size()));
                }
                try {
                    events.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    public static Predicate<EslEvent> named(String name) {
        return e -> e.is(name);
    }

    public static Predicate<EslEvent> named(String name, String uuid) {
        return e -> e.is(name) && uuid.equals(e.uniqueId());
    }

    public static Predicate<EslEvent> action(String action) {
        return e -> e.is("CUSTOM") && action.equals(e.header("Action"));
    }

    public String api(String cmd) {
        return client.api(cmd).join().body();
    }

    @Override
    public void close() {
        client.close();
        sim.close();
    }
}
