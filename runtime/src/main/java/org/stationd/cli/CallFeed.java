package org.stationd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.stationd.control.ControlKeys;
import org.stationd.control.PeerWatch;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The test phone's view of the running host: its station-event feed (the PUB socket), one station's
 * topics and the phone's own ({@code phone/…}), printed as lines as they arrive. Also what a script
 * waits on: a line that says something, the phone's call answered or ended.
 */
final class CallFeed implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZContext zmq = new ZContext();
    private final ZMQ.Socket sub;
    private final String station;
    private final PrintStream out;
    private final List<String> lines = new ArrayList<>();
    private final Map<String, String> phoneEvents = new ConcurrentHashMap<>();   // leg or nonce → last event
    private final Thread reader;
    private final PeerWatch peer;
    private volatile boolean running = true;
    private String leg;   // the phone's call, once placed

    CallFeed(String endpoint, ControlKeys.Operator keys, String station, PrintStream out) {
        this.station = station;
        this.out = out;
        zmq.setUncaughtExceptionHandler((t, e) -> { });   // a closed channel at the end is no news for a volunteer
        sub = org.stationd.control.ZmqSockets.client(zmq, SocketType.SUB);
        sub.setLinger(0);
        sub.setReceiveTimeOut(200);
        if (keys != null) keys.apply(sub);
        sub.subscribe("station/" + station + "/");
        sub.subscribe("phone/");
        peer = new PeerWatch(zmq, sub);
        sub.connect(endpoint);
        reader = Thread.ofPlatform().name("call-feed").daemon(true).start(this::read);
    }

    private void read() {
        while (running) {
            byte[] topic;
            try {
                topic = sub.recv();
            } catch (ZMQException e) {
                return;
            }
            if (topic == null || !sub.hasReceiveMore()) continue;
            byte[] body = sub.recv();
            try {
                heard(new String(topic, StandardCharsets.UTF_8), JSON.readValue(body, Map.class));
            } catch (java.io.IOException | RuntimeException garbled) {
                // not the host's message: nothing to show
            }
        }
    }

    private void heard(String topic, Map<?, ?> m) {
        if (topic.startsWith("phone/")) {
            synchronized (this) {
                String id = topic.substring("phone/".length());
                String event = String.valueOf(m.get("event"));
                String before = phoneEvents.put(id, event);
                if (id.equals(leg) && event.equals("ended") && !"ended".equals(before)) print("phone: call ended");
                notifyAll();
            }
            return;
        }
        String kind = topic.substring(topic.lastIndexOf('/') + 1);
        String what = switch (kind) {
            case "aired" -> String.valueOf(m.get("what"));
            case "state" -> m.get("from") == null ? "state: starts in " + m.get("to") : "state: " + m.get("from") + " → " + m.get("to");
            case "call" -> "call " + shortId(m.get("call")) + ": " + m.get("event");
            case "log" -> m.get("level") + ": " + m.get("message");
            case "error" -> "ERROR in " + m.get("handler") + (m.get("state") == null ? "" : " in state " + m.get("state")) + ": " + m.get("message");
            case "program" -> "program " + m.get("program") + " on air";
            default -> null;
        };
        if (what != null) print(station + ": " + what);
    }

    private static String shortId(Object id) {
        String s = Objects.toString(id);
        return s.substring(0, Math.min(8, s.length()));
    }

    /** The phone's call: its end is printed as it comes ({@code phone: call ended}, which a script can wait for). */
    synchronized void call(String callLeg) {
        leg = callLeg;
        if (ended(callLeg)) print("phone: call ended");
    }

    /** Prints a line and keeps it for {@link #awaitLine}. */
    synchronized void print(String line) {
        out.println(line);
        out.flush();
        lines.add(line);
        notifyAll();
    }

    /** How many lines there are so far: {@link #awaitLine} looks at those after it. */
    synchronized int mark() {
        return lines.size();
    }

    /** Waits for a line after {@code from} that contains {@code text}; false if none came in time or the call ended first. */
    synchronized boolean awaitLine(int from, String text, String leg, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            for (int i = from; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) return true;
            }
            long left = end - System.nanoTime();
            if (left <= 0 || ended(leg)) return false;
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits until the phone's leg (or a feed check's nonce) says {@code event}, or its call ends; the event it ended on, or null. */
    synchronized String awaitPhone(String leg, String event, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            String now = phoneEvents.get(leg);
            if (event.equals(now) || "ended".equals(now)) return now;
            long left = end - System.nanoTime();
            if (left <= 0) return null;
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** The feed's connection: what its events say (refused, turned away, up). */
    PeerWatch peer() {
        return peer;
    }

    boolean ended(String leg) {
        return "ended".equals(phoneEvents.get(leg));
    }

    @Override
    public void close() {
        running = false;
        peer.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        zmq.destroySocket(sub);
        zmq.close();
    }
}
