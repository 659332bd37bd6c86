package org.stationd.bench.esl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A loopback Event Socket server for one client: sends {@code auth/request}, answers every
 * command {@code +OK} (an {@code api} command with an {@code api/response}), and after the reply
 * to the first {@code event} command hands the socket to its {@link Feed} (by default: the stream
 * as fast as the socket takes it). Replies go between the feed's writes, which must end on frame
 * boundaries and hold the stream's lock ({@code synchronized (out)}).
 */
public final class StreamServer implements AutoCloseable {
    /** Writes the events, on a thread of its own, once the client has subscribed. */
    public interface Feed {
        void write(OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final Feed feed;
    private final Thread thread;

    /** Serves {@code passes} times the chunks of one pass, as fast as the socket takes them. */
    StreamServer(List<byte[]> chunks, int passes) throws IOException {
        this(out -> {
            for (int p = 0; p < passes; p++) {
                for (byte[] chunk : chunks) {
                    synchronized (out) {
                        out.write(chunk);
                    }
                }
            }
            out.flush();
        });
    }

    public StreamServer(Feed feed) throws IOException {
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.feed = feed;
        this.thread = Thread.ofPlatform().name("esl-stream-server").daemon(true).start(this::serve);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        try (Socket s = server.accept()) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            write(out, "Content-Type: auth/request\n\n");
            Thread writer = null;
            String command;
            while ((command = readCommand(in)) != null) {
                if (command.startsWith("api ")) {
                    write(out, "Content-Type: api/response\nContent-Length: 4\n\n+OK\n");
                } else {
                    write(out, "Content-Type: command/reply\nReply-Text: +OK\n\n");
                }
                if (command.startsWith("event ") && writer == null) {
                    writer = Thread.ofPlatform().name("esl-stream-writer").daemon(true).start(() -> stream(out));
                }
            }
        } catch (IOException e) {
            // the client exits when it has read the stream
        }
    }

    private void stream(OutputStream out) {
        try {
            feed.write(out);
        } catch (IOException e) {
            // the client exited
        }
    }

    private static void write(OutputStream out, String frame) throws IOException {
        synchronized (out) {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** A command ends with a blank line; null at end of stream. */
    private static String readCommand(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int prev = -1;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n' && prev == '\n') {
                return sb.toString().strip();
            }
            sb.append((char) c);
            prev = c;
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
