package org.stationd.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Replies on their way to the control socket. Commands finish on their own threads; only the control
 * thread may touch the ZeroMQ socket, so a finished command posts its reply here and wakes the control
 * thread through a pipe its poller watches beside the socket.
 */
final class Outbox implements AutoCloseable {
    /** Who asked: the ROUTER identity, and whether it came with a REQ socket's empty delimiter. */
    record Client(byte[] identity, boolean envelope) {
        ByteBuffer key() {
            return ByteBuffer.wrap(identity);
        }
    }

    /** A reply; {@code finishesCommand} when it ends a command that counted as in progress for its client. */
    record Outgoing(Client client, Map<String, Object> reply, boolean finishesCommand) {}

    private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    private final Pipe pipe;
    private final AtomicBoolean signalled = new AtomicBoolean();

    Outbox() {
        try {
            pipe = Pipe.open();
            pipe.source().configureBlocking(false);
            pipe.sink().configureBlocking(false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the control thread's wake-up pipe: " + e.getMessage(), e);
        }
    }

    /** What the control thread's poller watches: readable when replies are waiting. */
    SelectableChannel signal() {
        return pipe.source();
    }

    /** From any thread. */
    void post(Outgoing reply) {
        queue.add(reply);
        if (signalled.compareAndSet(false, true)) {
            try {
                pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            } catch (IOException closing) {
                // the host is stopping: nobody will send this reply
            }
        }
    }

    /** On the control thread, before it takes the waiting replies: a later post wakes it again. */
    void clearSignal() throws IOException {
        signalled.set(false);
        ByteBuffer b = ByteBuffer.allocate(64);
        while (pipe.source().read(b) > 0) {
            b.clear();
        }
    }

    /** The next waiting reply, or null. */
    Outgoing next() {
        return queue.poll();
    }

    @Override
    public void close() {
        try {
            pipe.sink().close();
            pipe.source().close();
        } catch (IOException ignored) {
            // nothing left to wake
        }
    }
}
