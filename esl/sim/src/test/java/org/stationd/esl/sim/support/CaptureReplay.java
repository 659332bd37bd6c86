package org.stationd.esl.sim.support;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stationd.esl.codec.EslFrame;
import org.stationd.esl.event.EslEvents;
import org.stationd.esl.sim.SimSwitch;
import org.stationd.esl.sim.clock.VirtualClock;
import org.stationd.esl.sim.socket.EslConnection;

/**
 * Sends a capture's commands to the simulator at the capture's pace (the virtual clock moves by
 * the time between two sends), with uuids the real switch made up (B legs) swapped for the ones
 * the simulator made up for the same leg. Returns what the simulator sent back.
 */
public final class CaptureReplay {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private CaptureReplay() {}

    public static List<EslFrame> run(Capture cap, SimSwitch sim, RawEsl conn) {
        return run(cap, sim, conn, false);
    }

    /** {@code outbound}: {@code conn} is the connection the switch made to us for a call's socket application. */
    public static List<EslFrame> run(Capture cap, SimSwitch sim, RawEsl conn, boolean outbound) {
        VirtualClock clock = sim.virtualClock();
        LegMap capLegs = new LegMap();
        LegMap simLegs = new LegMap();
        int simSeen = 0;
        double last = -1;
        List<Capture.Line> lines = cap.lines();
        io.netty.buffer.ByteBuf capBytes = io.netty.buffer.Unpooled.buffer();
        org.stationd.esl.codec.EslFrameDecoder capDecoder = new org.stationd.esl.codec.EslFrameDecoder();
        for (int i = 0; i < lines.size(); i++) {
            Capture.Line l = lines.get(i);
            if (!l.send()) {
                // the capture's frames before a send tell us the uuids the real switch made up
                capBytes.writeBytes(l.raw().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                EslFrame f;
                while ((f = capDecoder.decodeOne(capBytes)) != null) {
                    if (f.isEvent()) {
                        capLegs.learn(EslEvents.parse(f));
                    }
                }
                capBytes.discardReadBytes();
                continue;
            }
            if (last >= 0) {
                long ms = Math.round((l.t() - last) * 1000);
                advance(clock, sim, conn, ms, outbound);
            }
            last = l.t();
            List<EslFrame> simFrames = conn.frames();
            for (; simSeen < simFrames.size(); simSeen++) {
                EslFrame f = simFrames.get(simSeen);
                if (f.isEvent()) {
                    simLegs.learn(EslEvents.parse(f));
                }
            }
            conn.send(translate(l.raw(), capLegs, simLegs));
            awaitQuiet(sim, conn, outbound);
        }
        capBytes.release();
        // the switch may still have things to say (a shutdown): let time run until it hangs up on us
        for (int i = 0; i < 500 && !conn.isEof(); i++) {
            advance(clock, sim, conn, 20, outbound);
        }
        return conn.frames();
    }

    private static String translate(String raw, LegMap capLegs, LegMap simLegs) {
        Matcher m = UUID.matcher(raw);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String u = m.group();
            String key = capLegs.key(u);
            String mapped = key == null ? null : simLegs.uuidOf(key);
            m.appendReplacement(sb, mapped == null ? u : mapped);
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Moves virtual time in frame-sized steps so what a timer triggers is sent before time moves on. */
    public static void advance(VirtualClock clock, SimSwitch sim, RawEsl conn, long ms) {
        advance(clock, sim, conn, ms, false);
    }

    public static void advance(VirtualClock clock, SimSwitch sim, RawEsl conn, long ms, boolean outbound) {
        long left = ms;
        while (left > 0) {
            long step = Math.min(left, 20);
            clock.advanceMillis(step);
            left -= step;
        }
        awaitQuiet(sim, conn, outbound);
    }

    /** Waits until the client has read every byte the switch wrote to it. */
    public static void awaitQuiet(SimSwitch sim, RawEsl conn) {
        awaitQuiet(sim, conn, false);
    }

    public static void awaitQuiet(SimSwitch sim, RawEsl conn, boolean outbound) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int stable = 0;
        while (System.nanoTime() < deadline) {
            sim.clock().drain(Duration.ofSeconds(5));
            long written = 0;
            long received = 0;
            for (EslConnection c : sim.core().server().connections()) {
                if (c.isOutbound() == outbound) {
                    written += c.bytesWritten();
                    received += c.commandsReceived();
                }
            }
            if (conn.isEof() || (received >= conn.sent() && written == conn.bytesRead())) {
                if (++stable >= 2) {
                    return;
                }
            } else {
                stable = 0;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the client did not receive everything the switch sent");
    }
}
