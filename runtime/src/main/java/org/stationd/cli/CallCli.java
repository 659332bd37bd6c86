package org.stationd.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.stationd.control.ControlClient;
import org.stationd.control.PeerWatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./stationd call STATION [LINE]}: a test phone. The running host places a listener call to
 * the station's line on its own switch; this shows what the station does as it happens and sends
 * what is typed: keys, {@code h}, {@code t TEXT}, {@code r [SECONDS]} ({@code w TEXT} waits for a
 * line that says TEXT, for scripts). The same from a terminal (each key as it is pressed) or from
 * standard input.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Call a station's line on the running host's switch, as a listener would.",
                "Shows what the station plays, says and does; type keys 0-9 * # A-D, 'h' hangs up, 't TEXT' texts the station,",
                "'r [SECONDS]' speaks (a tone) for a few seconds, 'w TEXT' waits for a line that says TEXT (scripts).",
                "Reads the same from standard input when it is not a terminal: ./stationd call kla < script.txt"})
final class CallCli extends ControlCli.Base {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Only for a feed whose network says nothing at all (no refusal, no greeting): a live feed is waited on by its events. */
    private static final Duration FEED_SILENT = Duration.ofSeconds(60);

    @Parameters(index = "0", paramLabel = "STATION") String station;
    @Parameters(index = "1", arity = "0..1", paramLabel = "LINE", description = "the line's name or number (default: the station's only line)") String line;
    @Option(names = "--as-host", description = "play the talk show's host: answer for the station's call to settings.host that is up now") boolean asHost;
    @Option(names = "--from", paramLabel = "NUMBER", description = "the caller's number (default: 256700000001)") String from;

