package org.stationd.esl.sim.socket;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.clock.SimTimer;
import org.stationd.esl.sim.event.EventSink;
import org.stationd.esl.sim.event.SimEvent;
import org.stationd.esl.codec.CommandFrame;
import org.stationd.esl.sim.wire.Frames;

/**
 * One Event Socket connection as a FreeSWITCH listener: inbound (a client connected to the switch)
 * or outbound (the switch connected out for a call's {@code socket} application). Commands are
 * taken one at a time, in order; while a blocking {@code api} runs, events wait and follow its
 * response, as they do in mod_event_socket, whose listener thread does both. All state lives on
 * the switch thread; bytes go to Netty through a queue that is flushed in one go.
 */
public final class EslConnection implements EventSink {
    private static final Logger log = LoggerFactory.getLogger(EslConnection.class);

    private final SwitchCore core;
    private final Channel socket;
    private final ConcurrentLinkedQueue<Object> out = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong bytesWritten = new java.util.concurrent.atomic.AtomicLong();
    private final Deque<CommandFrame> commands = new ArrayDeque<>();
    private final List<byte[]> held = new ArrayList<>();
    final Subscription subscription = new Subscription();
    final EventFilters filters = new EventFilters();
    private volatile long commandsReceived;
    private boolean authed;
    private boolean busy;
    private boolean pumping;
    private boolean holding;
    private boolean closed;
    private boolean closing;
    // outbound (controlled session) state
    org.stationd.esl.sim.channel.Channel session;
    boolean outbound;
    boolean async;
    boolean full;
    boolean connected;
    boolean linger;
    long lingerSeconds = -1;
    boolean lingerNoticeSent;
    private SimTimer lingerTimer;
    boolean resume;
    // log
    boolean logging;
    int logLevel;

    EslConnection(SwitchCore core, Channel socket) {
        this.core = core;
        this.socket = socket;
    }

    public SwitchCore core() {
        return core;
    }

    /** The remote address, for logs and the control API. */
    public String peer() {
        return String.valueOf(socket.remoteAddress());
    }

    public boolean isOutbound() {
        return outbound;
    }

    public boolean isAuthed() {
        return authed;
    }

    void setAuthed() {
        authed = true;
    }

    /** Bytes handed to the socket so far (tests wait until a client has read them all). */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /** Commands read from the client so far. */
    public long commandsReceived() {
        return commandsReceived;
    }

    public boolean isClosed() {
        return closed;
    }

    // ---- lifecycle (switch thread) ----------------------------------------------------------

    /** An inbound client connected: ask it to authenticate. */
    void openInbound() {
        core.events().addSink(this);
        write(Frames.authRequest());
    }

    /** The switch connected out for {@code session}: the client speaks first ({@code connect}). */
    void openOutbound(org.stationd.esl.sim.channel.Channel ch, boolean asyncMode, boolean fullMode) {
        outbound = true;
        session = ch;
        async = asyncMode;
        full = fullMode;
        authed = true;
        core.events().addSink(this);
        ch.holdDestroy();
    }

