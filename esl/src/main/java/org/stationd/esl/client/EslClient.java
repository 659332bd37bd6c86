package org.stationd.esl.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.codec.EslFrame;
import org.stationd.esl.codec.EslFrameDecoder;
import org.stationd.esl.command.EslCommand;
import org.stationd.esl.command.EslCommandEncoder;
import org.stationd.esl.command.EslCommands;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.dispatch.DispatchStats;
import org.stationd.esl.dispatch.EventDispatcher;
import org.stationd.esl.dispatch.EventListener;
import org.stationd.esl.dispatch.Gap;
import org.stationd.esl.session.ApiResponse;
import org.stationd.esl.session.BackgroundJob;
import org.stationd.esl.session.CommandReply;
import org.stationd.esl.session.EslConnectionClosedException;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.session.EslSession;
import org.stationd.esl.session.Inbound;
import org.stationd.esl.session.SessionListener;

/**
 * An inbound Event Socket client: connects to FreeSWITCH, authenticates, and stays connected.
 * When the connection drops it reconnects with backoff, authenticates again, re-applies every
 * subscription and filter, and tells listeners there was a {@link Gap}.
 *
 * <p>Everything read off the socket goes through one {@link Inbound}, in socket order: events
 * and gaps first to the {@link #intake} (on the event loop: the host's router, which posts them
 * straight into the stations' queues), then to the listeners' dispatch lanes; a command's answer
 * completes on the executor its sender named (a station's queue, so it takes its place among
 * that station's events), else on the client's callbacks thread.
 *
 * <pre>{@code
 * try (EslClient fs = EslClient.connect(EslClientOptions.of("127.0.0.1", 8021, "ClueCon"))) {
 *     fs.addListener(e -> System.out.println(e.name()));
 *     fs.events(EventFormat.PLAIN, "CHANNEL_ANSWER", "DTMF").join();
 *     System.out.println(fs.api("status").join().body());
 *     String uuid = fs.bgapi("originate loopback/park/stations &park()").result().join().text();
 * }
 * }</pre>
 */
