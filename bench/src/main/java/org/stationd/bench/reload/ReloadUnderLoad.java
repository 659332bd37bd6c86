package org.stationd.bench.reload;

import java.io.IOException;
import java.io.OutputStream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.stationd.bench.esl.StreamServer;
import org.stationd.bench.feed.FedEvents;
import org.stationd.config.ConfigLoader;
import org.stationd.config.HostConfig;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.host.ScriptProgramLoader;
import org.stationd.host.StationHost;
import org.stationd.script.ProgramEngines;
import org.stationd.script.ProgramSource;
import org.stationd.station.StationContext;
import org.stationd.station.StationListener;

/**
 * Hot reloads under load: the real host ({@link StationHost}, its program watcher, the real ESL
 * client over TCP) with N stations running one program (Groovy or JavaScript), each with a
 * listener's call on its line, fed by a loopback Event Socket server ({@link StreamServer}) that
 * sends key presses at a fixed rate, round-robin over the calls, each call's keys 0, 1, … 9, 0, ….
 * Meanwhile the program file is saved again and again as an editor does (written aside, renamed
 * over the program), each time a new version; the next save waits until every station has the
 * last one on air. The program counts the keys it hears in its data (kept across reloads) and
 * counts a key that is not the one after the last it heard; at the end a {@code #} on each call
 * has it store both.
 * Figures: the time from each save (just before the rename) to each station's swap (the host's
 * {@code programLoaded}), p50/p99/max over stations × measured reloads; keys sent and not heard
 * (lost), keys heard out of sequence, and events the stations' queues dropped.
 *
 * <pre>ReloadUnderLoad [groovy|js [STATIONS RELOADS WARMUP_RELOADS KEYS_PER_SECOND]]</pre>   (1,000 30 3 1,000)
 */