    void onCommand(CommandFrame f) {
        commandsReceived++;
        if (closed || closing) {
            return;
        }
        commands.add(f);
        pump();
    }

    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (!busy && !closing && !commands.isEmpty()) {
                CommandFrame f = commands.poll();
                // what a command makes happen is sent after its reply, as the listener thread writes the
                // reply before it goes back to its event queue
                holding = true;
                try {
                    SocketCommands.dispatch(this, f);
                } catch (RuntimeException e) {
                    log.error("command '{}' failed", f, e);
                    reply("-ERR command failed");
                }
                if (!busy) {
                    flushHeld();
                }
            }
        } finally {
            pumping = false;
        }
    }

    /** A command that answers later (api): nothing else runs and events wait until {@link #endBusy()}. */
    void beginBusy(boolean holdEvents) {
        busy = true;
        holding = holdEvents;
    }

    void endBusy() {
        busy = false;
        flushHeld();
        if (!closed) {
            core.clock().execute(this::pump);
        }
    }

    private void flushHeld() {
        holding = false;
        for (byte[] b : held) {
            write(b);
        }
        held.clear();
    }

    // ---- events -----------------------------------------------------------------------------

    @Override
    public void accept(SimEvent e) {
        if (closed || closing || !authed) {
            return;
        }
        if (!subscription.wants(e) || !filters.passes(e)) {
            return;
        }
        byte[] frame = e.frame(subscription.format);
        if (holding) {
            held.add(frame);
        } else {
            write(frame);
        }
    }

    // ---- output -----------------------------------------------------------------------------

    void reply(String text) {
        write(Frames.commandReply(text));
    }

    void write(byte[] bytes) {
        if (closed) {
            return;
        }
        enqueue(bytes);
    }

    /** When the last delayed frame is due (System.nanoTime): a later frame never overtakes it. */
    private long lastDue;

    /**
     * Hands a frame (or the close) to the socket, as late as the switch's output is backed up
     * ({@link SwitchCore#outputDelay()}): in order, as everything shares the one socket.
     */
    private synchronized void enqueue(Object o) {
        long delay = outbound ? 0 : core.outputDelay().toNanos();
        long now = System.nanoTime();
        long due = Math.max(now + delay, lastDue);
        if (due > now) {
            lastDue = due;
            socket.eventLoop().schedule(() -> handOver(o), due - now, java.util.concurrent.TimeUnit.NANOSECONDS);
        } else {
            handOver(o);
        }
    }

    private void handOver(Object o) {
        if (o instanceof byte[] bytes) {
            bytesWritten.addAndGet(bytes.length);
        }
        out.add(o);
        scheduleDrain();
    }

    private static final Object CLOSE = new Object();

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            socket.eventLoop().execute(this::drain);
        }
    }

    /** On the Netty event loop: write everything queued, flush once, close if asked. */
    private void drain() {
        drainScheduled.set(false);
        Object o;
        boolean wrote = false;
        while ((o = out.poll()) != null) {
            if (o == CLOSE) {
                if (wrote) {
                    socket.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                } else {
                    socket.close();
                }
                out.clear();
                return;
            }
            socket.write(Unpooled.wrappedBuffer((byte[]) o));
            wrote = true;
        }
        if (wrote) {
            socket.flush();
        }
    }

    /** Writes what is queued, then closes the socket. */
    void closeAfterWrites() {
        if (closing) {
            return;
        }
        closing = true;
        core.events().removeSink(this);
        enqueue(CLOSE);
        released();
    }

    /** mod_event_socket's goodbye: the disconnect notice, then close. */
    void goodbye() {
        if (closing) {
            return;
        }
        if (session != null) {
            write(Frames.disconnectNotice(session.uuid(), Frames.GOODBYE));
        } else {
            write(Frames.disconnectNotice(Frames.GOODBYE));
        }
        closeAfterWrites();
    }

    /** Kill: a notice with this message (shutdown), then close. */
    public void kill(String message) {
        if (closing) {
            return;
        }
        if (message != null) {
            write(session != null ? Frames.disconnectNotice(session.uuid(), message) : Frames.disconnectNotice(message));
        }
        closeAfterWrites();
    }

    /** Shutdown: the notice, then one more event that was already on its way (capture 09), then close. */
    public void killWithTrailer(String message, SimEvent trailer) {
        if (closing) {
            return;
        }
        write(session != null ? Frames.disconnectNotice(session.uuid(), message) : Frames.disconnectNotice(message));
        if (trailer != null && authed && subscription.wants(trailer) && filters.passes(trailer)) {
            write(trailer.frame(subscription.format));
        }
        closeAfterWrites();
    }

    /** Drops the TCP connection without a word (fault injection). */
    public void drop() {
        closing = true;
        core.events().removeSink(this);
        socket.close();
        released();
    }

    /** Netty says the socket is gone. */
    void onClosed() {
        closed = true;
        closing = true;
        core.events().removeSink(this);
        core.server().forget(this);
        released();
    }

    private boolean releasedOnce;

    /** The controlled session may now be destroyed; a resumable socket app goes on with the dialplan. */
    private void released() {
        if (releasedOnce) {
            return;
        }
        releasedOnce = true;
        if (lingerTimer != null) {
            lingerTimer.cancel();
        }
        if (session != null) {
            org.stationd.esl.sim.channel.Channel ch = session;
            if (!ch.isDown() && (resume || "true".equalsIgnoreCase(ch.vars().get("socket_resume")))) {
                SocketApps.resume(ch);
            }
            ch.releaseDestroy();
        }
    }

    // ---- outbound session end -----------------------------------------------------------------

    /** The controlled channel finished hanging up: linger notice, or goodbye and close. */
    void sessionDown() {
        if (closing || lingerNoticeSent) {
            return;
        }
        if (linger) {
            lingerNoticeSent = true;
            write(Frames.lingerNotice(session.uuid(), session.name(), lingerSeconds));
            if (lingerSeconds >= 0) {
                lingerTimer = core.clock().schedule(lingerSeconds * 1000, this::goodbye);
            }
        } else {
            goodbye();
        }
    }

    @Override
    public String toString() {
        return "EslConnection{" + peer() + (outbound ? " outbound " + (session == null ? "" : session.uuid()) : "") + "}";
    }
}