    @Override
    Map<String, Object> request() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cmd", "call-start");
        m.put("station", station);
        if (line != null) m.put("line", line);
        if (from != null) m.put("from", from);
        if (asHost) m.put("asHost", true);
        return m;
    }

    private record Reply(Map<String, Object> body, String error) {}

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        try (ControlClient host = client()) {
            String nonce = UUID.randomUUID().toString();
            Reply feedCheck = send(host, feedCheck(nonce));
            if (feedCheck.error() != null) return refused(feedCheck.error());
            String publish = reachable((String) feedCheck.body().get("publish"), controlEndpoint());
            try (CallFeed feed = new CallFeed(publish, operator(), station, out)) {
                if (!feedLive(host, feed, nonce)) {
                    PeerWatch peer = feed.peer();
                    System.err.println("stationd: the host's station feed at " + publish
                            + (peer.refused() ? " refuses connections from here" : peer.turnedAway() ? " turns this phone away (its keys?)" : " sends nothing here"));
                    return 2;
                }
                Reply started = send(host, request());
                if (started.error() != null) return refused(started.error());
                String leg = (String) started.body().get("call");
                feed.print(asHost ? "phone: the host, on " + station + "'s call to " + started.body().get("number")
                        : "phone: calling " + station + " line " + started.body().get("line") + " (" + started.body().get("number") + ") from "
                        + started.body().get("from"));
                feed.call(leg);
                Thread hangUpOnExit = hangUpOnExit(leg);
                try (TerminalKeys terminal = TerminalKeys.open()) {
                    return new Conversation(host, feed, leg, terminal.input()).run();
                } finally {
                    removeHook(hangUpOnExit);
                }
            }
        } catch (IOException e) {
            System.err.println("stationd: " + e.getMessage());
            return 2;
        }
    }

    /**
     * Asks the host to publish a check on its feed until it arrives: what the host says from then on
     * reaches us. Driven by the feed connection's events, not a time a loaded machine may miss: a
     * refused or turned-away feed fails at once; otherwise the check is asked for again, less and
     * less often, until it comes through (the subscription travels behind the connection). The
     * connection's greeting is not waited for: a monitor event missed under load must not leave a
     * live feed unasked (a check published before we are subscribed is simply not heard).
     */
    private boolean feedLive(ControlClient host, CallFeed feed, String nonce) throws IOException, InterruptedException {
        long end = System.nanoTime() + FEED_SILENT.toNanos();
        Map<String, Object> check = feedCheck(nonce);
        long pause = 100;
        while (System.nanoTime() < end) {
            PeerWatch peer = feed.peer();
            if (peer.refused() || peer.turnedAway()) return false;
            send(host, check);
            if (feed.awaitPhone(nonce, "feed", Duration.ofMillis(pause)) != null) return true;
            pause = Math.min(1000, pause * 2);
        }
        return false;
    }

    /** A feed bound on every address ({@code tcp://0.0.0.0:5571}) is reached where the control socket was. */
    static String reachable(String publish, String control) {
        java.util.regex.Matcher p = java.util.regex.Pattern.compile("tcp://(0\\.0\\.0\\.0|\\*|\\[::\\]):(\\d+)").matcher(publish);
        java.util.regex.Matcher c = java.util.regex.Pattern.compile("tcp://(.+):(\\d+|\\*)").matcher(control);
        return p.matches() && c.matches() ? "tcp://" + c.group(1) + ":" + p.group(2) : publish;
    }

    private Map<String, Object> feedCheck(String nonce) {
        Map<String, Object> m = new LinkedHashMap<>(request());
        m.put("cmd", "call-feed");
        m.put("nonce", nonce);   // the rest as call-start: the host refuses now what it would refuse then
        return m;
    }

    private int refused(String error) {
        System.err.println("stationd: " + error);
        return 1;
    }

    static Reply send(ControlClient host, Map<String, Object> command) throws IOException {
        Map<String, Object> reply = host.send(command);
        return Boolean.TRUE.equals(reply.get("ok")) ? new Reply(reply, null) : new Reply(reply, String.valueOf(reply.get("error")));
    }

    /** Ctrl-C ends the call too: a call left up would ring on at the station. */
    private Thread hangUpOnExit(String leg) {
        Thread hook = new Thread(() -> {
            try (ControlClient c = client()) {
                c.send(Map.of("cmd", "call-hangup", "call", leg));
            } catch (IOException | RuntimeException e) {
                // ended already, or the host is gone
            }
        }, "call-hangup");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it hangs up
        }
    }

    /** The call itself: commands as they are typed, until it ends. */
    private static final class Conversation {
        private static final String EOF = "\u0004";
        private final ControlClient host;
        private final CallFeed feed;
        private final String leg;
        private final BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        private boolean hungUp;

        Conversation(ControlClient host, CallFeed feed, String leg, InputStream in) {
            this.host = host;
            this.feed = feed;
            this.leg = leg;
            Thread.ofPlatform().name("call-keys").daemon(true).start(() -> readCommands(in));
        }

        int run() throws IOException, InterruptedException {
            String first = feed.awaitPhone(leg, "answered", Duration.ofDays(1));   // ringing until the station answers or Ctrl-C
            if ("answered".equals(first)) feed.print("phone: answered");
            int mark = 0;   // a first 'w' looks at everything since the call was placed
            while (!feed.ended(leg)) {
                String c = commands.poll(200, TimeUnit.MILLISECONDS);
                if (c == null) continue;
                if (c.equals(EOF)) {
                    if (!hungUp && !feed.ended(leg)) send(Map.of("cmd", "call-hangup", "call", leg), "phone: hang up (end of input)");
                    break;
                }
                if (c.startsWith("w")) {
                    String text = c.substring(1).trim();
                    if (!feed.awaitLine(mark, text, leg, WAIT)) {
                        if (feed.ended(leg)) break;
                        feed.print("phone: nothing said '" + text + "' within " + WAIT.toSeconds() + " s; hanging up");
                        send(Map.of("cmd", "call-hangup", "call", leg), null);
                        awaitEnd();
                        return 1;
                    }
                    continue;
                }
                mark = feed.mark();
                perform(c);
            }
            awaitEnd();
            return 0;
        }

        /** The feed prints the end when the host reports it. */
        private void awaitEnd() throws InterruptedException {
            if (feed.awaitPhone(leg, "ended", WAIT) == null) feed.print("phone: the host did not say the call ended");
        }

        private void perform(String c) throws IOException {
            char first = c.charAt(0);
            String rest = c.substring(1).trim();
            switch (first) {
                case 'h' -> {
                    hungUp = true;
                    send(Map.of("cmd", "call-hangup", "call", leg), "phone: hang up");
                }
                case 't' -> {
                    if (rest.isEmpty()) feed.print("phone: t needs the text to send, e.g. t hello");
                    else send(Map.of("cmd", "call-text", "call", leg, "text", rest), "phone: text \"" + rest + "\"");
                }
                case 'r' -> {
                    if (!rest.isEmpty() && !rest.matches("\\d{1,2}")) feed.print("phone: r takes a number of seconds, e.g. r 5");
                    else send(Map.of("cmd", "call-voice", "call", leg, "seconds", rest.isEmpty() ? "3" : rest),
                            "phone: speak " + (rest.isEmpty() ? "3" : rest) + " s");
                }
                default -> send(Map.of("cmd", "call-keys", "call", leg, "keys", c), "phone: press " + c);
            }
        }

        /** Says what the phone does, then has the host do it; a refusal is printed (the call goes on). */
        private void send(Map<String, Object> command, String saying) throws IOException {
            if (saying != null) feed.print(saying);
            Reply r = CallCli.send(host, command);
            if (r.error() != null && !feed.ended(leg)) feed.print("phone: " + r.error());
        }

        /**
         * Keys are sent one by one as they come; {@code h} at once; {@code t}, {@code r} and {@code w}
         * take the rest of their line. Anything else is answered with what the phone understands.
         */
        private void readCommands(InputStream in) {
            Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
            try {
                int ch;
                while ((ch = r.read()) >= 0) {
                    char c = (char) ch;
                    if (Character.isWhitespace(c)) continue;
                    if ("0123456789*#ABCD".indexOf(c) >= 0 || c == 'h') {
                        commands.add(String.valueOf(c));
                    } else if (c == 't' || c == 'r' || c == 'w') {
                        StringBuilder rest = new StringBuilder().append(c);
                        while ((ch = r.read()) >= 0 && ch != '\n') rest.append((char) ch);
                        commands.add(rest.toString().stripTrailing());
                        if (ch < 0) break;
                    } else {
                        feed.print("phone: '" + c + "' is not a key or command: keys 0-9 * # A-D, h hang up, t TEXT, r [SECONDS], w TEXT");
                    }
                }
            } catch (IOException e) {
                // the input is gone: as its end
            }
            commands.add(EOF);
        }
    }
}