public final class EslClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EslClient.class);

    private final EslClientOptions options;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final EventDispatcher dispatcher;
    private final ExecutorService callbackThread;
    private final Executor callbacks;
    private final Inbound inbound = new ClientInbound();
    private volatile EventListener intake;
    private final AtomicLong intakeErrors = new AtomicLong();
    private final Subscriptions subscriptions = new Subscriptions();
    private final List<ConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
    private final Backoff backoff;
    private final OutageReport outage = new OutageReport(System::nanoTime, OutageReport.INTERVAL);
    private volatile EslSession session;
    private volatile boolean closing;
    private volatile boolean everConnected;
    private final AtomicInteger attempt = new AtomicInteger();   // bumped on the event loop or the callbacks thread

    private EslClient(EslClientOptions options, EventLoopGroup group) {
        this.options = options;
        this.ownsGroup = group == null;
        this.group = group != null ? group : new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.dispatcher = new EventDispatcher("esl-" + options.port(), options.dispatchLanes(), options.dispatchQueueCapacity());
        this.callbackThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("esl-callbacks-" + options.port()).daemon(true).factory());
        this.callbacks = task -> {
            try {
                callbackThread.execute(task);
            } catch (RejectedExecutionException closed) {
                task.run();   // after close(): still fail the last futures and tell the listeners
            }
        };
        this.backoff = new Backoff(options.reconnectMin(), options.reconnectMax());
    }

    /** Connects and authenticates once, failing fast; after that, drops are healed by reconnecting. */
    public static EslClient connect(EslClientOptions options) {
        return connect(options, null);
    }

    public static EslClient connect(EslClientOptions options, EventLoopGroup group) {
        return connect(new EslClient(options, group), options);
    }

    private static EslClient connect(EslClient client, EslClientOptions options) {
        try {
            client.open().get(options.connectTimeout().plus(options.authTimeout()).toMillis() + 1000, TimeUnit.MILLISECONDS);
            return client;
        } catch (ExecutionException e) {
            client.close();
            throw e.getCause() instanceof RuntimeException re ? re : new CompletionException(e.getCause());
        } catch (TimeoutException e) {
            client.close();
            throw new EslConnectionClosedException("could not connect to FreeSWITCH at " + options.address() + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new EslConnectionClosedException("interrupted while connecting to " + options.address(), e);
        }
    }

    /** One connection attempt: TCP, wait for auth/request, auth, re-apply subscriptions. */
    private CompletableFuture<EslSession> open() {
        CompletableFuture<EslSession> ready = new CompletableFuture<>();
        EslSession s = new EslSession(inbound, new Lifecycle(ready), options.commandTimeout(), options.jobTimeout());
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                // millis: in whole seconds a sub-second idle timeout was 0, which switches the watchdog off
                                new IdleStateHandler(options.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS),
                                new EslFrameDecoder(),
                                EslCommandEncoder.INSTANCE,
                                s);
                    }
                });
        ChannelFuture cf = b.connect(options.host(), options.port());
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                ready.completeExceptionally(new EslConnectionClosedException("cannot connect to FreeSWITCH at " + options.address() + ": " + f.cause().getMessage(), f.cause()));
                return;
            }
            cf.channel().eventLoop().schedule(() -> {
                if (!ready.isDone()) {
                    ready.completeExceptionally(new EslConnectionClosedException("FreeSWITCH at " + options.address() + " sent no auth/request within " + options.authTimeout().toMillis() + " ms", null));
                    cf.channel().close();
                }
            }, options.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
        });
        return ready;
    }

    /** Reacts to what the session reports about the connection. */
    private final class Lifecycle implements SessionListener {
        private final CompletableFuture<EslSession> ready;

        Lifecycle(CompletableFuture<EslSession> ready) {
            this.ready = ready;
        }

        @Override
        public void onAuthRequest(EslSession s) {
            EslCommand auth = options.user() == null ? EslCommands.auth(options.password()) : EslCommands.userauth(options.user(), options.password());
            s.send(auth, options.authTimeout()).thenApply(CommandReply::of).thenCompose(reply -> {
                if (!reply.isOk()) {
                    throw new EslAuthException(refusal(reply.replyText()));
                }
                if (everConnected) {
                    // On the event loop before the subscriptions are sent again, so no event of the new connection can overtake it.
                    Gap gap = new Gap(Gap.Reason.RECONNECTED, "reconnected to " + options.address());
                    s.channel().eventLoop().execute(() -> inbound.gap(gap));
                }
                return resubscribe(s);
            }).whenComplete((ok, e) -> {
                if (e != null) {
                    ready.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                    s.close();
                } else {
                    connected(s, ready);
                }
            });
        }

        @Override
        public void onDisconnectNotice(EslSession s, EslFrame notice) {
            log.info("FreeSWITCH at {} says: {}", options.address(), notice.bodyText().strip());
        }

        @Override
        public void onClosed(EslSession s, Throwable cause) {
            // On the callbacks thread, behind the replies this connection already delivered: FreeSWITCH
            // sends "-ERR invalid" and closes at once, and that must end login as a refused password,
            // not as "closed during login".
            callbacks.execute(() -> closed(s, cause));
        }

        private void closed(EslSession s, Throwable cause) {
            if (!ready.isDone()) {
                ready.completeExceptionally(new EslConnectionClosedException("FreeSWITCH at " + options.address() + " closed the connection during login", cause));
                return;
            }
            if (session != s) {
                return;
            }
            for (ConnectionListener l : connectionListeners) {
                callbacks.execute(() -> l.onDisconnected(cause));
            }
            if (!closing && options.reconnect()) {
                log.warn("lost the connection to FreeSWITCH at {}{}; reconnecting", options.address(), cause == null ? "" : " (" + cause.getMessage() + ")");
                outage.lost();
                scheduleReconnect();
            }
        }
    }

    private CompletableFuture<Void> resubscribe(EslSession s) {
        CompletableFuture<?> last = CompletableFuture.completedFuture(null);
        for (EslCommand c : subscriptions.replay()) {
            last = s.command(c).thenAccept(r -> {
                if (!r.isOk()) {
                    log.warn("re-applying '{}' failed: {}", c, r.replyText());
                }
            });
        }
        return last.thenApply(x -> null);
    }

    private String refusal(String replyText) {
        if (options.user() == null) {
            return "FreeSWITCH at " + options.address() + " refused the password (" + replyText + "): set the event socket password,"
                    + " the 'password' param in FreeSWITCH's autoload_configs/event_socket.conf.xml; not retrying";
        }
        return "FreeSWITCH at " + options.address() + " refused user '" + options.user() + "' (" + replyText + "): check the user's"
                + " 'esl-password' param in the FreeSWITCH directory; not retrying";
    }

    private void connected(EslSession s, CompletableFuture<EslSession> ready) {
        if (closing && everConnected) {
            s.close();   // close() was called while this reconnect was under way: do not leave it open
            ready.completeExceptionally(new EslConnectionClosedException("client closed while reconnecting to " + options.address(), null));
            return;
        }
        boolean again = everConnected;
        session = s;
        everConnected = true;
        attempt.set(0);
        outage.restored();
        if (again) {
            log.info("reconnected to FreeSWITCH at {}", options.address());
        }
        for (ConnectionListener l : connectionListeners) {
            callbacks.execute(() -> l.onConnected(again));
        }
        ready.complete(s);
    }

    private void scheduleReconnect() {
        if (closing) {
            return;
        }
        long delay = backoff.delayMillis(attempt.getAndIncrement());
        group.schedule(() -> {
            if (closing) {
                return;
            }
            open().whenComplete((s, e) -> {
                if (e != null) {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof EslAuthException) {
                        log.error("{}", cause.getMessage());   // the message already says it is not retried
                        for (ConnectionListener l : connectionListeners) {
                            callbacks.execute(() -> l.onGaveUp(cause));
                        }
                        return;
                    }
                    log.debug("reconnect to {} failed: {}", options.address(), cause.getMessage());
                    String still = outage.failed(options.address(), cause.getMessage());
                    if (still != null) {
                        log.warn("{}", still);
                    }
                    scheduleReconnect();
                }
            });
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** The one sink of this client's sessions: the intake on the event loop, then the lanes; answers where their sender said. */
    private final class ClientInbound implements Inbound {
        @Override
        public void event(EslEvent event) {
            EventListener first = intake;
            if (first != null) {
                try {
                    first.onEvent(event);
                } catch (RuntimeException e) {
                    intakeFailed(event, e);   // a bug behind the intake must not close the connection every station shares
                }
            }
            if (dispatcher.hasListeners()) {
                dispatcher.dispatch(event);
            }
        }

        @Override
        public void gap(Gap gap) {
            EventListener first = intake;
            if (first != null) {
                try {
                    first.onGap(gap);
                } catch (RuntimeException e) {
                    intakeFailed(gap, e);
                }
            }
            dispatcher.gap(gap);
        }

        @Override
        public void reply(Executor origin, Runnable completion) {
            Inbound.run(origin != null ? origin : callbacks, completion);
        }
    }

    private void intakeFailed(Object item, RuntimeException e) {
        intakeErrors.incrementAndGet();
        log.error("the intake failed on {}", item, e);
    }

    /**
     * Hands every event and gap to {@code listener} on the event loop, in socket order, before
     * any dispatch lane: it must never block (map lookups and queue offers only). One per client
     * (the host's router); null removes it.
     */
    public void intake(EventListener listener) {
        this.intake = listener;
    }

    // ---- the API --------------------------------------------------------------------------

    private EslSession session() {
        EslSession s = session;
        if (s == null) {
            throw new EslConnectionClosedException("not connected to FreeSWITCH at " + options.address(), null);
        }
        return s;
    }

    public CompletableFuture<ApiResponse> api(String command) {
        return api(command, null);
    }

    /** With {@code origin}: the answer completes there, in socket order with the events the intake posted there. */
    public CompletableFuture<ApiResponse> api(String command, Executor origin) {
        return session().api(command, origin);
    }

    /** Runs a command in the background; subscribes to BACKGROUND_JOB first if needed, or the result would never come. */
    public BackgroundJob bgapi(String command) {
        return bgapi(command, null);
    }

    /** With {@code origin}: the acceptance and the result complete there (see {@link #api(String, Executor)}). */
    public BackgroundJob bgapi(String command, Executor origin) {
        EslSession s = session();
        if (subscriptions.receivesBackgroundJobs()) {
            return s.bgapi(command, origin);
        }
        subscriptions.events(subscriptions.formatOrPlain(), List.of("BACKGROUND_JOB"));
        CompletableFuture<CommandReply> subscribed = s.command(EslCommands.event(subscriptions.formatOrPlain(), "BACKGROUND_JOB"));
        BackgroundJob job = s.bgapi(command, origin);
        subscribed.thenAccept(reply -> {
            if (!reply.isOk()) {
                // e.g. "-ERR permission denied" for a userauth user: the result would never come, say so now
                job.result().completeExceptionally(new IllegalStateException("bgapi '" + command + "' cannot report its result:"
                        + " FreeSWITCH at " + options.address() + " refused 'event " + subscriptions.formatOrPlain().wireName()
                        + " BACKGROUND_JOB' (" + reply.replyText() + ")"));
            }
        });
        return job;
    }

    /** Sends any command and returns its reply; prefer the named methods, which also survive reconnects. */
    public CompletableFuture<EslFrame> send(EslCommand command) {
        return session().send(command);
    }

    public CompletableFuture<CommandReply> events(EventFormat format, String... names) {
        subscriptions.events(format, List.of(names));
        return session().command(EslCommands.event(format, names));
    }

    public CompletableFuture<CommandReply> myevents(EventFormat format, String uuid) {
        return session().command(EslCommands.myevents(format, uuid));
    }

    public CompletableFuture<CommandReply> filter(String header, String value) {
        subscriptions.filter(header, value);
        return session().command(EslCommands.filter(header, value));
    }

    public CompletableFuture<CommandReply> filterDelete(String header, String value) {
        subscriptions.filterDelete(header, value);
        return session().command(EslCommands.filterDelete(header, value));
    }

    public CompletableFuture<CommandReply> filterDeleteAll() {
        subscriptions.filterDeleteAll();
        return session().command(EslCommands.filterDeleteAll());
    }

    public CompletableFuture<CommandReply> nixevent(String... names) {
        subscriptions.nix(List.of(names));
        return session().command(EslCommands.nixevent(names));
    }

    public CompletableFuture<CommandReply> noevents() {
        subscriptions.noevents();
        return session().command(EslCommands.noevents());
    }

    public CompletableFuture<CommandReply> sendmsg(String uuid, SendMsg msg) {
        return sendmsg(uuid, msg, null);
    }

    public CompletableFuture<CommandReply> sendmsg(String uuid, SendMsg msg, Executor origin) {
        return session().command(EslCommands.sendmsg(uuid, msg), origin);
    }

    public CompletableFuture<CommandReply> sendevent(String eventName, Map<String, String> headers, String body) {
        return session().command(EslCommands.sendevent(eventName, headers, body));
    }

    public CompletableFuture<CommandReply> linger() {
        subscriptions.linger(true);
        return session().command(EslCommands.linger());
    }

    public CompletableFuture<CommandReply> nolinger() {
        subscriptions.linger(false);
        return session().command(EslCommands.nolinger());
    }

    public CompletableFuture<CommandReply> log(String level) {
        subscriptions.log(level);
        return session().command(EslCommands.log(level));
    }

    public CompletableFuture<CommandReply> nolog() {
        subscriptions.log(null);
        return session().command(EslCommands.nolog());
    }

    /** Says goodbye ({@code exit}); FreeSWITCH answers {@code +OK bye} and closes. The client does not reconnect. */
    public CompletableFuture<CommandReply> exit() {
        closing = true;
        return session().command(EslCommands.exit());
    }

    /**
     * Completes once the listeners have been handed every event received so far on dispatch lane
     * 0 (with {@code dispatchLanes(1)}: every event). After a command's reply, this tells a replay
     * that all the switch sent before the reply has been seen by the listeners (the intake saw it
     * before the reply was read).
     */
    public CompletableFuture<Void> eventsDelivered() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        dispatcher.execute(() -> done.complete(null));
        return done;
    }

    public void addListener(EventListener listener) {
        dispatcher.addListener(listener);
    }

    public void removeListener(EventListener listener) {
        dispatcher.removeListener(listener);
    }

    public void addConnectionListener(ConnectionListener listener) {
        connectionListeners.add(listener);
    }

    public boolean isConnected() {
        EslSession s = session;
        return s != null && s.isOpen();
    }

    public DispatchStats stats() {
        return dispatcher.stats();
    }

    /** Events and gaps the intake threw on (each logged). */
    public long intakeErrors() {
        return intakeErrors.get();
    }

    public EslClientOptions options() {
        return options;
    }

    /** Closes the connection and stops reconnecting. Pending futures fail. */
    @Override
    public void close() {
        closing = true;
        EslSession s = session;
        if (s != null) {
            s.close();
            if (s.channel() != null) {
                s.channel().closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
        dispatcher.close();
        callbackThread.shutdown();
    }
}
