package org.stationd.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.stationd.esl.codec.EslFrame;
import org.stationd.esl.codec.EslFrameDecoder;
import org.stationd.esl.event.EslEvents;
import org.stationd.esl.testing.Captures;

/**
 * Inbound decoding as a connection does it: frame the received bytes, then parse every event.
 * One operation is the whole recv stream of captures 03, 04, 08 and 10 (about 28 MB, mostly the
 * plain-event churn, some JSON). Besides ops/s JMH prints two counters, each per second:
 * {@code events} (events/s) and {@code megabytes} (MB/s, 10^6 bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EslDecodeBenchmark {
    static final List<String> CAPTURES = List.of("03", "04", "08", "10");

    byte[] stream;
    int eventsPerOp;

    @Setup(Level.Trial)
    public void load() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String capture : CAPTURES) {
            out.writeBytes(Captures.recvStream(capture));
        }
        stream = out.toByteArray();
        eventsPerOp = decode(stream, null);
        System.out.printf(Locale.ROOT, "%nstream: %d bytes, %d events per operation (captures %s)%n", stream.length, eventsPerOp, CAPTURES);
    }

    /** Counted per operation, so JMH reports them as rates. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Rates {
        public long events;
        public double megabytes;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
            megabytes = 0;
        }
    }

    @Benchmark
    public int decodeAndParse(Rates rates, Blackhole bh) {
        int events = decode(stream, bh);
        rates.events += events;
        rates.megabytes += stream.length / 1e6;
        return events;
    }

    /** Frames the stream and parses its events; the count is checked against setup's so a broken decoder shows. */
    private int decode(byte[] bytes, Blackhole bh) {
        EslFrameDecoder decoder = new EslFrameDecoder();
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        int events = 0;
        EslFrame frame;
        while ((frame = decoder.decodeOne(in)) != null) {
            if (frame.isEvent()) {
                Object event = EslEvents.parse(frame);
                events++;
                if (bh != null) {
                    bh.consume(event);
                }
            } else if (bh != null) {
                bh.consume(frame);
            }
        }
        if (in.isReadable() || (eventsPerOp != 0 && events != eventsPerOp)) {
            throw new IllegalStateException("decoded " + events + " events, " + in.readableBytes() + " bytes left over");
        }
        return events;
    }

    /** Runs this benchmark (JMH options as arguments, e.g. {@code -f 1 -wi 1 -i 2}) and prints events/s and MB/s. */
    public static void main(String[] args) throws RunnerException, org.openjdk.jmh.runner.options.CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli).include(EslDecodeBenchmark.class.getName());
        for (RunResult run : new Runner(options.build()).run()) {
            Result<?> events = run.getSecondaryResults().get("events");
            Result<?> mb = run.getSecondaryResults().get("megabytes");
            String error = Double.isNaN(mb.getScoreError()) ? "" : String.format(Locale.ROOT, " ± %,.1f", mb.getScoreError());
            System.out.printf(Locale.ROOT, "%s: %,.0f events/s, %,.1f%s MB/s%n", run.getParams().getBenchmark(),
                    events.getScore(), mb.getScore(), error);
        }
    }
}
