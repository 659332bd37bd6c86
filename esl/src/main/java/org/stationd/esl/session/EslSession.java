package org.stationd.esl.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.codec.ContentType;
import org.stationd.esl.codec.EslFrame;
import org.stationd.esl.codec.EslProtocolException;
import org.stationd.esl.command.EslCommand;
import org.stationd.esl.command.EslCommands;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.event.EslEvents;
import org.stationd.esl.event.EventFormatException;

/**
 * One Event Socket connection, inbound or outbound: it writes commands, matches each reply to its
 * command first-in-first-out, completes background jobs from their BACKGROUND_JOB events, and
 * hands every event, gap and answer to one {@link Inbound} in socket order. A command may name
 * the executor its answer completes on (its origin): a station's own queue, so the answer takes
 * its place among the station's events. Futures are never completed by the event loop itself.
 */
public final class EslSession extends SimpleChannelInboundHandler<EslFrame> {
    private static final Logger log = LoggerFactory.getLogger(EslSession.class);

    private final Inbound inbound;
    private final SessionListener listener;
    private final Duration commandTimeout;
    private final Duration jobTimeout;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();   // event loop only
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private volatile Channel channel;
    private volatile Throwable closeCause;
    private volatile boolean closed;

    public EslSession(Inbound inbound, SessionListener listener, Duration commandTimeout, Duration jobTimeout) {
        this.inbound = inbound;
        this.listener = listener;
        this.commandTimeout = commandTimeout;
        this.jobTimeout = jobTimeout;
    }

    /** A background job waiting for its BACKGROUND_JOB; the command is kept for error messages. */
    private record Job(String command, CompletableFuture<ApiResponse> result, Executor origin) {}

    private static final class Pending {
        final EslCommand command;
        final CompletableFuture<EslFrame> future;
        final Executor origin;
        ScheduledFuture<?> timer;
        boolean timedOut;

        Pending(EslCommand command, CompletableFuture<EslFrame> future, Executor origin) {
            this.command = command;
            this.future = future;
            this.origin = origin;
        }
    }

    // ---- commands -------------------------------------------------------------------------

    /** Sends a command; the future completes with its reply frame or fails on timeout or close. */
    public CompletableFuture<EslFrame> send(EslCommand command) {
        return send(command, commandTimeout);
    }

    public CompletableFuture<EslFrame> send(EslCommand command, Duration timeout) {
        return send(command, timeout, null);
    }

