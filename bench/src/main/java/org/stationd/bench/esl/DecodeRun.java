package org.stationd.bench.esl;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.dispatch.EventListener;
import org.stationd.esl.dispatch.Gap;
import org.stationd.esl.event.EslEvent;

/**
 * One client in a JVM of its own (started by {@link EslCompare}): connects to the stream server,
 * subscribes to plain events, checks every event, and times the events after the warm-up ones.
 * Prints {@code RESULT <client> <events> <seconds> <peak heap MB> <dropped> <CPU seconds>} (CPU time of
 * the whole process, all threads, over the measured events) and writes the check.
 *
 * <p>Arguments: client port warmupEvents totalEvents checkFile.
 */
public final class DecodeRun {
    private final long warmup;
    private final long total;
    private final Check check = new Check();
    private final AtomicLong seen = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long start;
    private volatile long end;
    private volatile long cpuStart;
    private volatile long cpuEnd;
    final LongAdder gaps = new LongAdder();

    private DecodeRun(long warmup, long total) {
        this.warmup = warmup;
        this.total = total;
    }

    /** Called by every client's listener after it checked one event. */
    void counted() {
        long n = seen.incrementAndGet();
        if (n == warmup) {
            start = System.nanoTime();
            cpuStart = processCpuNanos();
        }
        if (n == total) {
            end = System.nanoTime();
            cpuEnd = processCpuNanos();
            done.countDown();
        }
    }

    void event(String name, String dateGmt, String body, String uniqueId, String sequence) {
        check.event(name, dateGmt, body, uniqueId, sequence);
        counted();
    }

    public static void main(String[] args) throws Exception {
        String client = args[0];
        int port = Integer.parseInt(args[1]);
        DecodeRun run = new DecodeRun(Long.parseLong(args[2]), Long.parseLong(args[3]));
        long dropped = switch (client) {
            case "stationd" -> run.stationd(port);
            case "framing-only" -> run.framingOnly(port);
            case "freeswitch-esl-client" -> PeerClients.freeswitchEslClient(run, port);
            case "thingscloud" -> PeerClients.thingscloud(run, port);
            default -> throw new IllegalArgumentException("unknown client " + client);
        };
        run.check.write(Path.of(args[4]));
        double seconds = (run.end - run.start) / 1e9;
        System.out.printf(Locale.ROOT, "RESULT %s %d %.6f %.1f %d %.6f%n", client, run.total - run.warmup, seconds, peakHeapMb(), dropped + run.gaps.sum(),
                (run.cpuEnd - run.cpuStart) / 1e9);
        System.out.flush();
        System.exit(0);   // peers' non-daemon threads would keep the JVM alive; exit, not halt, so a JFR recording is written
    }

    void await() throws InterruptedException {
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("only " + seen.get() + " of " + total + " events arrived");
        }
    }

    private long stationd(int port) throws Exception {
        EslClient fs = EslClient.connect(EslClientOptions.of("127.0.0.1", port, "ClueCon"));
        fs.addListener(new EventListener() {
            @Override
            public void onEvent(EslEvent e) {
                event(e.name(), e.header("Event-Date-GMT"), e.body(), e.uniqueId(), e.header("Event-Sequence"));
            }

            @Override
            public void onGap(Gap gap) {
                gaps.increment();
            }
        });
        fs.events(EventFormat.PLAIN, "ALL").join();
        await();
        return fs.stats().dropped();
    }

    /** Frames the stream and counts the event frames; it decodes and checks nothing. */
    private long framingOnly(int port) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] buf = new byte[1 << 20];
        int len = 0;
        int pos = 0;
        boolean subscribed = false;
        while (true) {
            int end;
            while ((end = Framing.frameEnd(buf, pos, len)) >= 0) {
                int headerEnd = Framing.headerEnd(buf, pos, len);
                if (Framing.isPlainEvent(buf, pos, headerEnd)) {
                    counted();
                    if (seen.get() == total) {
                        return 0;
                    }
                } else if (!subscribed) {   // auth/request
                    out.write("auth ClueCon\n\nevent plain ALL\n\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    subscribed = true;
                }
                pos = end;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, len - pos);
                len -= pos;
                pos = 0;
            }
            if (len == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                throw new IllegalStateException("stream ended after " + seen.get() + " events");
            }
            len += n;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap the JVM had in use at once. */
    static double peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / 1e6;
    }
}