public final class ReloadUnderLoad {
    /** One run's figures; times in milliseconds. */
    public record Result(String language, int stations, int reloads, int warmupReloads, int rate, double seconds,
                         double p50Ms, double p99Ms, double maxMs, long installsMissing,
                         long sent, long heard, long outOfSequence, long dropped, long errors) {
        /** Keys lost or heard out of their sequence. */
        public long lostOrReordered() {
            return Math.max(0, sent - heard) + outOfSequence;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s, %,d stations, %,d reloads (+%d warm-up) in %.1f s under %,d keys/s: save→installed p50 %.1f ms, "
                            + "p99 %.1f ms, max %.1f ms, %d installs missing; keys sent %,d, heard %,d, out of sequence %d, dropped %d; program errors %d",
                    language, stations, reloads, warmupReloads, seconds, rate, p50Ms, p99Ms, maxMs, installsMissing, sent, heard, outOfSequence, dropped, errors);
        }
    }

    static final String GROOVY = """
            // revision %d
            program {
                apiVersion 1
                state('on') {
                    on.incomingCall { e -> }
                    on.dtmf { e ->
                        if (e.digit == '#') {
                            station.store.put('heard', [n: data.n ?: 0, wrong: data.wrong ?: 0])
                        } else {
                            if (data.next != null && e.digit != data.next) data.wrong = (data.wrong ?: 0) + 1
                            data.next = DIGITS[(DIGITS.indexOf(e.digit) + 1) %% 10]
                            data.n = (data.n ?: 0) + 1
                        }
                    }
                }
            }
            """.replace("DIGITS", "['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']");
    static final String JS = """
            // revision %d
            const digits = '0123456789';
            program({
              apiVersion: 1,
              states: {
                on: {
                  incomingCall(e) {},
                  dtmf(e) {
                    if (e.digit === '#') {
                      station.store.put('heard', { n: data.n || 0, wrong: data.wrong || 0 });
                      return;
                    }
                    if (data.next != null && e.digit !== data.next) data.wrong = (data.wrong || 0) + 1;
                    data.next = digits[(digits.indexOf(e.digit) + 1) %% 10];
                    data.n = (data.n || 0) + 1;
                  }
                }
              }
            });
            """;

    public static void main(String[] args) throws Exception {
        System.out.println("load average at start " + org.stationd.bench.suite.Machine.currentLoadAverage());
        String language = args.length > 0 ? args[0] : "groovy";
        int[] n = {1_000, 30, 3, 1_000};   // stations, reloads, warm-up reloads, keys/s
        for (int i = 1; i < args.length && i <= n.length; i++) n[i - 1] = Integer.parseInt(args[i]);
        System.out.println(run(language, n[0], n[1], n[2], n[3]));
        System.out.println("load average at end " + org.stationd.bench.suite.Machine.currentLoadAverage());
        System.exit(0);   // the engines' stray threads
    }

    public static Result run(String language, int stations, int reloads, int warmupReloads, int rate) throws Exception {
        Path dir = Files.createTempDirectory("stationd-reload");
        String file = "js".equals(language) ? "reload.js" : "reload.groovy";
        String text = "js".equals(language) ? JS : GROOVY;
        write(dir, file, text.formatted(0), stations);
        HostConfig config = ConfigLoader.load(dir.resolve("stations.yaml"));
        Keys keys = new Keys(stations, rate);
        AtomicLong dropped = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicInteger installed = new AtomicInteger();
        long[] times = new long[stations * reloads];
        AtomicInteger timed = new AtomicInteger();
        Measuring measuring = new Measuring();
        StationListener listener = new StationListener() {
            @Override
            public void programLoaded(String station, String program, String version) {
                long now = System.nanoTime();
                if (!version.equals(measuring.version)) return;
                installed.incrementAndGet();
                if (measuring.timed) {
                    int k = timed.getAndIncrement();
                    if (k < times.length) times[k] = now - measuring.savedAt;
                }
            }

            @Override
            public void programError(String station, String program, org.stationd.api.ProgramError e) {
                if (errors.incrementAndGet() <= 3) System.out.println("  program error " + station + ": " + e.handler() + ": " + e.message());
            }

            @Override
            public void log(String station, String program, String state, String level, String message) {
                if (message.contains("were lost")) dropped.incrementAndGet();   // the station's queue was full (SwitchIntake.missedEvents)
            }
        };
        long missing = 0;
        double seconds;
        long heard = 0;
        long wrong = 0;
        try (StreamServer server = new StreamServer(keys::feed);
             ProgramEngines engines = new ProgramEngines();
             EslClient client = EslClient.connect(EslClientOptions.of("127.0.0.1", server.port(), "ClueCon"))) {
            StationHost host = new StationHost(config, new ScriptProgramLoader(engines), client, null, List.of(listener));
            try {
                keys.start.countDown();
                keys.parked.await();
                host.settle();   // every station has its listener's call
                long t0 = System.nanoTime();
                for (int r = 1; r <= warmupReloads + reloads; r++) {
                    String next = text.formatted(r);
                    measuring.version = ProgramSource.of(file, next).hash().substring(0, 12);
                    measuring.timed = r > warmupReloads;
                    installed.set(0);
                    Path aside = dir.resolve("programs").resolve("." + file + ".saving");
                    Files.writeString(aside, next);
                    measuring.savedAt = System.nanoTime();
                    Files.move(aside, dir.resolve("programs").resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    while (installed.get() < stations && System.nanoTime() < deadline) {
                        LockSupport.parkNanos(200_000);
                    }
                    missing += stations - installed.get();
                }
                seconds = (System.nanoTime() - t0) / 1e9;
                keys.stop = true;
                keys.done.await();
                for (StationContext s : host.stations()) {
                    long end = System.nanoTime() + 30_000_000_000L;
                    Object h;
                    while ((h = s.station().getStore().get("heard")) == null && System.nanoTime() < end) {
                        LockSupport.parkNanos(1_000_000);
                    }
                    if (h instanceof Map<?, ?> m) {
                        heard += ((Number) m.get("n")).longValue();
                        wrong += ((Number) m.get("wrong")).longValue();
                    }
                }
                keys.hangUp.countDown();
                keys.hungUp.await();
                host.settle();
            } finally {
                host.close();
            }
        }
        int n = Math.min(timed.get(), times.length);
        long[] t = Arrays.copyOf(times, n);
        Arrays.sort(t);
        return new Result(language, stations, reloads, warmupReloads, rate, seconds, millis(t, 0.50), millis(t, 0.99),
                n == 0 ? 0 : t[n - 1] / 1e6, missing, keys.sent.get(), heard, wrong, dropped.get(), errors.get());
    }

    /** What the listener compares against: the version being saved and when (written by the saving thread). */
    private static final class Measuring {
        volatile String version;
        volatile long savedAt;
        volatile boolean timed;
    }

    private static double millis(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** The switch's side: a listener's call parked on each station's line, then keys at a fixed rate until told to stop, then a # on each. */
    private static final class Keys {
        final int stations;
        final int rate;
        final CountDownLatch start = new CountDownLatch(1);
        final CountDownLatch parked = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        final CountDownLatch hangUp = new CountDownLatch(1);
        final CountDownLatch hungUp = new CountDownLatch(1);
        final AtomicLong sent = new AtomicLong();
        volatile boolean stop;

        Keys(int stations, int rate) {
            this.stations = stations;
            this.rate = rate;
        }

        void feed(OutputStream out) throws IOException {
            try {
                start.await();
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 1; i <= stations; i++) {
                FedEvents.write(out, "Event-Name: CHANNEL_PARK\nUnique-ID: " + uuid(i) + "\nCall-Direction: inbound\nCaller-Caller-ID-Number: 256700"
                        + String.format(Locale.ROOT, "%06d", i) + "\nCaller-Destination-Number: " + line(i) + "\nAnswer-State: ringing\n");
            }
            parked.countDown();
            long t0 = System.nanoTime();
            double period = 1e9 / rate;
            for (long seq = 0; !stop; seq++) {
                FedEvents.waitUntil(t0 + (long) (seq * period));   // at most one period: stop is looked at just after
                if (stop) break;
                int i = (int) (seq % stations) + 1;
                FedEvents.write(out, "Event-Name: DTMF\nUnique-ID: " + uuid(i) + "\nDTMF-Digit: " + (seq / stations) % 10 + "\nDTMF-Duration: 2000\n");
                sent.incrementAndGet();
            }
            for (int i = 1; i <= stations; i++) {
                FedEvents.write(out, "Event-Name: DTMF\nUnique-ID: " + uuid(i) + "\nDTMF-Digit: #\nDTMF-Duration: 2000\n");
            }
            done.countDown();
            try {
                hangUp.await();
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 1; i <= stations; i++) {   // the listeners hang up, so the host stops with no call to wait for
                for (String name : List.of("CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE", "CHANNEL_DESTROY")) {
                    FedEvents.write(out, "Event-Name: " + name + "\nUnique-ID: " + uuid(i) + "\nAnswer-State: hangup\nHangup-Cause: NORMAL_CLEARING\n");
                }
            }
            hungUp.countDown();
        }

    }

    private static String uuid(int i) {
        return String.format(Locale.ROOT, "c0000000-0000-4000-8000-%012d", i);
    }

    private static String line(int i) {
        return String.format(Locale.ROOT, "2564%08d", i);
    }

    private static void write(Path dir, String file, String program, int n) throws Exception {
        Files.createDirectories(dir.resolve("programs"));
        Files.createDirectories(dir.resolve("media"));
        Files.writeString(dir.resolve("programs").resolve(file), program);
        StringBuilder yaml = new StringBuilder("switch: sim\nprograms: programs\nmedia: media\ndata: data\nstations:\n");
        for (int i = 1; i <= n; i++) {
            yaml.append(String.format(Locale.ROOT, "  - { id: s%d, name: Station %d, timezone: Africa/Kampala, lines: { call-in: \"%s\" }, program: %s }%n",
                    i, i, line(i), file));
        }
        Files.writeString(dir.resolve("stations.yaml"), yaml);
    }
}
