package org.stationd.esl.sim.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.stationd.esl.codec.EslFrame;
import org.stationd.esl.codec.EslFrameDecoder;

/**
 * A bare Event Socket client over a plain TCP socket: writes command bytes exactly as given and
 * frames everything that comes back with the project's {@link EslFrameDecoder}. The proof tests
 * use it to replay a capture's bytes; it keeps every frame in arrival order.
 */
public final class RawEsl implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<EslFrame> frames = new LinkedBlockingQueue<>();
    private final List<EslFrame> all = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong bytesRead = new AtomicLong();
    private final Thread reader;
    private volatile boolean eof;
    private volatile Throwable error;

    public RawEsl(String host, int port) throws IOException {
        this(new Socket(host, port));
    }

    /** Wraps a socket already connected (an outbound-socket server's accepted connection). */
    public RawEsl(Socket connected) throws IOException {
        socket = connected;
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        reader = Thread.ofPlatform().daemon(true).name("raw-esl-reader").start(this::readLoop);
    }

    private void readLoop() {
        EslFrameDecoder decoder = new EslFrameDecoder();
        ByteBuf buf = Unpooled.buffer();
        byte[] chunk = new byte[65536];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                buf.writeBytes(chunk, 0, n);
                EslFrame f;
                while ((f = decoder.decodeOne(buf)) != null) {
                    all.add(f);
                    frames.add(f);
                }
                buf.discardReadBytes();
                bytesRead.addAndGet(n);
            }
        } catch (IOException | RuntimeException e) {
            if (!socket.isClosed()) {
                error = e;
            }
        } finally {
            eof = true;
            buf.release();
        }
    }

    private final AtomicLong sent = new AtomicLong();

    /** Commands sent so far. */
    public long sent() {
        return sent.get();
    }

    public void send(String raw) {
        sent.incrementAndGet();
        try {
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    /** The next frame, or null after {@code timeout}. */
    public EslFrame next(Duration timeout) {
        try {
            return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Frames until one matches; fails after {@code timeout}. */
    public EslFrame await(Predicate<EslFrame> p, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            EslFrame f = next(Duration.ofMillis(50));
            if (f != null && p.test(f)) {
                return f;
            }
        }
        throw new AssertionError("no matching frame within " + timeout);
    }

    public long bytesRead() {
        return bytesRead.get();
    }

    public boolean isEof() {
        return eof;
    }

    public Throwable error() {
        return error;
    }

    /** Everything received so far, in order. */
    public List<EslFrame> frames() {
        synchronized (all) {
            return new ArrayList<>(all);
        }
    }

    public void awaitEof(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!eof && System.nanoTime() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!eof) {
            throw new AssertionError("connection still open after " + timeout);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
