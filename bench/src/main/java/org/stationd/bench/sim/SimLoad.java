package org.stationd.bench.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.dispatch.DispatchStats;
import org.stationd.esl.dispatch.EventListener;
import org.stationd.esl.sim.SimOptions;
import org.stationd.esl.sim.SimSwitch;

/**
 * Load on the simulated switch, driven through the real client over TCP, the way capture 10 was
 * made but harder: calls are started at a fixed rate with a cap on how many are open; each call is
 * {@code bgapi originate … loopback/answer_park/stations &park()}, a tone played to the A leg once
 * it parks, then a hangup once the tone's CHANNEL_EXECUTE_COMPLETE arrives. A call counts as done
 * when both legs sent CHANNEL_DESTROY. Runs on the real clock. Prints figures; asserts nothing.
 *
 * <pre>
 * java -cp bench/target/stationd-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/* org.stationd.bench.sim.SimLoad [cps] [maxOpen] [seconds] [toneMs]
 * </pre>
 */
public final class SimLoad {
    private final int cps;
    private final int maxOpen;
    private final int seconds;
    private final int toneMs;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final Map<String, Call> byB = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peakOpen = new AtomicInteger();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<Long> setupMicros = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> callMicros = Collections.synchronizedList(new ArrayList<>());
    private Semaphore slots;

    private static final class Call {
        final String a;
        final long startNanos;
        volatile long answeredNanos;
        volatile boolean aDestroyed;
        volatile boolean bDestroyed;
        volatile boolean toneSent;
        volatile boolean hangupSent;

        Call(String a) {
            this.a = a;
            this.startNanos = System.nanoTime();
        }
    }

    SimLoad(int cps, int maxOpen, int seconds, int toneMs) {
        this.cps = cps;
        this.maxOpen = maxOpen;
        this.seconds = seconds;
        this.toneMs = toneMs;
    }

    public static void main(String[] args) throws Exception {
        int cps = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int maxOpen = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int toneMs = args.length > 3 ? Integer.parseInt(args[3]) : 3000;
        new SimLoad(cps, maxOpen, seconds, toneMs).run();
    }

    void run() throws Exception {
        slots = new Semaphore(maxOpen);
        try (SimSwitch sim = SimSwitch.start(SimOptions.defaults().withPort(0));
             EslClient client = EslClient.connect(EslClientOptions.of("127.0.0.1", sim.port(), "ClueCon")
                     .withJobTimeout(Duration.ofMinutes(2)).withDispatch(4, 1 << 20))) {
            client.addListener(listener(client));
            client.events(EventFormat.PLAIN, "ALL").join();
            System.out.printf("simulated switch on port %d; %d calls/s, at most %d open, %d s, %d ms tone per call%n",
                    sim.port(), cps, maxOpen, seconds, toneMs);
            ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
            long t0 = System.nanoTime();
            long periodNanos = 1_000_000_000L / cps;
            pacer.scheduleAtFixedRate(() -> startCall(client), 0, periodNanos, TimeUnit.NANOSECONDS);
            long nextReport = t0 + 5_000_000_000L;
            while (System.nanoTime() - t0 < seconds * 1_000_000_000L) {
                Thread.sleep(200);
                if (System.nanoTime() >= nextReport) {
                    report("running", t0, client.stats());
                    nextReport += 5_000_000_000L;
                }
            }
            pacer.shutdownNow();
            long stopStarting = System.nanoTime();
            while (open.get() > 0 && System.nanoTime() - stopStarting < 60_000_000_000L) {
                Thread.sleep(50);
            }
            report("finished", t0, client.stats());
            percentiles("originate → +OK (answered)", setupMicros);
            percentiles("originate → both legs destroyed", callMicros);
            System.out.printf("switch now: %d channels, %d events fired in all%n", sim.calls().size(), sim.core().events().fired());
        }
    }

    private void startCall(EslClient client) {
        if (!slots.tryAcquire()) {
            return;   // at the cap of open calls: skip this tick, as a real dialler would wait
        }
        String a = UUID.randomUUID().toString();
        Call c = new Call(a);
        calls.put(a, c);
        started.incrementAndGet();
        peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        client.bgapi("originate {origination_uuid=" + a + ",station_id=s" + (started.get() % 20 + 1) + "}loopback/answer_park/stations &park()")
                .result().whenComplete((r, e) -> {
                    if (e != null || r.isError()) {
                        failed.incrementAndGet();
                        finish(c);
                    } else {
                        c.answeredNanos = System.nanoTime();
                        setupMicros.add((c.answeredNanos - c.startNanos) / 1000);
                    }
                });
    }

    private EventListener listener(EslClient client) {
        return e -> {
            String u = e.uniqueId();
            if (u == null) {
                return;
            }
            switch (e.name()) {
                case "CHANNEL_PARK" -> {
                    Call c = calls.get(u);
                    if (c != null && !c.toneSent) {
                        c.toneSent = true;
                        client.sendmsg(u, SendMsg.execute("playback", "tone_stream://%(" + toneMs + ",0,440)").eventUuid("tone-" + u));
                    }
                }
                case "CHANNEL_EXECUTE_COMPLETE" -> {
                    Call c = calls.get(u);
                    if (c != null && !c.hangupSent && ("tone-" + u).equals(e.header("Application-UUID"))) {
                        c.hangupSent = true;
                        client.sendmsg(u, SendMsg.hangup("NORMAL_CLEARING"));
                    }
                }
                case "CHANNEL_CREATE" -> {
                    String other = e.variable("other_loopback_leg_uuid");
                    if ("B".equals(e.variable("loopback_leg")) && other != null && calls.containsKey(other)) {
                        byB.put(u, calls.get(other));
                    }
                }
                case "CHANNEL_DESTROY" -> {
                    Call c = calls.get(u);
                    if (c != null) {
                        c.aDestroyed = true;
                        maybeDone(c);
                    }
                    Call b = byB.remove(u);
                    if (b != null) {
                        b.bDestroyed = true;
                        maybeDone(b);
                    }
                }
                default -> { }
            }
        };
    }

    private void maybeDone(Call c) {
        if (c.aDestroyed && c.bDestroyed && calls.remove(c.a) != null) {
            done.incrementAndGet();
            callMicros.add((System.nanoTime() - c.startNanos) / 1000);
            open.decrementAndGet();
            slots.release();
        }
    }

    private void finish(Call c) {
        if (calls.remove(c.a) != null) {
            open.decrementAndGet();
            slots.release();
        }
    }

    private void report(String when, long t0, DispatchStats stats) {
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("[%s %.1f s] started %d, completed %d (%.1f calls/s), failed %d, open %d (peak %d); client: %d events received (%.0f/s), %d dropped, queue %d%n",
                when, secs, started.get(), done.get(), done.get() / secs, failed.get(), open.get(), peakOpen.get(),
                stats.received(), stats.received() / secs, stats.dropped(), stats.queueDepth());
    }

    private static void percentiles(String what, List<Long> micros) {
        List<Long> s;
        synchronized (micros) {
            s = new ArrayList<>(micros);
        }
        if (s.isEmpty()) {
            return;
        }
        Collections.sort(s);
        System.out.printf("%s: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d calls)%n", what,
                s.get(s.size() / 2) / 1000.0, s.get(Math.min(s.size() - 1, (int) (s.size() * 0.99))) / 1000.0, s.get(s.size() - 1) / 1000.0, s.size());
    }
}
