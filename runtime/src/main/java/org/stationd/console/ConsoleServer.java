package org.stationd.console;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.stationd.config.ConsoleConfig;
import org.stationd.host.StationHost;
import org.stationd.metrics.Metrics;

/**
 * The web console and {@code /metrics}, served by the host itself over Netty HTTP (docs/console.md).
 * Started beside a running {@link StationHost}; closed before it.
 */
public final class ConsoleServer implements AutoCloseable {
    /** A request body over this is refused (413): the API takes small JSON objects. */
    static final int MAX_BODY = 64 * 1024;

    private final EventLoopGroup group;
    private final ExecutorService workers;
    private final EventFeed feed;
    private final Channel channel;
    private final ConsoleConfig config;

    private ConsoleServer(StationHost host, ConsoleConfig config, Metrics metrics) throws InterruptedException {
        this.config = config;
        this.group = new MultiThreadIoEventLoopGroup(1, Thread.ofPlatform().name("console-http").daemon(true).factory(), NioIoHandler.newFactory());
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("console-request-", 0).factory());
        this.feed = new EventFeed(host.bus(), host.perEventOutput());
        ConsoleHandler handler = new ConsoleHandler(new Access(config), new Api(host, feed), feed, metrics::scrape, workers);
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(8192, 16 * 1024, 8192))
                                .addLast(new HttpObjectAggregator(MAX_BODY))
                                .addLast(handler);
                    }
                });
        try {
            this.channel = b.bind(new InetSocketAddress(config.host(), config.port())).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    /** Listens as {@code config} says; throws when the address cannot be bound. */
    public static ConsoleServer start(StationHost host, ConsoleConfig config) throws InterruptedException {
        return new ConsoleServer(host, config, Metrics.global());
    }

    /** The bound port (the one chosen when the config said 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The console's address for a browser. */
    public String url() {
        String h = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        if (h.equals("0.0.0.0") || h.equals("[::]")) h = "127.0.0.1";
        return "http://" + h + ":" + port() + "/";
    }

    @Override
    public void close() {
        if (feed != null) feed.close();
        if (channel != null) channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownNow();
    }
}