    /** With {@code origin} (null: the sink's default), where the reply, a timeout or a close completes the future. */
    public CompletableFuture<EslFrame> send(EslCommand command, Duration timeout, Executor origin) {
        CompletableFuture<EslFrame> future = new CompletableFuture<>();
        Channel ch = channel;
        if (ch == null || closed) {
            if (origin == null) {
                future.completeExceptionally(closedError(command));
            } else {
                completeExceptionally(origin, future, closedError(command));   // not on the sender's thread: it may be inside a handler
            }
            return future;
        }
        // Enqueue and write on the event loop so that reply order is write order.
        ch.eventLoop().execute(() -> {
            if (closed || !ch.isActive()) {
                completeExceptionally(origin, future, closedError(command));
                return;
            }
            Pending p = new Pending(command, future, origin);
            pending.addLast(p);
            p.timer = ch.eventLoop().schedule(() -> timeout(p, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
            ch.writeAndFlush(command).addListener(w -> {
                if (!w.isSuccess()) {
                    ch.close();
                }
            });
        });
        return future;
    }

    /** A timed-out command keeps its place in the queue, so its late reply is not taken for the next one's. */
    private void timeout(Pending p, Duration timeout) {
        if (p.future.isDone()) {
            return;
        }
        p.timedOut = true;
        completeExceptionally(p.origin, p.future, new EslTimeoutException("no reply to '" + p.command + "' within " + timeout.toMillis() + " ms"));
    }

    public CompletableFuture<CommandReply> command(EslCommand command) {
        return command(command, null);
    }

    public CompletableFuture<CommandReply> command(EslCommand command, Executor origin) {
        return send(command, commandTimeout, origin).thenApply(CommandReply::of);
    }

    public CompletableFuture<ApiResponse> api(String command) {
        return api(command, null);
    }

    public CompletableFuture<ApiResponse> api(String command, Executor origin) {
        return send(EslCommands.api(command), commandTimeout, origin).thenApply(f -> new ApiResponse(f.bodyText()));
    }

    /**
     * Runs a command in the background. The job is registered under our own Job-UUID before the
     * command is written, so a BACKGROUND_JOB that races ahead of the reply is not lost. The
     * connection must be subscribed to BACKGROUND_JOB (the inbound client sees to that).
     */
    public BackgroundJob bgapi(String command) {
        return bgapi(command, null);
    }

    /** With {@code origin}: the acceptance and the result complete there, each in its place in the socket's order. */
    public BackgroundJob bgapi(String command, Executor origin) {
        String jobUuid = UUID.randomUUID().toString();
        CompletableFuture<ApiResponse> result = new CompletableFuture<>();
        Job job = new Job(command, result, origin);
        jobs.put(jobUuid, job);
        Channel ch = channel;
        if (ch != null) {
            ScheduledFuture<?> t = ch.eventLoop().schedule(() -> {
                if (jobs.remove(jobUuid, job)) {
                    completeExceptionally(origin, result, new EslTimeoutException("background job '" + command + "' (" + jobUuid + ") did not finish within " + jobTimeout.toMillis() + " ms"));
                }
            }, jobTimeout.toMillis(), TimeUnit.MILLISECONDS);
            result.whenComplete((r, e) -> t.cancel(false));
        }
        CompletableFuture<CommandReply> accepted = command(EslCommands.bgapi(command, jobUuid), origin);
        accepted.whenComplete((reply, error) -> {
            if (error != null) {
                jobs.remove(jobUuid);
                result.completeExceptionally(error);
            } else if (!reply.isOk()) {
                jobs.remove(jobUuid);
                result.completeExceptionally(new IllegalStateException("bgapi '" + command + "' refused: " + reply.replyText()));
            }
        });
        return new BackgroundJob(jobUuid, accepted, result);
    }

    // ---- inbound frames -------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, EslFrame frame) {
        switch (frame.contentType()) {
            case ContentType.COMMAND_REPLY, ContentType.API_RESPONSE -> reply(ctx, frame);
            case ContentType.EVENT_PLAIN, ContentType.EVENT_JSON, ContentType.EVENT_XML -> event(ctx, frame);
            case ContentType.AUTH_REQUEST -> listener.onAuthRequest(this);
            case ContentType.DISCONNECT_NOTICE -> listener.onDisconnectNotice(this, frame);
            case ContentType.RUDE_REJECTION -> {
                closeCause = new EslConnectionClosedException("FreeSWITCH rejected the connection: " + frame.bodyText().strip(), null);
                listener.onRudeRejection(this, frame.bodyText());
            }
            case ContentType.LOG_DATA -> listener.onLog(this, frame);
            default -> log.warn("{}: ignoring frame of unknown Content-Type '{}'", ctx.channel().remoteAddress(), frame.contentType());
        }
    }

    private void reply(ChannelHandlerContext ctx, EslFrame frame) {
        Pending p = pending.pollFirst();
        if (p == null) {
            if (frame.header("Socket-Mode") == null) {   // the connect reply is handled by its command, so this is stray
                log.warn("{}: reply with no command waiting for it: {}", ctx.channel().remoteAddress(), frame.replyText());
            }
            return;
        }
        if (p.timer != null) {
            p.timer.cancel(false);
        }
        if (p.timedOut) {
            log.debug("late reply to timed-out '{}' discarded", p.command);
            return;
        }
        boolean api = ContentType.API_RESPONSE.equals(frame.contentType());
        if (api != p.command.expectsApiResponse()) {
            closeCause = new EslProtocolException("got " + frame.contentType() + " for '" + p.command + "'", frame.offset());
            completeExceptionally(p.origin, p.future, closeCause);
            ctx.close();
            return;
        }
        inbound.reply(p.origin, () -> p.future.complete(frame));
    }

    private void event(ChannelHandlerContext ctx, EslFrame frame) {
        EslEvent event;
        try {
            event = EslEvents.parse(frame);
        } catch (EventFormatException e) {
            throw new EslProtocolException("malformed " + frame.contentType() + ": " + e.getMessage(), frame.offset());
        }
        if (event.is("BACKGROUND_JOB") && event.jobUuid() != null) {
            Job job = jobs.remove(event.jobUuid());
            if (job != null) {
                String body = event.body() == null ? "" : event.body();
                inbound.reply(job.origin(), () -> job.result().complete(new ApiResponse(body)));
            }
        }
        inbound.event(event);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            probe(ctx);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    /** Nothing heard for the idle time (FreeSWITCH sends HEARTBEAT every 20 s): ask; no answer means a dead peer. */
    private void probe(ChannelHandlerContext ctx) {
        send(EslCommands.api("status"), commandTimeout).whenComplete((r, e) -> {
            if (e != null && !closed) {
                log.warn("{}: no answer to the liveness probe, closing the connection as dead", ctx.channel().remoteAddress());
                closeCause = new EslConnectionClosedException("peer " + ctx.channel().remoteAddress() + " stopped answering (heartbeat watchdog)", e);
                ctx.close();
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof EslProtocolException || cause.getCause() instanceof EslProtocolException) {
            log.error("{}: protocol error, closing the connection: {}", ctx.channel().remoteAddress(), cause.getMessage());
        } else {
            log.warn("{}: connection error: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        if (closeCause == null) {
            closeCause = cause;
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        Pending p;
        while ((p = pending.pollFirst()) != null) {
            if (p.timer != null) {
                p.timer.cancel(false);
            }
            completeExceptionally(p.origin, p.future, closedError(p.command));
        }
        for (String id : jobs.keySet()) {
            Job job = jobs.remove(id);
            if (job != null) {
                completeExceptionally(job.origin(), job.result(), new EslConnectionClosedException("connection to " + peer() + " closed before background job '"
                        + job.command() + "' (" + id + ") reported its result; whether it ran is unknown", closeCause));
            }
        }
        listener.onClosed(this, closeCause);
    }

    private EslConnectionClosedException closedError(EslCommand command) {
        return new EslConnectionClosedException("connection to " + peer() + " closed while waiting for the reply to '" + command + "'", closeCause);
    }

    private String peer() {
        Channel ch = channel;
        return ch == null || ch.remoteAddress() == null ? "FreeSWITCH" : String.valueOf(ch.remoteAddress());
    }

    private void completeExceptionally(Executor origin, CompletableFuture<?> f, Throwable t) {
        inbound.reply(origin, () -> f.completeExceptionally(t));
    }

    // ---- state ----------------------------------------------------------------------------

    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive() && !closed;
    }

    public Channel channel() {
        return channel;
    }

    /** Closes the TCP connection without saying goodbye. */
    public void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    public Throwable closeCause() {
        return closeCause;
    }

    public int pendingJobs() {
        return jobs.size();
    }
}
