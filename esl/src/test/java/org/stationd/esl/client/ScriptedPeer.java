package org.stationd.esl.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FreeSWITCH end of one Event Socket connection, driven by a test: it writes frames (split at
 * random byte positions and sometimes several in one write, from a seeded {@link Random}) and reads
 * the commands the code under test sends. {@link #replay} plays a whole {@link RecordedSession}.
 * Works on any connected socket: accepted by {@link ScriptedEslServer} (inbound mode) or opened
 * towards our outbound server (outbound mode, the test playing FreeSWITCH's {@code socket} app).
 */
public final class ScriptedPeer implements Closeable {
    /** How long a read may wait for the code under test: generous, it only bounds a broken test. */
    static final int READ_TIMEOUT_MS = 15_000;
    private static final Pattern JOB_UUID_LINE = Pattern.compile("(?m)^Job-UUID: ([0-9a-fA-F-]+)\\n");

    public static final String AUTH_REQUEST = "Content-Type: auth/request\n\n";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Random random;
    private final List<String> received = new ArrayList<>();

    public ScriptedPeer(Socket socket, Random random) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.random = random;
    }

    // ---- writing ------------------------------------------------------------------------------

    /** Writes frames back to back, cut into random pieces: some a few bytes, some spanning frames. */
    public void send(String... frames) throws IOException {
        send(List.of(frames));
    }

    public void send(List<String> frames) throws IOException {
        if (frames.isEmpty()) {
            return;
        }
        StringBuilder all = new StringBuilder();
        frames.forEach(all::append);
        byte[] data = all.toString().getBytes(StandardCharsets.UTF_8);
        int pos = 0;
        while (pos < data.length) {
            int len = switch (random.nextInt(4)) {
                case 0 -> 1 + random.nextInt(8);       // splits inside header names, values, "\n\n"
                case 1 -> 1 + random.nextInt(300);
                case 2 -> 1 + random.nextInt(8192);
                default -> data.length - pos;           // the rest at once: several frames coalesced
            };
            len = Math.min(len, data.length - pos);
            out.write(data, pos, len);
            out.flush();
            pos += len;
        }
    }

    // ---- reading ------------------------------------------------------------------------------

    /** The next command as sent (header block, blank line, and a body if it had a Content-Length); null at EOF. */
    public String readCommand() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (buf.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed in the middle of a command: " + buf.toString(StandardCharsets.UTF_8));
            }
            if (buf.size() == 0 && (b == '\n' || b == '\r')) {
                continue;
            }
            buf.write(b);
            if (b == '\n' && prev == '\n') {
                break;
            }
            prev = b;
        }
        String head = buf.toString(StandardCharsets.UTF_8);
        String length = RecordedSession.headerOf(head, "Content-Length");
        if (length != null) {
            byte[] body = in.readNBytes(Integer.parseInt(length.trim()));
            head += new String(body, StandardCharsets.UTF_8);
        }
        synchronized (received) {
            received.add(head);
        }
        return head;
    }

    /** Reads the next command and checks it is exactly {@code expected}; returns what was sent. */
    public String expect(String expected) throws IOException {
        String actual = readCommand();
        if (!expected.equals(actual)) {
            throw new AssertionError("expected command " + show(expected) + " but got " + show(actual));
        }
        return actual;
    }

    /** Reads the next command and checks it is {@code expected} plus a {@code Job-UUID} header; returns that id. */
    public String expectBgapi(String expected) throws IOException {
        String actual = readCommand();
        String job = jobUuidAdded(expected, actual);
        if (job == null) {
            throw new AssertionError("expected bgapi " + show(expected) + " with a Job-UUID header, got " + show(actual));
        }
        return job;
    }

    /** Reads until the other side closes; fails if it sends another command first. */
    public void expectEof() throws IOException {
        String extra = readCommand();
        if (extra != null) {
            throw new AssertionError("expected the connection to close, got command " + show(extra));
        }
    }

    /** Every command read so far, in order. */
    public List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    // ---- replay -------------------------------------------------------------------------------

    /**
     * Plays a transcript: recorded {@code recv} frames are written in order; at each {@code send}
     * the next command is read and must equal the recorded one. Our client may add a
     * {@code Job-UUID} header to {@code bgapi}; the id it chose then replaces the recorded one in
     * every later frame (the reply and the BACKGROUND_JOB), with Content-Length fixed up. Ends by
     * closing the socket, as FreeSWITCH did at the end of every capture.
     */
    public void replay(RecordedSession session) throws IOException {
        replay(session.frames());
        close();
    }

    /** Plays frames without closing at the end. */
    public void replay(List<RecordedSession.Frame> frames) throws IOException {
        Map<String, String> ids = new HashMap<>();
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            RecordedSession.Frame f = frames.get(i);
            if (!f.isSend()) {
                pending.add(ids.isEmpty() ? f.raw() : RecordedSession.rewrite(f.raw(), s -> substitute(s, ids)));
                continue;
            }
            send(pending);
            pending.clear();
            String actual = readCommand();
            if (f.raw().equals(actual)) {
                continue;
            }
            String job = jobUuidAdded(f.raw(), actual);
            if (job == null) {
                throw new AssertionError("frame " + f.index() + ": expected command " + show(f.raw()) + " but got " + show(actual));
            }
            String recorded = recordedJobUuid(frames, i);
            if (recorded == null) {
                throw new AssertionError("frame " + f.index() + ": bgapi has no reply with a Job-UUID later in the capture");
            }
            ids.put(recorded, job);
        }
        send(pending);
    }

    /** The client's Job-UUID if {@code actual} is {@code recorded} with one {@code Job-UUID} line added; else null. */
    static String jobUuidAdded(String recorded, String actual) {
        if (actual == null || !recorded.startsWith("bgapi ") || recorded.contains("\nJob-UUID: ")) {
            return null;
        }
        Matcher m = JOB_UUID_LINE.matcher(actual);
        if (!m.find()) {
            return null;
        }
        String without = actual.substring(0, m.start()) + actual.substring(m.end());
        return recorded.equals(without) ? m.group(1) : null;
    }

    private static String recordedJobUuid(List<RecordedSession.Frame> frames, int sendIndex) {
        for (int j = sendIndex + 1; j < frames.size(); j++) {
            RecordedSession.Frame r = frames.get(j);
            if (!r.isSend() && r.contentType().equals("command/reply")) {
                return r.header("Job-UUID");
            }
        }
        return null;
    }

    private static String substitute(String s, Map<String, String> ids) {
        for (Map.Entry<String, String> e : ids.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }

    // ---- frames a script can send -------------------------------------------------------------

    public static String commandReply(String replyText, String... headerLines) {
        StringBuilder sb = new StringBuilder("Content-Type: command/reply\nReply-Text: ").append(replyText).append('\n');
        for (String h : headerLines) {
            sb.append(h).append('\n');
        }
        return sb.append('\n').toString();
    }

    public static String apiResponse(String body) {
        return "Content-Type: api/response\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\n\n" + body;
    }

    /** A minimal plain event as FreeSWITCH frames it (values must be URL-safe already). */
    public static String plainEvent(String name, String uniqueId, long sequence) {
        StringBuilder e = new StringBuilder("Event-Name: ").append(name).append('\n');
        if (uniqueId != null) {
            e.append("Unique-ID: ").append(uniqueId).append('\n');
        }
        e.append("Event-Sequence: ").append(sequence).append("\n\n");
        return "Content-Length: " + e.length() + "\nContent-Type: text/event-plain\n\n" + e;
    }

    public static String disconnectNotice(String text) {
        return "Content-Type: text/disconnect-notice\nContent-Length: " + text.getBytes(StandardCharsets.UTF_8).length + "\n\n" + text;
    }

    /** auth/request, {@code auth <password>}, {@code +OK accepted}. */
    public void login(String password) throws IOException {
        send(AUTH_REQUEST);
        expect("auth " + password + "\n\n");
        send(commandReply("+OK accepted"));
    }

    private static String show(String command) {
        return command == null ? "<EOF>" : "'" + command.replace("\n", "\\n") + "'";
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    /** Closes the socket; FreeSWITCH ends every capture this way. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Reads and drops commands until EOF or a read error; for a peer that goes quiet but lets the client close. */
    public void drainUntilClosed() {
        try {
            while (readCommand() != null) {
                // ignore
            }
        } catch (SocketException | EOFException ignored) {
            // the other side is gone
        } catch (IOException e) {
            throw new AssertionError("reading from the client failed", e);
        }
    }
}
