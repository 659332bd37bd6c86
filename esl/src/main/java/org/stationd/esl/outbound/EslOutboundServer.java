package org.stationd.esl.outbound;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.codec.EslFrameDecoder;
import org.stationd.esl.command.EslCommandEncoder;
import org.stationd.esl.command.EslCommands;
import org.stationd.esl.event.EslEvents;
import org.stationd.esl.session.EslSession;
import org.stationd.esl.session.Inbound;

/**
 * Accepts the connections FreeSWITCH's {@code socket host:port async full} application makes, one
 * per call: sends {@code connect}, reads the channel data, and hands an {@link OutboundSession} to
 * the handler on a virtual thread of its own.
 */
public final class EslOutboundServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EslOutboundServer.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

    private EslOutboundServer(String host, int port, OutboundHandler handler, Duration commandTimeout) throws InterruptedException {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        serverChannel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        OutboundEvents events = new OutboundEvents("esl-out-" + ch.remoteAddress().getPort());
                        EslSession session = new EslSession(Inbound.of(events.dispatcher(), handlers), events, commandTimeout, Duration.ofMinutes(5));
                        ch.pipeline().addLast(new EslFrameDecoder(), EslCommandEncoder.INSTANCE, session, new Starter(session, events, handler));
                    }
                })
                .bind(host, port).sync().channel();
    }

    public static EslOutboundServer start(int port, OutboundHandler handler) throws InterruptedException {
        return new EslOutboundServer("127.0.0.1", port, handler, Duration.ofSeconds(10));
    }

    public static EslOutboundServer start(String host, int port, OutboundHandler handler, Duration commandTimeout) throws InterruptedException {
        return new EslOutboundServer(host, port, handler, commandTimeout);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Sends {@code connect} as soon as the socket is up, then starts the handler with the channel data. */
    private final class Starter extends ChannelInboundHandlerAdapter {
        private final EslSession session;
        private final OutboundEvents events;
        private final OutboundHandler handler;

        Starter(EslSession session, OutboundEvents events, OutboundHandler handler) {
            this.session = session;
            this.events = events;
            this.handler = handler;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.fireChannelActive();
            session.send(EslCommands.connect()).whenComplete((reply, error) -> {
                if (error != null) {
                    log.warn("outbound connection from {} gave no channel data: {}", ctx.channel().remoteAddress(), error.getMessage());
                    ctx.close();
                    return;
                }
                OutboundSession s = new OutboundSession(session, EslEvents.fromConnectReply(reply), events);
                try {
                    handler.onSession(s);
                } catch (RuntimeException e) {
                    log.error("outbound handler failed for call {}", s.uuid(), e);
                }
            });
        }
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        handlers.shutdown();
    }
}
