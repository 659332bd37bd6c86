package org.stationd.station;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.dispatch.EventListener;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.embedded.EmbeddedSwitch;
import org.stationd.esl.embedded.SteppedClock;
import org.stationd.esl.embedded.SwitchProvider;
import org.stationd.esl.embedded.SwitchSpec;

/**
 * The simulated switch and stations on one virtual clock, moved together: time jumps from one
 * timer (of either side) to the next, and after each jump both sides are left to finish what it
 * set off — the switch's events reach the stations over real ESL, their commands reach the switch
 * — before time moves again. Replays and program tests run an hour of show in a moment, the same
 * way on every run.
 *
 * <pre>{@code
 * try (Lockstep world = Lockstep.start(start, SwitchSpec.defaults().withDialplan(simYaml))) {
 *     // stations get world.client() as their switch and world.stationClock() as their clock
 *     world.attach(() -> List.of(station));
 *     world.advance(Duration.ofMinutes(30));
 * }
 * }</pre>
 */
public final class Lockstep implements AutoCloseable {
    private static final long TIMEOUT_S = 30;
    /** A settle that never goes quiet (something re-arms at the same instant forever) gives up after this many rounds. */
    private static final int MAX_ROUNDS = 10_000;

    private final SteppedClock switchClock;
    private final VirtualScheduler stationClock;
    private final EmbeddedSwitch sim;
    private final EslClient client;
    private final AtomicLong activity = new AtomicLong();
    private volatile Supplier<? extends Collection<StationContext>> stations = java.util.List::of;
    private Pacer pacer = Pacer.NONE;

    private Lockstep(Instant start, SwitchSpec options) {
        SwitchProvider simulated = SwitchProvider.named("sim");
        switchClock = simulated.virtualClock(start);
        stationClock = new VirtualScheduler(start);
        sim = simulated.start(options.withPort(0).withClock(switchClock));
        try {
            // the stations take the switch's events and answers as a live host does (the intake, in socket order);
            // one dispatch lane for the other listeners: "every event so far has been delivered" is then one barrier
            client = EslClient.connect(EslClientOptions.of("127.0.0.1", sim.port(), options.password()).withDispatch(1, 65_536));
            client.addListener(new EventListener() {
                // the switch fires an API event for each command, the round trips of settle() included: not activity
                @Override public void onEvent(EslEvent e) { if (!"API".equals(e.name())) activity.incrementAndGet(); }
            });
            join(client.events(EventFormat.PLAIN, "ALL"));
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    /** Starts the simulated switch (on a free port, whatever {@code options} say) on a virtual clock at {@code start}. */
    public static Lockstep start(Instant start, SwitchSpec options) {
        return new Lockstep(start, options);
    }

    /** The stations to wait for when settling (they must run on {@link #stationClock()} and {@link #client()}). */
    public void attach(Supplier<? extends Collection<StationContext>> stations) {
        this.stations = stations;
    }

    /** Paces the clock at one virtual second per wall second (to listen along) instead of as fast as possible. */
    public Lockstep realTime(boolean on) {
        this.pacer = on ? Pacer.realTime(stationClock.now()) : Pacer.NONE;
        return this;
    }

    public EslClient client() { return client; }
    public EmbeddedSwitch sim() { return sim; }
    public VirtualScheduler stationClock() { return stationClock; }
    public Instant now() { return stationClock.now(); }

    /** Something happened that settle() should wait out (a station's tap calls this for every input and command). */
    public void activity() {
        activity.incrementAndGet();
    }

    /** A text from {@code from} to the number {@code to} arrives at the switch, as mod_sms hands it over. */
    public void text(String from, String to, String body) {
        join(client.sendevent("MESSAGE", Router.textHeaders(from, to), body));
    }

    /** Moves both clocks by {@code d}, stopping at every timer of either side on the way. */
    public void advance(Duration d) throws InterruptedException {
        advanceTo(now().plus(d));
    }

    public void advanceTo(Instant t) throws InterruptedException {
        while (true) {
            settle();
            Instant next = nextDue();
            if (next == null || next.isAfter(t)) break;
            step(next);
        }
        step(t);
        settle();
    }

    /**
     * Runs the world timer by timer until {@code condition} holds or {@code limit} of virtual time
     * has passed; true if it holds. For tests: "until the station has answered".
     */
    public boolean runUntil(BooleanSupplier condition, Duration limit) throws InterruptedException {
        Instant end = now().plus(limit);
        settle();
        while (!condition.getAsBoolean()) {
            Instant next = nextDue();
            if (next == null || next.isAfter(end)) {
                advanceTo(end);
                return condition.getAsBoolean();
            }
            step(next);
            settle();
        }
        return true;
    }

    private Instant nextDue() {
        Instant a = switchClock.nextDue();
        Instant b = stationClock.nextDue();
        if (a == null) return b;
        if (b == null) return a;
        return a.isBefore(b) ? a : b;
    }

    private void step(Instant t) throws InterruptedException {
        if (t.isBefore(stationClock.now())) return;
        pacer.waitFor(t);
        stationClock.moveTo(t);          // the stations see the switch's events at the switch's time
        // the switch's timers due now, one at a time, each answered before the next fires
        for (Instant n = switchClock.nextDue(); n != null && !n.isAfter(t); n = switchClock.nextDue()) {
            switchClock.fireNext();
            settle();
        }
        switchClock.advanceTo(t);
        stationClock.advanceTo(t);
    }

    /**
     * Waits until the switch and the stations are quiet: the switch's thread drained, a round trip
     * to it (all it sent before the reply is then delivered), then each station's queue; repeated
     * until two rounds pass with nothing new on either side.
     */
    public void settle() throws InterruptedException {
        int quiet = 0;
        for (int round = 0; round < MAX_ROUNDS && quiet < 2; round++) {
            long before = activity.get();
            switchClock.drain();          // the switch has done all it was asked, so its events are on the wire
            join(client.api("status"));
            join(client.eventsDelivered());
            for (StationContext s : stations.get()) {
                s.awaitIdle(Duration.ofSeconds(TIMEOUT_S));
            }
            quiet = activity.get() == before ? quiet + 1 : 0;
        }
    }

    /** Runs a task on a station's thread and waits until it and what it queued have run. */
    public void on(StationContext station, Runnable task) throws InterruptedException {
        station.submit(task);
        station.awaitIdle(Duration.ofSeconds(TIMEOUT_S));
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("the simulated switch did not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            sim.close();
        }
    }
}
