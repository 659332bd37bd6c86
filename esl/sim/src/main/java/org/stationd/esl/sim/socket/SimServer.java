package org.stationd.esl.sim.socket;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.codec.EslProtocolException;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.codec.CommandFrame;
import org.stationd.esl.codec.EslCommandDecoder;

/**
 * The switch's TCP side: listens for Event Socket clients (real TCP, Netty), and connects out for
 * the {@code socket} application. Netty threads only move bytes; every decoded command is handed
 * to the switch thread, so no switch state is touched off it.
 */
public final class SimServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimServer.class);

    private final SwitchCore core;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final List<EslConnection> connections = new CopyOnWriteArrayList<>();
    private volatile Channel listener;
    private volatile int boundPort;

    public SimServer(SwitchCore core) {
        this.core = core;
        this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(Math.min(4, Math.max(1, Runtime.getRuntime().availableProcessors())), NioIoHandler.newFactory());
    }

    /** Starts listening; port 0 picks a free one (kept across {@link #unbind}/{@link #bind} cycles). */
    public void bind(String host, int port) throws InterruptedException {
        int p = port == 0 && boundPort != 0 ? boundPort : port;
        Channel ch = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel sc) {
                        EslConnection conn = new EslConnection(core, sc);
                        connections.add(conn);
                        sc.pipeline().addLast(new EslCommandDecoder(), new Handler(conn, true));
                    }
                })
                .bind(host, p).sync().channel();
        listener = ch;
        boundPort = ((InetSocketAddress) ch.localAddress()).getPort();
    }

    /** Stops listening: new connections are refused (the switch is down). */
    public void unbind() {
        Channel ch = listener;
        listener = null;
        if (ch != null) {
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }

    public boolean isListening() {
        Channel ch = listener;
        return ch != null && ch.isActive();
    }

    public int port() {
        return boundPort;
    }

    public List<EslConnection> connections() {
        return new ArrayList<>(connections);
    }

    void forget(EslConnection c) {
        connections.remove(c);
    }

    /**
     * Connects to an outbound-socket server for {@code ch}; on the switch thread, {@code onConnected}
     * gets the new connection or {@code onFailed} the error.
     */
    public void connectOut(String host, int port, org.stationd.esl.sim.channel.Channel ch, boolean async, boolean full,
                           Consumer<EslConnection> onConnected, Consumer<Throwable> onFailed) {
        new Bootstrap()
                .group(workers)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel sc) {
                        EslConnection conn = new EslConnection(core, sc);
                        // set up on channelActive, which comes before any command can be read
                        Handler h = new Handler(conn, false);
                        h.onActive = () -> {
                            connections.add(conn);
                            conn.openOutbound(ch, async, full);
                            onConnected.accept(conn);
                        };
                        sc.pipeline().addLast(new EslCommandDecoder(), h);
                    }
                })
                .connect(host, port)
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        core.clock().execute(() -> onFailed.accept(f.cause()));
                    }
                });
    }

    /** Netty side of one connection: decoded commands go to the switch thread. */
    private final class Handler extends SimpleChannelInboundHandler<CommandFrame> {
        private final EslConnection conn;
        private final boolean inbound;
        Runnable onActive;

        Handler(EslConnection conn, boolean inbound) {
            this.conn = conn;
            this.inbound = inbound;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (inbound) {
                core.clock().execute(conn::openInbound);
            } else if (onActive != null) {
                core.clock().execute(onActive);
            }
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, CommandFrame f) {
            core.clock().execute(() -> conn.onCommand(f));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            core.clock().execute(conn::onClosed);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof EslProtocolException || cause.getCause() instanceof EslProtocolException) {
                log.warn("{}: bad Event Socket input, closing: {}", ctx.channel().remoteAddress(), cause.getMessage());
            } else {
                log.debug("{}: {}", ctx.channel().remoteAddress(), cause.toString());
            }
            ctx.close();
        }
    }

    @Override
    public void close() {
        unbind();
        for (EslConnection c : connections) {
            c.drop();
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
